package dev.referralkit.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.event.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class HardenedMapperTest {
    private static ReferralKitException refusal(String json) {
        try {
            ReferralKitJson.read(json, Event.class, RejectionCode.INVALID_EVENT);
        } catch (ReferralKitException e) {
            return e;
        }
        throw new AssertionError("accepted: " + json);
    }

    @Test
    void duplicate_keys_fail() {
        ReferralKitException e = refusal("{\"type\":\"payout_run\",\"id\":\"a\",\"id\":\"b\",\"at\":\"2026-01-01T00:00:00Z\"}");
        assertThat(e.code()).isEqualTo(RejectionCode.INVALID_EVENT);
        assertThat(e.getMessage()).isEqualTo("line 1, column 35: /id: duplicate key \"id\" (a key may appear once in an object)");
    }

    @Test
    void unknown_keys_fail_and_name_the_allowed_ones() {
        ReferralKitException e = refusal("{\"type\":\"payout_run\",\"id\":\"a\",\"at\":\"2026-01-01T00:00:00Z\",\"extra\":1}");
        assertThat(e.code()).isEqualTo(RejectionCode.INVALID_EVENT);
        assertThat(e.getMessage()).isEqualTo("line 1, column 59: /extra: \"extra\" is not a known key; allowed: at, id");
    }

    @Test
    void trailing_tokens_fail() {
        assertThat(refusal("{\"type\":\"payout_run\",\"id\":\"a\",\"at\":\"2026-01-01T00:00:00Z\"} {}").code())
                .isEqualTo(RejectionCode.INVALID_EVENT);
    }

    @Test
    void class_name_type_ids_are_not_types() {
        ReferralKitException e = refusal("{\"type\":\"dev.referralkit.event.ImmutablePayoutRun\",\"id\":\"a\",\"at\":\"2026-01-01T00:00:00Z\"}");
        assertThat(e.field()).isEqualTo("type");
        assertThat(e.pointer()).contains("/type");
        assertThat(e.getMessage()).contains("is not a known type");
        assertThat(refusal("[\"java.util.HashMap\",{}]").code()).isEqualTo(RejectionCode.INVALID_EVENT);
    }

    @Test
    void amounts_must_be_strings_not_numbers() {
        ReferralKitException e = refusal("{\"type\":\"payment\",\"id\":\"i1\",\"at\":\"2026-01-01T00:00:00Z\",\"customer\":\"c\","
                + "\"amount\":10.5,\"currency\":\"USD\"}");
        assertThat(e.code()).isEqualTo(RejectionCode.INVALID_AMOUNT);
        assertThat(e.getMessage()).isEqualTo("amount \"10.5\" must be a JSON string holding a plain decimal");
    }

    @Test
    void strings_are_not_coerced_from_numbers() {
        ReferralKitException e = refusal("{\"type\":\"lead\",\"id\":7,\"at\":\"2026-01-01T00:00:00Z\",\"customer\":\"c\"}");
        assertThat(e.code()).isEqualTo(RejectionCode.INVALID_EVENT);
    }

    @Test
    @Timeout(10)
    void deep_nesting_is_refused() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        ReferralKitException e = org.assertj.core.api.Assertions.catchThrowableOfType(ReferralKitException.class,
                () -> ReferralKitJson.readTree(deep, RejectionCode.INVALID_EVENT));
        assertThat(e.code()).isEqualTo(RejectionCode.INVALID_EVENT);
        assertThat(e.getMessage()).isEqualTo("line 1, column 66: nested deeper than 64 levels");
    }

    @Test
    @Timeout(10)
    void a_twenty_megabyte_string_is_refused() {
        String big = "{\"type\":\"lead\",\"id\":\"" + "x".repeat(20_000_000) + "\",\"at\":\"2026-01-01T00:00:00Z\",\"customer\":\"c\"}";
        ReferralKitException e = refusal(big);
        assertThat(e.code()).isEqualTo(RejectionCode.INVALID_EVENT);
        assertThat(e.getMessage()).isEqualTo("line 1, column 16: /id: a string longer than 1000000 characters");
    }

    @Test
    @Timeout(10)
    void a_huge_exponent_number_is_refused_quickly() {
        ReferralKitException e = refusal("{\"type\":\"payment\",\"id\":\"x4\",\"at\":\"2026-01-01T00:00:00Z\",\"customer\":\"c\","
                + "\"amount\":1e-100000000,\"currency\":\"USD\"}");
        assertThat(e.code()).isEqualTo(RejectionCode.INVALID_AMOUNT);
        ReferralKitException s = refusal("{\"type\":\"payment\",\"id\":\"x4\",\"at\":\"2026-01-01T00:00:00Z\",\"customer\":\"c\","
                + "\"amount\":\"1e-100000000\",\"currency\":\"USD\"}");
        assertThat(s.code()).isEqualTo(RejectionCode.INVALID_AMOUNT);
        assertThat(s.field()).isEqualTo("amount");
    }

    @Test
    void long_numbers_are_refused_by_the_stream_limit() {
        ReferralKitException e = refusal("{\"type\":\"payout_run\",\"id\":\"a\",\"at\":\"2026-01-01T00:00:00Z\",\"n\":"
                + "1".repeat(100) + "}");
        assertThat(e.getMessage()).isEqualTo("line 1, column 163: /n: a number longer than 40 characters (amounts are strings, like \"49.90\")");
    }

    @Test
    void missing_and_null_keys_are_named() {
        ReferralKitException missing = refusal("{\"type\":\"payment\",\"id\":\"i1\",\"at\":\"2026-01-01T00:00:00Z\",\"customer\":\"c\",\"currency\":\"USD\"}");
        assertThat(missing.code()).isEqualTo(RejectionCode.INVALID_EVENT);
        assertThat(missing.getMessage()).isEqualTo("line 1, column 1: missing required key(s): amount");
        ReferralKitException nul = refusal("{\"type\":\"lead\",\"id\":\"l1\",\"at\":\"2026-01-01T00:00:00Z\",\"customer\":null}");
        assertThat(nul.code()).isEqualTo(RejectionCode.INVALID_EVENT);
        assertThat(nul.getMessage()).contains("customer");
    }

    @Test
    void instants_need_an_offset() {
        ReferralKitException e = refusal("{\"type\":\"payout_run\",\"id\":\"a\",\"at\":\"2026-01-01T00:00:00\"}");
        assertThat(e.code()).isEqualTo(RejectionCode.INVALID_EVENT);
        assertThat(e.getMessage()).isEqualTo("at \"2026-01-01T00:00:00\" is not an ISO-8601 instant with Z or an offset, like 2026-01-01T10:00:00Z");
    }

    @Test
    void output_is_deterministic_with_sorted_maps() {
        Event event = ReferralKitJson.read("{\"type\":\"payment\",\"id\":\"i1\",\"at\":\"2026-01-01T00:00:00Z\",\"customer\":\"c\","
                + "\"amount\":\"1.5\",\"currency\":\"USD\",\"attributes\":{\"z\":\"1\",\"a\":\"2\"}}", Event.class, RejectionCode.INVALID_EVENT);
        assertThat(ReferralKitJson.write(event)).isEqualTo("{\"type\":\"payment\",\"id\":\"i1\",\"at\":\"2026-01-01T00:00:00Z\","
                + "\"customer\":\"c\",\"amount\":\"1.50\",\"currency\":\"USD\",\"attributes\":{\"a\":\"2\",\"z\":\"1\"}}");
    }
}
