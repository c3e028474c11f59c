package dev.referralkit.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.program.ConditionFields;
import dev.referralkit.program.Program;
import dev.referralkit.program.Rewards;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 17: a typo in a condition field ({@code event.prodcut}) must not pass silently. A program that
 * declares {@code attributes} refuses an unknown field at load; one that does not keeps loading, and
 * its warnings say what to declare.
 */
class ConditionFieldsTest {
    private static final String KNOWN_WITH_PLAN = "customer.plan, event.amount, event.currency, event.product, lead.stage, partner.group, partner.id, "
            + "payment.month, payment.number";

    private static String plan(String field) {
        return "{\"type\":\"firstMatch\",\"rules\":[{\"when\":{\"field\":\"" + field + "\",\"op\":\"eq\",\"value\":\"pro\"},"
                + "\"reward\":{\"type\":\"percent\",\"percent\":\"30\"}},{\"reward\":{\"type\":\"percent\",\"percent\":\"20\"}}]}";
    }

    private static String program(String attributes, String field) {
        return "{\"currency\":\"USD\"," + (attributes == null ? "" : "\"attributes\":" + attributes + ",")
                + "\n\"rewards\":{\"payment\":" + plan(field) + "}}";
    }

    @Test
    void with_attributes_declared_a_misspelt_field_fails_to_load_with_its_path_and_a_suggestion() {
        assertThatThrownBy(() -> Program.parse(program("{\"customer\":[\"plan\"]}", "event.prodcut")))
                .isInstanceOfSatisfying(ReferralKitException.class, e -> {
                    assertThat(e.code()).isEqualTo(RejectionCode.INVALID_PROGRAM);
                    assertThat(e.pointer()).contains("/rewards/payment/rules/0/when/field");
                    assertThat(e.value()).contains("event.prodcut");
                })
                .hasMessage("line 2, column 61: /rewards/payment/rules/0/when/field: \"event.prodcut\" is not a known field; known: "
                        + KNOWN_WITH_PLAN + "; did you mean \"event.product\"?");
    }

    @Test
    void from_java_the_message_names_the_dotted_path() {
        Program strict = Program.parse("{\"currency\":\"USD\",\"attributes\":{\"customer\":[\"plan\"]}}");
        Rewards rewards = ReferralKitJson.read("{\"payment\":" + plan("event.prodcut") + "}", Rewards.class, RejectionCode.INVALID_PROGRAM);
        assertThatThrownBy(() -> strict.checkRewards("rewards", rewards))
                .hasMessage("rewards.payment.rules[0].when.field: \"event.prodcut\" is not a known field; known: " + KNOWN_WITH_PLAN
                        + "; did you mean \"event.product\"?");
    }

    @ParameterizedTest
    @CsvSource({"customer.plan", "event.product", "event.amount", "event.currency", "partner.id", "partner.group", "payment.number",
        "payment.month", "partner.country", "event.coupon_code"})
    void declared_attributes_and_built_in_fields_are_known(String field) {
        Program program = Program.parse(program("{\"customer\":[\"plan\"],\"partner\":[\"country\"],\"event\":[\"coupon_code\"]}", field));
        assertThat(program.warnings()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"customer.country", "partner.plan", "event.plan"})
    void an_attribute_declared_for_another_scope_is_not_known(String field) {
        assertThatThrownBy(() -> Program.parse(program("{\"customer\":[\"plan\"],\"partner\":[\"country\"]}", field)))
                .hasMessageContaining("\"" + field + "\" is not a known field");
    }

    @Test
    void without_attributes_an_old_program_still_loads_and_its_warnings_say_what_to_declare() {
        Program program = Program.parse(program(null, "event.prodcut"));
        assertThat(program.warnings()).containsExactly("/rewards/payment/rules/0/when/field: \"event.prodcut\" reads the event attribute "
                + "\"prodcut\", which the program does not declare; did you mean \"event.product\"? declare the attributes conditions read, "
                + "like \"attributes\": {\"event\": [\"prodcut\"]}, and a misspelt field becomes a load error");
        assertThat(Program.parse(program(null, "customer.plan")).warnings()).singleElement().asString()
                .startsWith("/rewards/payment/rules/0/when/field: \"customer.plan\" reads the customer attribute \"plan\"")
                .doesNotContain("did you mean");
        assertThat(Program.parse(program(null, "event.product")).warnings()).isEmpty();
    }

