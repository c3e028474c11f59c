package dev.referralkit.engine;

import static dev.referralkit.engine.EngineRulesTest.pay;
import static dev.referralkit.engine.EngineRulesTest.touch;
import static dev.referralkit.engine.LedgerRulesTest.payoutRun;
import static dev.referralkit.engine.MoneyEvents.confirmed;
import static dev.referralkit.engine.MoneyEvents.failed;
import static dev.referralkit.engine.MoneyEvents.review;
import static org.assertj.core.api.Assertions.assertThat;

import dev.referralkit.RejectionCode;
import dev.referralkit.engine.stage.PartnerEvents;
import dev.referralkit.engine.stage.PartnerMessage;
import dev.referralkit.engine.state.KeyValueStateStore;
import dev.referralkit.event.Event;
import dev.referralkit.json.ReferralKitJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/payouts.md §6: partner events are routed to their partner's stage, checked in SPEC.md §3's order, and a refused
 * one changes nothing (the snapshot is byte-identical), over both stores.
 */
class PartnerEventsTest {
    static final String PROGRAM = "{\"currency\":\"USD\",\"holdDays\":0,\"rewards\":{\"payment\":{\"type\":\"percent\",\"percent\":\"20\"}},"
            + "\"risk\":[{\"type\":\"approval_threshold\",\"amount\":{\"USD\":\"50.00\"}}]}";

    static ReferralEngine engine(boolean keyValue) {
        ReferralProgram p = ReferralProgram.parse(PROGRAM, "[{\"id\":\"p1\"},{\"id\":\"p2\"}]");
        ReferralEngine e = keyValue ? ReferralEngine.open(p.program(), p.partners(), KeyValueStateStore.inMemory()) : ReferralEngine.create(p);
        for (String event : List.of(touch("t1", "2026-01-01T00:00:00Z", "p1", "c1"), pay("i1", "2026-01-02T00:00:00Z", "c1", "100.00", "USD"),
                touch("t2", "2026-01-01T00:00:00Z", "p1", "c2"), pay("i2", "2026-01-02T00:00:00Z", "c2", "1000.00", "USD"),
                payoutRun("run1", "2026-01-31T00:00:00Z"), confirmed("pc1", "2026-02-01T00:00:00Z", "p1", "run1/p1/USD/payout", "tr_1"))) {
            assertThat(process(e, event).isAccepted()).as(event).isTrue();
        }
        return e;
    }

    static Outcome process(ReferralEngine engine, String json) {
        return engine.process(ReferralKitJson.readTree(json, RejectionCode.INVALID_EVENT));
    }

    @Test
    void each_bad_partner_event_is_refused_with_its_code_and_changes_nothing() {
        for (boolean keyValue : new boolean[] {false, true}) {
            ReferralEngine engine = engine(keyValue);
            String before = engine.snapshot();
            List<String[]> bad = List.of(
                    new String[] {confirmed("x1", "2026-02-02T00:00:00Z", "p1", "run1/p2/USD/payout", null), "UNKNOWN_PAYOUT"},
                    new String[] {confirmed("x2", "2026-02-02T00:00:00Z", "p1", "run1/p1/USD/payout", "tr_2"), "PAYOUT_CONFLICT"},
                    new String[] {confirmed("x3", "2026-02-02T00:00:00Z", "p1", "run1/p1/USD/payout", "tr_1"), "DUPLICATE"},
                    new String[] {confirmed("pc1", "2026-02-01T00:00:00Z", "p1", "run1/p1/USD/payout", "tr_1"), "DUPLICATE"},
                    new String[] {confirmed("pc1", "2026-02-03T00:00:00Z", "p1", "run1/p1/USD/payout", "tr_1"), "DUPLICATE_CONFLICT"},
                    new String[] {failed("x4", "2026-01-30T00:00:00Z", "p1", "run1/p1/USD/payout", "late"), "LATE_EVENT"},
                    new String[] {review("x5", "2026-02-02T00:00:00Z", "p1", "i1/p1/commission", "release"), "NOT_HELD"},
                    new String[] {review("x6", "2026-02-02T00:00:00Z", "p9", "i2/p1/commission", "release"), "UNKNOWN_PARTNER"},
                    new String[] {review("x7", "2026-02-02T00:00:00Z", "p1", "i2/p1/commission", "keep"), "INVALID_EVENT"},
                    new String[] {"{\"type\":\"payout_failed\",\"id\":\"x8\",\"at\":\"2026-02-02T00:00:00Z\",\"partner\":\"p1\","
                            + "\"payout\":\"run1/p1/USD/payout\"}", "INVALID_EVENT"});
            for (String[] b : bad) {
                Outcome o = process(engine, b[0]);
                assertThat(o.rejection()).as(b[0]).hasValueSatisfying(r -> assertThat(r.code().name()).isEqualTo(b[1]));
                assertThat(engine.snapshot()).as("after %s", b[0]).isEqualTo(before);
            }
            // and the good ones still go through afterwards
            assertThat(process(engine, review("rv1", "2026-02-02T00:00:00Z", "p1", "i2/p1/commission", "release")).holds()).hasSize(1);
        }
    }

    @Test
    void partner_events_route_to_their_partner_and_nothing_else_does() {
        Event review = ReferralKitJson.read(review("rv1", "2026-02-02T00:00:00Z", "p1", "i2/p1/commission", "void"), Event.class,
                RejectionCode.INVALID_EVENT);
        assertThat(PartnerEvents.route(review)).containsInstanceOf(PartnerMessage.Keyed.class);
        assertThat(PartnerEvents.key(review)).contains("p1");
        Event payment = ReferralKitJson.read(pay("i1", "2026-01-02T00:00:00Z", "c1", "100.00", "USD"), Event.class, RejectionCode.INVALID_EVENT);
        assertThat(PartnerEvents.route(payment)).isEmpty();
        assertThat(review.customerId()).isEmpty();
    }
}
