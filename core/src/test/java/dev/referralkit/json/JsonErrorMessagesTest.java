package dev.referralkit.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.event.Event;
import dev.referralkit.event.PayoutRun;
import dev.referralkit.program.Program;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 17: every refusal of JSON text says where (line, column, JSON pointer) and what, in our words;
 * none names a library class, feature or setting. Each row is a hostile input and its exact message.
 */
class JsonErrorMessagesTest {
    /** Words that only a library's own message would hold. */
    private static final List<String> FOREIGN = List.of("com.fasterxml", "Jackson", "jackson", "StreamReadConstraints",
            "REDACTED", "Immutable", "FAIL_ON", "Exception", "POJO", "Source:", "`");

    private static final String RUN = "{\"type\":\"payout_run\",\"id\":\"a\",\"at\":\"2026-01-01T00:00:00Z\"";

    private static Arguments event(String json, String message) {
        return Arguments.of("event", json, message);
    }

    private static Arguments program(String json, String message) {
        return Arguments.of("program", json, message);
    }

    private static Arguments tree(String json, String message) {
        return Arguments.of("tree", json, message);
    }

    static Stream<Arguments> hostile() {
        return Stream.of(
            // syntax
            program("{\"currency\":\"USD\",}", "line 1, column 19: unexpected '}': expected a key in double quotes"),
            program("{\"currency\" \"USD\"}", "line 1, column 13: unexpected '\"': expected ':' after a key"),
            program("{\"currency\":\"USD\" \"holdDays\":1}", "line 1, column 19: unexpected '\"': expected ',' or '}'"),
            program("{\"currency\":tru}", "line 1, column 16: unexpected \"tru\": expected a value (a string, number, object, array, true, false or null)"),
            program("{\"currency\":}", "line 1, column 13: unexpected '}': expected a value (a string, number, object, array, true, false or null)"),
            program("{\"currency\":\"USD\",\"bonuses\":[}", "line 1, column 30: unexpected '}': expected ']'"),
            program("{\"currency\":\"USD\",\n\"rewards\":{", "line 2, column 12: the text ends before an object is closed with '}'"),
            program("{\"currency\":\"USD", "line 1, column 17: the text ends inside a string"),
            program("{\"currency\":\"US\u0001D\"}", "line 1, column 16: a control character inside a string must be escaped (like \\n)"),
            program("{\"currency\":\"US\\qD\"}", "line 1, column 17: \"\\q\" is not a JSON escape"),
            program("{\"currency\":\"USD\",\"holdDays\":NaN}", "line 1, column 33: unexpected \"NaN\": expected a value (a string, number, object, array, true, false or null)"),
            program("{\"currency\":\"USD\",\"holdDays\":01}", "line 1, column 31: not a valid JSON number"),
            program("", "the document is empty"),
            event(RUN + "} {}", "line 1, column 60: more JSON after the end of the value (a document holds one value)"),
            event("{\"type\":\"payout_run\",\"id\":\"a\",\"at\":\uFEFF\"2026-01-01T00:00:00Z\"}",
                    "line 1, column 36: unexpected byte-order mark (U+FEFF): expected a value (a string, number, object, array, true, false or null)"),
            // duplicate keys
            event("{\"type\":\"payout_run\",\"id\":\"a\",\n\"id\":\"b\",\"at\":\"2026-01-01T00:00:00Z\"}",
                    "line 2, column 5: /id: duplicate key \"id\" (a key may appear once in an object)"),
            program("{\"currency\":\"USD\",\"payout\":{\"minimum\":{\"USD\":\"1.00\",\"USD\":\"2.00\"}}}",
                    "line 1, column 58: /payout/minimum/USD: duplicate key \"USD\" (a key may appear once in an object)"),
            tree("{\"a\":{\"b\":1,\"b\":2}}", "line 1, column 16: /a/b: duplicate key \"b\" (a key may appear once in an object)"),
            // size limits
            program("{\"currency\":\"USD\",\"holdDays\":" + "1".repeat(100) + "}",
                    "line 1, column 130: /holdDays: a number longer than 40 characters (amounts are strings, like \"49.90\")"),
            tree("[".repeat(100) + "]".repeat(100), "line 1, column 66: nested deeper than 64 levels"),
            program("{\"currency\":\"" + "x".repeat(1_000_001) + "\"}", "line 1, column 2: /currency: a string longer than 1000000 characters"),
            program("{\"" + "x".repeat(300) + "\":1}", "line 1, column 304: a key longer than 256 characters"),
            // types and keys
            event("{\"type\":\"click\",\"id\":\"u\",\"at\":\"2026-01-03T10:00:00Z\"}",
                    "line 1, column 2: /type: type \"click\" is not a known type; known: lead, lead_stage, partner, payment, payout_confirmed, payout_failed, payout_run, refund, registration, registration_decision, review, tax_form, touch"),
            event("{\"type\":\"java.util.HashMap\",\"id\":\"u\"}",
                    "line 1, column 2: /type: type \"java.util.HashMap\" is not a known type; known: lead, lead_stage, partner, payment, payout_confirmed, payout_failed, payout_run, refund, registration, registration_decision, review, tax_form, touch"),
            event("{\"id\":\"a\"}", "line 1, column 1: missing key \"type\": one of lead, lead_stage, partner, payment, payout_confirmed, payout_failed, payout_run, refund, registration, registration_decision, review, tax_form, touch"),
            event(RUN + ",\"extra\":1}", "line 1, column 59: /extra: \"extra\" is not a known key; allowed: at, id"),
            program("{\"currency\":\"USD\",\"holdDay\":1}", "line 1, column 19: /holdDay: \"holdDay\" is not a known key; allowed: "
                    + "attributes, attribution, bonuses, currency, fx, groups, holdDays, levels, lifecycle, parentShare, payout, registrations, retention, rewards, risk, rounding, tax, timeZone, versions"),
            program("{\"currency\":\"USD\",\"holdDays\":\"12\"}", "line 1, column 19: /holdDays: expected a whole number, found a string"),
            program("{\"currency\":\"USD\",\"holdDays\":1.5}", "line 1, column 19: /holdDays: expected a whole number, found a number"),
            program("{\"currency\":\"USD\",\"holdDays\":null}", "line 1, column 19: /holdDays: expected a whole number, found null"),
            program("{\"currency\":\"USD\",\"holdDays\":99999999999}", "line 1, column 19: /holdDays: 99999999999 is out of range for a whole number"),
            program("{\"currency\":\"USD\",\"rewards\":[]}", "line 1, column 19: /rewards: expected an object, found an array"),
            program("{\"currency\":\"USD\",\"parentShare\":{\"levels\":\"10\"}}", "line 1, column 34: /parentShare/levels: expected an array, found a string"),
            program("{\"currency\":\"USD\",\"attribution\":{\"couponsWin\":\"yes\"}}", "line 1, column 34: /attribution/couponsWin: expected true or false, found a string"),
            program("[]", "line 1, column 1: expected an object, found an array"),
            program("{\"holdDays\":1}", "line 1, column 1: missing required key(s): currency"),
            event("{\"type\":\"lead\",\"id\":\"l1\",\"at\":\"2026-01-01T00:00:00Z\",\"customer\":\"c\",\"attributes\":{\"a\":1}}",
                    "line 1, column 83: /attributes/a: expected a string, found a number"),
            // our own field checks, inside a program: located at the field's key
            program("{\"currency\":\"USD\",\n \"attribution\":{\"windowDays\":-1}}", "line 2, column 17: /attribution/windowDays: windowDays \"-1\" must be between 0 and 36500"),
            program("{\"currency\":\"USD\",\"fx\":{\"EUR\":\"0\"}}", "line 1, column 25: /fx/EUR: fx.EUR \"0\" must be a positive rate below 10^9 with at most 12 decimals"),
            program("{\"currency\":\"USD\",\"timeZone\":\"Mars/Olympus\"}", "line 1, column 19: /timeZone: timeZone \"Mars/Olympus\" is not a time zone id such as UTC or Europe/Berlin"),
            program("{\"currency\":\"USD\",\"rounding\":\"ceiling\"}", "line 1, column 19: /rounding: rounding \"ceiling\" is not one of half_even, half_up, down"),
            program("{\"currency\":\"USD\",\"retention\":{\"refundDays\":0}}", "line 1, column 32: /retention/refundDays: refundDays \"0\" must be between 1 and 36500"),
            program("{\"currency\":\"usd\"}", "line 1, column 2: /currency: currency \"usd\" is not an ISO-4217 code (three upper-case letters)"),
            program("{\"currency\":\"USD\",\"parentShare\":{\"levels\":[\"10\",\"5.0000000\"]}}",
                    "line 1, column 49: /parentShare/levels/1: levels[1] \"5.0000000\" has 7 decimals, a percentage allows 6"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("hostile")
    @Timeout(10)
    void each_refusal_says_where_and_what_in_our_words(String kind, String json, String message) {
        ReferralKitException e = refusal(kind, json);
        assertThat(e.getMessage()).isEqualTo(message);
        assertThat(e.getMessage()).as("no library words").doesNotContain(FOREIGN);
        if (message.startsWith("line ")) {
            assertThat(e.line()).isPresent();
            assertThat(e.column()).isPresent();
        }
    }

    private static ReferralKitException refusal(String kind, String json) {
        Consumer<String> read;
        switch (kind) {
            case "event":
                read = j -> ReferralKitJson.read(j, Event.class, RejectionCode.INVALID_EVENT);
                break;
            case "program":
                read = Program::parse;
                break;
            default:
                read = j -> ReferralKitJson.readTree(j, RejectionCode.INVALID_EVENT);
        }
        ReferralKitException e = catchThrowableOfType(ReferralKitException.class, () -> read.accept(json));
        assertThat(e).as("refused: %s", json.length() > 200 ? json.substring(0, 200) : json).isNotNull();
        return e;
    }

    @Test
    void the_pointer_line_and_column_are_also_values() {
        ReferralKitException e = refusal("program", "{\"currency\":\"USD\",\n  \"payout\":{\"minimum\":{\"JPY\":\"-1\"}}}");
        assertThat(e.code()).isEqualTo(RejectionCode.INVALID_PROGRAM);
        assertThat(e.pointer()).contains("/payout/minimum/JPY");
        assertThat(e.line()).hasValue(2);
        assertThat(e.column()).hasValue(24);
        assertThat(e.getMessage()).isEqualTo("line 2, column 24: /payout/minimum/JPY: payout.minimum.JPY \"-1\" must not be negative");
    }

    @Test
    void a_document_may_start_with_a_byte_order_mark() {
        Event event = ReferralKitJson.read("\uFEFF" + RUN + "}", Event.class, RejectionCode.INVALID_EVENT);
        assertThat(event).isInstanceOf(PayoutRun.class);
        assertThat(ReferralKitJson.readTree("\uFEFF{\"a\":1}", RejectionCode.INVALID_EVENT).get("a").intValue()).isEqualTo(1);
        assertThat(Program.parse("\uFEFF{\"currency\":\"USD\"}").currency().getCurrencyCode()).isEqualTo("USD");
        // the line and column of a refusal are those of the text after the mark, as an editor shows them
        assertThat(refusal("program", "\uFEFF{\"currency\":\"USD\",}").getMessage())
                .isEqualTo("line 1, column 19: unexpected '}': expected a key in double quotes");
    }

    @Test
    void an_events_field_check_keeps_its_short_message() {
        ReferralKitException e = refusal("event", "{\"type\":\"payment\",\"id\":\"i7\",\"at\":\"2026-01-03T10:00:00Z\",\"customer\":\"c\","
                + "\"amount\":\"10.001\",\"currency\":\"USD\"}");
        assertThat(e.code()).isEqualTo(RejectionCode.INVALID_AMOUNT);
        assertThat(e.getMessage()).isEqualTo("amount \"10.001\" has 3 decimals, USD allows 2");
    }

    @Test
    void a_tree_has_pointers_but_no_lines() {
        ReferralKitException e = catchThrowableOfType(ReferralKitException.class, () -> ReferralKitJson.read(
                ReferralKitJson.readTree(RUN + ",\"extra\":1}", RejectionCode.INVALID_EVENT), Event.class, RejectionCode.INVALID_EVENT));
        assertThat(e.getMessage()).isEqualTo("/extra: \"extra\" is not a known key; allowed: at, id");
        assertThat(e.line()).isEmpty();
        assertThat(ReferralKitJson.locate(e, RUN + ",\n\"extra\":1}", "").getMessage())
                .isEqualTo("line 2, column 1: /extra: \"extra\" is not a known key; allowed: at, id");
    }

    @Test
    void dotted_paths_become_json_pointers() {
        assertThat(ReferralKitJson.pointer("rewards.payment.tiers[2].above")).isEqualTo("/rewards/payment/tiers/2/above");
        assertThat(ReferralKitJson.pointer("[2].parent")).isEqualTo("/2/parent");
        assertThat(ReferralKitJson.pointer("")).isEmpty();
        assertThat(ReferralKitJson.pointer("fx.a/b~c")).isEqualTo("/fx/a~1b~0c");
    }
}
