package dev.referralkit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import org.junit.jupiter.api.Test;

class ScenarioCheckTest {
    static String scenario(String expect) {
        return "{\"name\":\"t\",\"program\":{\"currency\":\"USD\",\"rewards\":{\"payment\":{\"type\":\"percent\",\"percent\":\"20\"}}},"
                + "\"partners\":[{\"id\":\"p1\"}],\"events\":["
                + "{\"type\":\"touch\",\"id\":\"t1\",\"at\":\"2026-01-01T00:00:00Z\",\"partner\":\"p1\",\"customer\":\"c1\",\"channel\":\"link\"},"
                + "{\"type\":\"payment\",\"id\":\"i1\",\"at\":\"2026-01-02T00:00:00Z\",\"customer\":\"c1\",\"amount\":\"100.00\",\"currency\":\"USD\"}],"
                + "\"expect\":" + expect + "}";
    }

    @Test
    void amounts_compare_as_decimals() {
        assertThat(Scenario.parse(scenario("{\"entries\":[{\"kind\":\"COMMISSION\",\"amount\":\"20\"}]}")).check().passed()).isTrue();
    }

    @Test
    void a_wrong_amount_fails_and_names_the_object() {
        ScenarioCheck check = Scenario.parse(scenario("{\"entries\":[{\"kind\":\"COMMISSION\",\"amount\":\"20.01\"}]}")).check();
        assertThat(check.passed()).isFalse();
        assertThat(check.difference()).contains("expected entries object not found: {\"kind\":\"COMMISSION\",\"amount\":\"20.01\"}");
    }

    @Test
    void a_result_object_matches_at_most_one_expected_object() {
        ScenarioCheck check = Scenario.parse(scenario("{\"entries\":[{\"kind\":\"COMMISSION\"},{\"kind\":\"COMMISSION\"}]}")).check();
        assertThat(check.passed()).isFalse();
    }

    @Test
    void exact_entries_refuses_extra_entries() {
        assertThat(Scenario.parse(scenario("{\"entries\":[],\"exactEntries\":true}")).check().difference())
                .hasValueSatisfying(d -> assertThat(d).startsWith("unexpected entry (exactEntries): {\"id\":\"i1/p1/commission\""));
        assertThat(Scenario.parse(scenario("{\"entries\":[],\"exactEntries\":false}")).check().passed()).isTrue();
    }

    @Test
    void bindings_and_balances_are_checked_too() {
        assertThat(Scenario.parse(scenario("{\"bindings\":[{\"customer\":\"c1\",\"credits\":[{\"partner\":\"p1\",\"weight\":\"1.0\"}]}]}"))
                .check().passed()).isTrue();
        assertThat(Scenario.parse(scenario("{\"bindings\":[{\"customer\":\"c1\",\"credits\":[]}]}")).check().passed()).isFalse();
        assertThat(Scenario.parse(scenario("{\"balances\":[{\"partner\":\"p1\",\"pending\":\"20\",\"available\":\"0\"}]}"))
                .check().passed()).isTrue();
    }

    @Test
    void malformed_scenarios_name_the_json_pointer() {
        assertThatThrownBy(() -> Scenario.parse("{\"program\":{\"currency\":\"USD\"},\"events\":[],\"expected\":{}}"))
                .isInstanceOfSatisfying(ReferralKitException.class, e -> assertThat(e.code()).isEqualTo(RejectionCode.INVALID_PROGRAM))
                .hasMessage("line 1, column 43: /expected: \"expected\" is not a known key; allowed: asOf, events, expect, name, partners, program, statements");
        assertThatThrownBy(() -> Scenario.parse("{\"program\":{\"currency\":\"USD\",\"holdDays\":\"30\"},\"events\":[]}"))
                .hasMessage("line 1, column 30: /program/holdDays: expected a whole number, found a string");
        assertThatThrownBy(() -> Scenario.parse("{\"program\":{\"currency\":\"USD\"},\"partners\":[{\"id\":\"p1\",\"statuss\":\"active\"}],\"events\":[]}"))
                .hasMessageStartingWith("line 1, column 54: /partners/0/statuss: \"statuss\" is not a known key; allowed: ");
    }
}