    @Test
    void groups_are_checked_with_their_path() {
        String json = "{\"currency\":\"USD\",\"attributes\":{},\"groups\":{\"gold\":{\"rewards\":{\"payment\":" + plan("partner.grup") + "}}}}";
        assertThatThrownBy(() -> Program.parse(json))
                .hasMessageStartingWith("line 1, column 113: /groups/gold/rewards/payment/rules/0/when/field: \"partner.grup\" is not a known field")
                .hasMessageEndingWith("did you mean \"partner.group\"?");
        assertThat(Program.parse(json.replace("\"attributes\":{},", "")).warnings()).singleElement().asString()
                .startsWith("/groups/gold/rewards/payment/rules/0/when/field:");
    }

    @Test
    void nested_conditions_are_checked_too() {
        String json = "{\"currency\":\"USD\",\"attributes\":{\"customer\":[\"plan\"]},\"rewards\":{\"payment\":{\"type\":\"recurring\",\"reward\":"
                + "{\"type\":\"firstMatch\",\"rules\":[{\"when\":{\"not\":{\"any\":[{\"field\":\"customer.plan\",\"op\":\"exists\"},"
                + "{\"field\":\"customer.tier\",\"op\":\"exists\"}]}},\"reward\":{\"type\":\"percent\",\"percent\":\"1\"}}]}}}}";
        assertThatThrownBy(() -> Program.parse(json))
                .hasMessageContaining("/rewards/payment/reward/rules/0/when/not/any/1/field: \"customer.tier\" is not a known field");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"event\":[\"product\"]} | line 1, column 42: /attributes/event/0: event[0] \"product\" is a built-in field (event.product), not an attribute",
        "{\"customer\":[\"plan\",\"plan\"]} | line 1, column 52: /attributes/customer/1: customer[1] \"plan\" is listed twice",
        "{\"customer\":[\"\"]} | line 1, column 45: /attributes/customer/0: customer[0] \"\" must have 1 to 128 characters, has 0",
        "{\"customers\":[\"plan\"]} | line 1, column 33: /attributes/customers: \"customers\" is not a known key; allowed: customer, event, partner",
    })
    void declarations_are_checked(String attributes, String message) {
        assertThatThrownBy(() -> Program.parse("{\"currency\":\"USD\",\"attributes\":" + attributes + "}"))
                .isInstanceOfSatisfying(ReferralKitException.class, e -> assertThat(e.code()).isEqualTo(RejectionCode.INVALID_PROGRAM))
                .hasMessage(message);
    }

    @Test
    void declarations_round_trip() {
        Program program = Program.parse("{\"currency\":\"USD\",\"attributes\":{\"customer\":[\"plan\"],\"event\":[\"coupon_code\"]}}");
        String written = ReferralKitJson.write(program);
        assertThat(written).endsWith(",\"attributes\":{\"customer\":[\"plan\"],\"partner\":[],\"event\":[\"coupon_code\"]}}");
        assertThat(Program.parse(written)).isEqualTo(program);
        assertThat(ReferralKitJson.write(Program.parse("{\"currency\":\"USD\"}"))).doesNotContain("attributes");
    }

    @Test
    void suggestions_are_close_misspellings_only() {
        List<String> known = ConditionFields.known(Optional.empty());
        assertThat(ConditionFields.suggestion("event.prodcut", known)).contains("event.product");
        assertThat(ConditionFields.suggestion("evnt.product", known)).contains("event.product");
        assertThat(ConditionFields.suggestion("payment.monht", known)).contains("payment.month");
        assertThat(ConditionFields.suggestion("order.total", known)).isEmpty();
        assertThat(ConditionFields.suggestion("event.country", known)).isEmpty();
    }
}
