package dev.referralkit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Every expectation that failed, each with the closest objects that did come out (issue 17). */
class ScenarioCheckDifferencesTest {
    /** i1/p1/commission is 20.00 USD, i2/p1/commission 10.00 USD. */
    static String scenario(String expect) {
        return "{\"name\":\"t\",\"program\":{\"currency\":\"USD\",\"rewards\":{\"payment\":{\"type\":\"recurring\",\"reward\":{\"type\":\"percent\",\"percent\":\"20\"}}}},"
                + "\"partners\":[{\"id\":\"p1\"},{\"id\":\"p2\"}],\"events\":["
                + "{\"type\":\"touch\",\"id\":\"t1\",\"at\":\"2026-01-01T00:00:00Z\",\"partner\":\"p1\",\"customer\":\"c1\",\"channel\":\"link\"},"
                + "{\"type\":\"payment\",\"id\":\"i1\",\"at\":\"2026-01-02T00:00:00Z\",\"customer\":\"c1\",\"amount\":\"100.00\",\"currency\":\"USD\"},"
                + "{\"type\":\"payment\",\"id\":\"i2\",\"at\":\"2026-01-03T00:00:00Z\",\"customer\":\"c1\",\"amount\":\"50.00\",\"currency\":\"USD\"}],"
                + "\"expect\":" + expect + "}";
    }

    @Test
    void every_failed_expectation_is_listed_with_the_closest_actual_object() {
        ScenarioCheck check = Scenario.parse(scenario("{\"entries\":[{\"id\":\"i1/p1/commission\",\"amount\":\"21.00\"},"
                + "{\"id\":\"i2/p1/commission\",\"amount\":\"10\"},{\"id\":\"i2/p1/commission\",\"partner\":\"p2\"}]}")).check();
        assertThat(check.passed()).isFalse();
        assertThat(check.differences()).hasSize(2);
        ScenarioCheck.Difference first = check.differences().get(0);
        assertThat(first.message()).isEqualTo("expected entries object not found: {\"id\":\"i1/p1/commission\",\"amount\":\"21.00\"}");
        assertThat(first.details()).hasSize(2);
        assertThat(first.details().get(0)).startsWith("actual: {\"id\":\"i1/p1/commission\"").contains("\"amount\":\"20.00\"");
        assertThat(first.details().get(1)).isEqualTo("  amount: expected \"21.00\", actual \"20.00\"");
        ScenarioCheck.Difference second = check.differences().get(1);
        assertThat(second.message()).isEqualTo("expected entries object not found: {\"id\":\"i2/p1/commission\",\"partner\":\"p2\"}");
        assertThat(second.details()).anySatisfy(d -> assertThat(d).startsWith("actual (matched by another expected object): {\"id\":\"i2/p1/commission\""))
                .contains("  partner: expected \"p2\", actual \"p1\"");
        assertThat(check.difference()).contains(first.message());
    }

    @Test
    void the_closest_objects_share_the_identifying_keys_and_are_at_most_three() {
        ScenarioCheck check = Scenario.parse(scenario("{\"entries\":[{\"kind\":\"COMMISSION\",\"partner\":\"p1\",\"amount\":\"7.00\"}]}")).check();
        ScenarioCheck.Difference d = check.differences().get(0);
        assertThat(d.details()).filteredOn(line -> line.startsWith("actual")).hasSize(2)
                .allSatisfy(line -> assertThat(line).contains("\"kind\":\"COMMISSION\"", "\"partner\":\"p1\""));
        ScenarioCheck none = Scenario.parse(scenario("{\"entries\":[{\"id\":\"zzz\",\"kind\":\"BONUS\"}]}")).check();
        assertThat(none.differences().get(0).details()).containsExactly("no entries object has the same id or kind");
        ScenarioCheck empty = Scenario.parse(scenario("{\"payouts\":[{\"run\":\"run1\"}]}")).check();
        assertThat(empty.differences().get(0).details()).containsExactly("no payouts in the result");
    }

    @Test
    void among_equally_close_objects_those_not_matched_by_another_expectation_come_first() {
        // i1 is taken by the first expectation; both entries share kind and partner with the second
        ScenarioCheck check = Scenario.parse(scenario("{\"entries\":[{\"id\":\"i1/p1/commission\"},"
                + "{\"kind\":\"COMMISSION\",\"partner\":\"p1\",\"amount\":\"1.00\"}]}")).check();
        ScenarioCheck.Difference d = check.differences().get(0);
        assertThat(d.details().get(0)).startsWith("actual: {\"id\":\"i2/p1/commission\"");
        assertThat(d.details()).anySatisfy(line -> assertThat(line).startsWith("actual (matched by another expected object): {\"id\":\"i1/p1/commission\""));
    }

    @Test
    void every_unexpected_entry_is_listed() {
        ScenarioCheck check = Scenario.parse(scenario("{\"entries\":[{\"id\":\"i1/p1/commission\"}],\"exactEntries\":true}")).check();
        assertThat(check.differences()).extracting(ScenarioCheck.Difference::message).singleElement().asString()
                .startsWith("unexpected entry (exactEntries): {\"id\":\"i2/p1/commission\"");
    }

    @Test
    void a_passing_check_has_no_differences() {
        ScenarioCheck check = Scenario.parse(scenario("{\"entries\":[{\"id\":\"i1/p1/commission\",\"amount\":\"20\"}]}")).check();
        assertThat(check.passed()).isTrue();
        assertThat(check.differences()).isEmpty();
        assertThat(check.difference()).isEmpty();
    }
}
