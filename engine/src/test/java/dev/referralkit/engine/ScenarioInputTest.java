package dev.referralkit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.ledger.Result;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 17, as a scenario file meets it: refusals keep their whole JSON pointer and line inside the
 * scenario, and amounts padded past their currency's scale are refused {@code INVALID_AMOUNT} before
 * anything else (SPEC.md §2, §3).
 */
class ScenarioInputTest {
    private static final String TOUCH = "{\"type\":\"touch\",\"id\":\"t1\",\"at\":\"2026-01-01T00:00:00Z\",\"partner\":\"p1\",\"customer\":\"c1\",\"channel\":\"link\"}";

    private static String payment(String id, String amount, String currency, String tax) {
        return "{\"type\":\"payment\",\"id\":\"" + id + "\",\"at\":\"2026-01-02T00:00:00Z\",\"customer\":\"c1\",\"amount\":\"" + amount
                + "\",\"currency\":\"" + currency + "\"" + (tax == null ? "" : ",\"tax\":\"" + tax + "\"") + "}";
    }

    private static Result run(String program, String... events) {
        return Scenario.parse("{\"program\":" + program + ",\"partners\":[{\"id\":\"p1\"}],\"events\":[" + TOUCH + ","
                + String.join(",", events) + "]}").run();
    }

    @Test
    void a_program_error_keeps_its_full_pointer_and_line_in_the_scenario() {
        String scenario = "{\"name\": \"s\",\n \"program\": {\"currency\": \"USD\",\n   \"rewards\": {\"payment\": {\"type\": \"percent\", \"percent\": \"1001\"}}},\n"
                + " \"events\": []}";
        assertThatThrownBy(() -> Scenario.parse(scenario))
                .isInstanceOfSatisfying(ReferralKitException.class, e -> {
                    assertThat(e.code()).isEqualTo(RejectionCode.INVALID_PROGRAM);
                    assertThat(e.pointer()).contains("/program/rewards/payment/percent");
                })
                .hasMessage("line 3, column 47: /program/rewards/payment/percent: percent \"1001\" must be between 0 and 1000");
        // the same program in a program file: the pointer from the file's root
        assertThatThrownBy(() -> ReferralProgram.parse("{\"currency\": \"USD\",\n   \"rewards\": {\"payment\": {\"type\": \"percent\", \"percent\": \"1001\"}}}", "[]"))
                .hasMessage("line 2, column 47: /rewards/payment/percent: percent \"1001\" must be between 0 and 1000");
    }

