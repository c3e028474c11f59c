package dev.referralkit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.referralkit.RejectionCode;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.program.ImmutablePartner;
import dev.referralkit.program.Program;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine keeps amounts as 64-bit minor units (docs/engine.md §1): an amount of a 4-decimal currency
 * from about 9.2×10^14 up to the 10^15 every Money allows does not fit. Such an event is rejected with
 * {@code INVALID_AMOUNT}, naming the amount and the largest that fits, and changes nothing — it is not an
 * internal error.
 */
class MinorUnitRangeTest {
    private static final Program PROGRAM = Program.parse(
            "{\"currency\":\"USD\",\"holdDays\":0,\"rewards\":{\"payment\":{\"type\":\"percent\",\"percent\":\"10\"}}}");

    private static JsonNode json(String text) {
        return ReferralKitJson.readTree(text, RejectionCode.INVALID_EVENT);
    }

    private static ReferralEngine engine() {
        ReferralEngine engine = ReferralEngine.create(PROGRAM, List.of(ImmutablePartner.builder().id("p0").build()));
        assertThat(engine.process(json("{\"type\":\"touch\",\"id\":\"t1\",\"at\":\"2026-01-01T00:00:00Z\",\"partner\":\"p0\","
                + "\"customer\":\"c1\",\"channel\":\"link\"}")).isAccepted()).isTrue();
        return engine;
    }

    @Test
    void a_payment_beyond_64_bit_minor_units_is_rejected_and_changes_nothing() {
        ReferralEngine engine = engine();
        String before = engine.snapshot();
        Outcome o = engine.process(json("{\"type\":\"payment\",\"id\":\"i1\",\"at\":\"2026-01-01T08:00:00Z\",\"customer\":\"c1\","
                + "\"amount\":\"999999999999999.9999\",\"currency\":\"CLF\"}"));
        assertThat(o.rejection()).hasValueSatisfying(r -> {
            assertThat(r.code()).isEqualTo(RejectionCode.INVALID_AMOUNT);
            assertThat(r.message()).contains("999999999999999.9999 CLF").contains("922337203685477.5807 CLF");
        });
        assertThat(engine.snapshot()).isEqualTo(before);
        // the largest amount that fits is accepted
        assertThat(engine.process(json("{\"type\":\"payment\",\"id\":\"i2\",\"at\":\"2026-01-01T09:00:00Z\",\"customer\":\"c1\","
                + "\"amount\":\"922337203685477.5807\",\"currency\":\"CLF\"}")).isAccepted()).isTrue();
    }

    @Test
    void a_refund_beyond_64_bit_minor_units_is_rejected_and_changes_nothing() {
        ReferralEngine engine = engine();
        assertThat(engine.process(json("{\"type\":\"payment\",\"id\":\"i1\",\"at\":\"2026-01-01T08:00:00Z\",\"customer\":\"c1\","
                + "\"amount\":\"10.0000\",\"currency\":\"CLF\"}")).isAccepted()).isTrue();
        String before = engine.snapshot();
        Outcome o = engine.process(json("{\"type\":\"refund\",\"id\":\"r1\",\"at\":\"2026-01-02T00:00:00Z\",\"payment\":\"i1\","
                + "\"amount\":\"999999999999999.99\"}"));
        assertThat(o.rejection()).hasValueSatisfying(r -> assertThat(r.code()).isEqualTo(RejectionCode.INVALID_AMOUNT));
        assertThat(engine.snapshot()).isEqualTo(before);
    }

    @Test
    void a_commission_beyond_64_bit_minor_units_rejects_the_whole_event() {
        Program clf = Program.parse(
                "{\"currency\":\"CLF\",\"holdDays\":0,\"rewards\":{\"payment\":{\"type\":\"percent\",\"percent\":\"1000\"}}}");
        ReferralEngine engine = ReferralEngine.create(clf, List.of(ImmutablePartner.builder().id("p0").build()));
        assertThat(engine.process(json("{\"type\":\"touch\",\"id\":\"t1\",\"at\":\"2026-01-01T00:00:00Z\",\"partner\":\"p0\","
                + "\"customer\":\"c1\",\"channel\":\"link\"}")).isAccepted()).isTrue();
        String before = engine.snapshot();
        // the payment fits (93 × 10^12 CLF); ten times it, the commission, does not
        Outcome o = engine.process(json("{\"type\":\"payment\",\"id\":\"i1\",\"at\":\"2026-01-01T08:00:00Z\",\"customer\":\"c1\","
                + "\"amount\":\"93000000000000\",\"currency\":\"CLF\"}"));
        assertThat(o.rejection()).hasValueSatisfying(r -> {
            assertThat(r.code()).isEqualTo(RejectionCode.INVALID_AMOUNT);
            assertThat(r.message()).contains("930000000000000.0000 CLF").contains("the entries it makes");
        });
        assertThat(engine.snapshot()).isEqualTo(before);
    }
}
