package dev.referralkit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.referralkit.engine.stage.MessageCodec;
import dev.referralkit.engine.stage.Notification;
import dev.referralkit.engine.stage.PartnerMessage;
import dev.referralkit.event.ImmutableLeadStage;
import dev.referralkit.event.ImmutablePayment;
import dev.referralkit.ledger.EntryKind;
import dev.referralkit.ledger.Explanation;
import dev.referralkit.ledger.ImmutableEntry;
import dev.referralkit.money.Ratio;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The binary form of the messages between the stages: every kind round-trips; bad bytes are refused. */
class MessageCodecTest {
    private static final Currency USD = Currency.getInstance("USD");

    @Test
    void every_kind_of_message_survives_its_binary_form() {
        List<PartnerMessage> messages = List.of(
                new PartnerMessage.Click("p1", "t1", "c1", 1_767_225_600_000_000_000L),
                new PartnerMessage.LeadEarned("p1", "l1", "c1", 5L, Ratio.of(1, 3), 4L, Map.of("plan", "pro", "seats", "3")),
                new PartnerMessage.PaymentEarned("p1", ImmutablePayment.builder().id("i1").at(Instant.parse("2026-01-03T10:00:00Z"))
                        .customer("c1").amount(new BigDecimal("100.00")).currency(USD).product("pro").putAttributes("k", "v").build(),
                        -7L, 12L, 3333L, Ratio.of(1, 3), 2, 99L, true, false, 98L, Long.MIN_VALUE, Map.of()),
                new PartnerMessage.StageEarned("p1", ImmutableLeadStage.builder().id("s1").at(Instant.parse("2026-02-01T10:00:00Z"))
                        .customer("c1").stage("won").amount(new BigDecimal("1200.00")).currency(USD).build(), 120000L, Ratio.ONE, true,
                        97L, Map.of("plan", "pro")),
                new PartnerMessage.Notified("p1", new Notification.StageChanged("p1", "c1", "s1", "qualified", "won",
                        Instant.parse("2026-02-01T10:00:00Z"))),
                new PartnerMessage.Notified("p1", new Notification.LeadReceived("p1", "c1", "l1", Instant.parse("2026-01-01T10:00:00Z"))),
                new PartnerMessage.Notified("p1", new Notification.LevelChanged("p1", null, "gold", "promoted", Instant.parse("2026-04-01T00:00:00Z"))),
                new PartnerMessage.Refunded("p1", "r1", 7L, null, "i1", -7L, 12L, USD, 10000L, 0L, 4000L),
                new PartnerMessage.Refunded("p1", "r2", 8L, "c1", "i1", -7L, 12L, USD, 10000L, 4000L, 10000L),
                new PartnerMessage.Booked("p0", ImmutableEntry.builder().id("i1/p1/commission/parent/p0").kind(EntryKind.PARENT_SHARE)
                        .partner("p0").customer("c1").event("i1").amount(new BigDecimal("2.00")).currency(USD)
                        .availableAt(Instant.parse("2026-02-02T10:00:00Z")).explanation(Explanation.of("parent_share", "10% of 20.00 USD"))
                        .build()),
                new PartnerMessage.Close("p1", "run-1", 9L),
                new PartnerMessage.Pay("p1", "run-1", 9L),
                new PartnerMessage.Screened("p1", new PartnerMessage.LeadEarned("p1", "l1", "c1", 5L, Ratio.ONE, 4L, Map.of("email", "a@b.c")),
                        3L, List.of("p0", "p2"), List.of()),
                new PartnerMessage.Screened("p1", new PartnerMessage.PaymentEarned("p1", ImmutablePayment.builder().id("i1")
                        .at(Instant.parse("2026-01-03T10:00:00Z")).customer("c1").amount(new BigDecimal("10.00")).currency(USD).build(),
                        1L, 2L, 1000L, Ratio.ONE, 1, 3L, true, false, 2L, Long.MIN_VALUE, Map.of()), Long.MIN_VALUE, List.of(), List.of("p3")),
                new PartnerMessage.BookedHeld("p0", ImmutableEntry.builder().id("i1/p1/commission/parent/p0").kind(EntryKind.PARENT_SHARE)
                        .partner("p0").event("i1").amount(new BigDecimal("2.00")).currency(USD)
                        .availableAt(Instant.parse("2026-02-02T10:00:00Z")).explanation(Explanation.of("parent_share", "10%")).build(),
                        "p1", "i1/p1/commission", "approval_threshold", "NEEDS_APPROVAL"),
                new PartnerMessage.HoldEnded("p0", "p1", "i1/p1/commission", "rv1", 11L, true),
                new PartnerMessage.Keyed("p1", dev.referralkit.event.ImmutableReview.builder().id("rv1").at(Instant.parse("2026-02-01T00:00:00Z"))
                        .partner("p1").entry("i1/p1/commission").decision(dev.referralkit.event.ReviewDecision.VOID).note("fraud").build()),
                new PartnerMessage.Keyed("p1", dev.referralkit.event.ImmutablePayoutFailed.builder().id("pf1")
                        .at(Instant.parse("2026-02-01T00:00:00Z")).partner("p1").payout("run1/p1/USD/payout").reason("closed").build()),
                new PartnerMessage.Keyed("p1", dev.referralkit.event.ImmutablePayoutConfirmed.builder().id("pc1")
                        .at(Instant.parse("2026-02-01T00:00:00Z")).partner("p1").payout("run1/p1/USD/payout").build()),
                new PartnerMessage.Keyed("p1", dev.referralkit.event.ImmutableTaxForm.builder().id("tf1")
                        .at(Instant.parse("2026-02-01T00:00:00Z")).partner("p1").form("W-9").build()));
        for (PartnerMessage m : messages) {
            PartnerMessage back = MessageCodec.decode(MessageCodec.encode(m));
            assertThat(back).as("%s", m).isEqualTo(m);
            if (m instanceof PartnerMessage.Booked b) {
                assertThat(((PartnerMessage.Booked) back).entry().explanation().text()).isEqualTo(b.entry().explanation().text());
            }
        }
    }

    @Test
    void an_unknown_version_or_kind_and_truncated_bytes_are_refused() {
        byte[] ok = MessageCodec.encode(new PartnerMessage.Close("p1", "run-1", 9L));
        byte[] newer = ok.clone();
        newer[0] = 2;
        assertThatThrownBy(() -> MessageCodec.decode(newer)).hasMessage("partner message of version 2; this code reads version 1");
        byte[] unknown = ok.clone();
        unknown[1] = 42;
        assertThatThrownBy(() -> MessageCodec.decode(unknown)).hasMessage("unknown partner message kind 42");
        assertThatThrownBy(() -> MessageCodec.decode(java.util.Arrays.copyOf(ok, ok.length - 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
    }
}