    @Test
    void a_whole_plan_check_in_a_scenario_is_located_too() {
        assertThatThrownBy(() -> Scenario.parse("{\"program\":{\"currency\":\"USD\",\"rewards\":{\"lead\":{\"type\":\"recurring\","
                + "\"reward\":{\"type\":\"flat\",\"amount\":\"1\"}}}},\"events\":[]}"))
                .hasMessage("line 1, column 41: /program/rewards/lead: recurring only applies to payment rewards, not lead");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "{\"id\":\"p3\",\"parent\":\"p9\"} | line 3, column 12: /partners/2/parent: parent \"p9\" is not a partner",
        "{\"id\":\"p3\",\"parent\":\"\"} | line 3, column 12: /partners/2/parent: parent \"\" must have 1 to 128 characters, has 0",
        "{\"id\":\"p1\"} | line 3, column 2: /partners/2/id: id \"p1\" is listed twice (first at index 0)",
        "{\"id\":\"p3\",\"parent\":\"p3\"} | line 3, column 12: /partners/2/parent: parent \"p3\" makes a parent cycle: p3, p3",
        "{\"id\":\"p3\",\"rewards\":{\"payment\":{\"type\":\"flat\",\"amount\":\"1.000\"}}} | line 3, column 48: /partners/2/rewards/payment/amount: amount \"1.000\" has 3 decimals, USD allows 2",
    })
    void a_partner_error_names_the_partners_pointer(String third, String message) {
        String scenario = "{\"program\":{\"currency\":\"USD\"},\n\"partners\":[{\"id\":\"p1\"},{\"id\":\"p2\"},\n" + third + "],\"events\":[]}";
        assertThatThrownBy(() -> Scenario.parse(scenario))
                .isInstanceOfSatisfying(ReferralKitException.class, e -> assertThat(e.code()).isEqualTo(RejectionCode.INVALID_PROGRAM))
                .hasMessage(message);
    }

    @Test
    void a_partner_list_file_names_the_element() {
        assertThatThrownBy(() -> ReferralProgram.parse("{\"currency\":\"USD\"}", "[{\"id\":\"p1\"},\n {\"id\":\"p2\",\"parent\":\"p9\"}]"))
                .hasMessage("line 2, column 13: /1/parent: parent \"p9\" is not a partner");
    }

    @Test
    void warnings_of_program_and_partners_carry_their_scenario_pointers() {
        String rule = "{\"type\":\"firstMatch\",\"rules\":[{\"when\":{\"field\":\"event.prodcut\",\"op\":\"eq\",\"value\":\"pro\"},"
                + "\"reward\":{\"type\":\"percent\",\"percent\":\"30\"}}]}";
        Scenario s = Scenario.parse("{\"program\":{\"currency\":\"USD\",\"rewards\":{\"payment\":" + rule + "}},"
                + "\"partners\":[{\"id\":\"p1\"},{\"id\":\"p2\",\"rewards\":{\"payment\":" + rule.replace("event.prodcut", "customer.plan") + "}}],\"events\":[]}");
        assertThat(s.warnings()).hasSize(2);
        assertThat(s.warnings().get(0)).startsWith("/program/rewards/payment/rules/0/when/field: \"event.prodcut\" reads the event attribute");
        assertThat(s.warnings().get(1)).startsWith("/partners/1/rewards/payment/rules/0/when/field: \"customer.plan\" reads the customer attribute");
        ReferralProgram rp = ReferralProgram.parse("{\"currency\":\"USD\"}", "[{\"id\":\"p2\",\"rewards\":{\"payment\":" + rule + "}}]");
        assertThat(rp.partnerWarnings()).singleElement().asString().startsWith("/0/rewards/payment/rules/0/when/field:");
    }

    @ParameterizedTest(name = "{0} {1} tax {2}")
    @CsvSource(delimiter = '|', value = {
        "100.000 | USD |     | payment i1: amount \"100.000\" has 3 decimals, USD allows 2",
        "10.00   | JPY |     | payment i1: amount \"10.00\" has 2 decimals, JPY allows 0",
        "10      | JPY | 1.0 | payment i1: tax \"1.0\" has 1 decimal, JPY allows 0",
    })
    void amounts_padded_past_the_currency_scale_are_refused_and_earn_nothing(String amount, String currency, String tax, String message) {
        String program = "{\"currency\":\"USD\",\"rewards\":{\"payment\":{\"type\":\"percent\",\"percent\":\"20\"}},\"fx\":{\"JPY\":\"0.0067\"}}";
        Result r = run(program, payment("i1", amount, currency, tax));
        assertThat(r.rejected()).singleElement().satisfies(x -> {
            assertThat(x.code()).isEqualTo(RejectionCode.INVALID_AMOUNT);
            assertThat(x.message()).isEqualTo(message);
        });
        assertThat(r.entries()).isEmpty();
    }

    @Test
    void a_malformed_amount_is_refused_before_a_missing_rate_is_noticed() {
        // a USD program, no rate for JPY: "10.00" JPY is malformed first (SPEC.md §3)
        String program = "{\"currency\":\"USD\",\"rewards\":{\"payment\":{\"type\":\"flat\",\"amount\":\"5.00\"}}}";
        Result r = run(program, payment("i1", "10.00", "JPY", null), payment("i2", "10", "JPY", null));
        assertThat(r.rejected()).extracting(x -> x.event() + " " + x.code())
                .containsExactly("i1 INVALID_AMOUNT", "i2 MISSING_FX_RATE");
        assertThat(r.rejected().get(0).message()).isEqualTo("payment i1: amount \"10.00\" has 2 decimals, JPY allows 0");
    }

    @Test
    void a_padded_payment_counts_in_no_volume() {
        String program = "{\"currency\":\"USD\",\"rewards\":{\"payment\":{\"type\":\"tiered\",\"metric\":\"revenue\",\"period\":\"month\",\"mode\":\"volume\","
                + "\"tiers\":[{\"above\":\"0\",\"reward\":{\"type\":\"percent\",\"percent\":\"10\"}},{\"above\":\"100\",\"reward\":{\"type\":\"percent\",\"percent\":\"20\"}}]}}}";
        String second = "{\"type\":\"touch\",\"id\":\"t2\",\"at\":\"2026-01-01T00:00:00Z\",\"partner\":\"p1\",\"customer\":\"c2\",\"channel\":\"link\"}";
        String paid = "{\"type\":\"payment\",\"id\":\"i2\",\"at\":\"2026-01-03T00:00:00Z\",\"customer\":\"c2\",\"amount\":\"50.00\",\"currency\":\"USD\"}";
        Result r = run(program, payment("i1", "100.000", "USD", null), second, paid);
        assertThat(r.entries()).extracting(e -> e.id() + " " + e.amount().toPlainString()).containsExactly("i2/p1/commission 5.00");
        assertThat(List.of(r.rejected().get(0).code())).containsExactly(RejectionCode.INVALID_AMOUNT);
    }

    @Test
    void a_refund_padded_past_its_payments_scale_is_refused() {
        Result r = run("{\"currency\":\"USD\",\"rewards\":{\"payment\":{\"type\":\"percent\",\"percent\":\"20\"}}}",
                payment("i1", "100.00", "USD", null),
                "{\"type\":\"refund\",\"id\":\"r1\",\"at\":\"2026-01-05T00:00:00Z\",\"payment\":\"i1\",\"amount\":\"50.000\"}");
        assertThat(r.rejected()).singleElement().satisfies(x -> {
            assertThat(x.code()).isEqualTo(RejectionCode.INVALID_AMOUNT);
            assertThat(x.message()).isEqualTo("refund r1: amount \"50.000\" has 3 decimals, USD allows 2");
        });
    }
}
