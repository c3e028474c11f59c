package dev.referralkit.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.program.Partner;
import dev.referralkit.program.Program;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProgramJsonTest {
    /** The program of FORMATS.md §1, with the condition example inside. */
    static final String FORMATS_PROGRAM = "{\"currency\":\"USD\",\"timeZone\":\"UTC\",\"rounding\":\"half_even\",\"holdDays\":30,"
            + "\"attribution\":{\"model\":\"last_touch\",\"windowDays\":30,\"couponsWin\":true,\"halfLifeDays\":7,"
            + "\"weights\":{\"first\":\"0.4\",\"middle\":\"0.2\",\"last\":\"0.4\"}},"
            + "\"rewards\":{\"click\":{\"type\":\"flat\",\"amount\":\"0.10\"},\"lead\":{\"type\":\"flat\",\"amount\":\"5.00\"},"
            + "\"payment\":{\"type\":\"recurring\",\"months\":12,\"reward\":{\"type\":\"tiered\",\"metric\":\"conversions\",\"period\":\"month\",\"mode\":\"volume\","
            + "\"tiers\":[{\"above\":\"0\",\"reward\":{\"type\":\"percent\",\"percent\":\"20\"}},{\"above\":\"10\",\"reward\":{\"type\":\"firstMatch\",\"rules\":["
            + "{\"when\":{\"all\":[{\"field\":\"event.product\",\"op\":\"in\",\"value\":[\"pro\",\"team\"]},{\"field\":\"payment.number\",\"op\":\"lte\",\"value\":\"3\"}]},"
            + "\"reward\":{\"type\":\"percent\",\"percent\":\"25\"}},{\"reward\":{\"type\":\"cap\",\"max\":\"500.00\",\"per\":\"partner_month\","
            + "\"reward\":{\"type\":\"max\",\"rewards\":[{\"type\":\"percent\",\"percent\":\"20\"},{\"type\":\"sum\",\"rewards\":[{\"type\":\"flat\",\"amount\":\"1\"}]}]}}}]}}]}}},"
            + "\"groups\":{\"gold\":{\"rewards\":{\"payment\":{\"type\":\"percent\",\"percent\":\"30\"}}}},"
            + "\"bonuses\":[{\"metric\":\"conversions\",\"period\":\"month\",\"threshold\":\"20\",\"amount\":\"100.00\"}],"
            + "\"parentShare\":{\"levels\":[\"10\"]},\"payout\":{\"minimum\":{\"EUR\":\"50.00\",\"USD\":\"50.00\"}},\"fx\":{\"EUR\":\"1.08\"}}";

    @Test
    void the_formats_program_loads_and_writes_back_byte_for_byte() {
        Program program = Program.parse(FORMATS_PROGRAM);
        assertThat(ReferralKitJson.write(program)).isEqualTo(FORMATS_PROGRAM);
        assertThat(Program.parse(ReferralKitJson.write(program))).isEqualTo(program);
        assertThat(program.rewards().payment()).containsInstanceOf(RecurringReward.class);
    }

    @Test
    void defaults_are_those_of_formats() {
        Program program = Program.parse("{\"currency\":\"USD\"}");
        assertThat(program.holdDays()).isEqualTo(30);
        assertThat(program.attribution().windowDays()).isEqualTo(30);
        assertThat(program.attribution().model()).isEqualTo("last_touch");
        assertThat(program.attribution().couponsWin()).isTrue();
        assertThat(program.timeZone().getId()).isEqualTo("UTC");
        assertThat(program.rounding().jsonName()).isEqualTo("half_even");
    }

    @Test
    void a_partner_with_its_own_rewards_round_trips() {
        String json = "{\"id\":\"p1\",\"group\":\"gold\",\"parent\":\"p0\",\"status\":\"active\",\"ownCustomers\":[\"c-self\"],"
                + "\"attributes\":{\"country\":\"DE\"},\"rewards\":{\"payment\":{\"type\":\"percent\",\"percent\":\"15\"}}}";
        Partner partner = ReferralKitJson.read(json, Partner.class, RejectionCode.INVALID_PROGRAM);
        assertThat(ReferralKitJson.write(partner)).isEqualTo(json);
        assertThat(ReferralKitJson.read("{\"id\":\"p1\",\"rewards\":null}", Partner.class, RejectionCode.INVALID_PROGRAM).rewards()).isEmpty();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "{\"type\":\"tiered\",\"metric\":\"conversions\",\"tiers\":[{\"above\":\"0\",\"reward\":{\"type\":\"percent\",\"percent\":\"20\"}},{\"above\":\"10\",\"reward\":{\"type\":\"percent\",\"percent\":\"25\"}},{\"above\":\"5\",\"reward\":{\"type\":\"percent\",\"percent\":\"25\"}}]}"
                + " | rewards.payment: tiers[2].above: tiers must be sorted by above, strictly ascending: \"5\" follows \"10\"",
        "{\"type\":\"tiered\",\"metric\":\"conversions\",\"tiers\":[]} | rewards.payment: tiers: must not be empty",
        "{\"type\":\"tiered\",\"metric\":\"conversions\",\"tiers\":[{\"above\":\"1\",\"reward\":{\"type\":\"percent\",\"percent\":\"20\"}}]}"
                + " | rewards.payment: tiers[0].above: the first tier must have above \"0\", has \"1\"",
        "{\"type\":\"tiered\",\"metric\":\"revenue\",\"mode\":\"marginal\",\"tiers\":[{\"above\":\"0\",\"reward\":{\"type\":\"flat\",\"amount\":\"5\"}}]}"
                + " | rewards.payment.tiers[0].reward: a marginal revenue tier cannot pay a flat amount (it would be paid once per slice)",
        "{\"type\":\"recurring\",\"months\":12,\"payments\":3,\"reward\":{\"type\":\"percent\",\"percent\":\"20\"}}"
                + " | rewards.payment: recurring: give at most one of months, payments, until",
        "{\"type\":\"firstMatch\",\"rules\":[{\"when\":{\"field\":\"order.total\",\"op\":\"gt\",\"value\":\"1\"},\"reward\":{\"type\":\"percent\",\"percent\":\"20\"}}]}"
                + " | rewards.payment.rules[0].when: field: \"order.total\" is not a condition field (partner.id, partner.group, partner.<attribute>, customer.<attribute>, event.product, event.amount, event.currency, event.<attribute>, payment.number, payment.month)",
        "{\"type\":\"bogus\",\"percent\":\"20\"} | rewards.payment.type \"bogus\" is not a known type",
        "{\"type\":\"dev.referralkit.rules.ImmutablePercentReward\",\"percent\":\"20\"} | rewards.payment.type \"dev.referralkit.rules.ImmutablePercentReward\" is not a known type",
        "{\"type\":\"percent\",\"percent\":\"20\",\"extra\":1} | rewards.payment.extra is not a known key; allowed: percent",
        "{\"type\":\"percent\",\"percent\":20} | rewards.payment.percent: percent \"20\" must be a JSON string holding a plain decimal",
        "{\"type\":\"percent\",\"percent\":\"1001\"} | rewards.payment.percent: percent \"1001\" must be between 0 and 1000",
        "{\"type\":\"flat\",\"amount\":\"5.001\"} | rewards.payment.amount \"5.001\" has 3 decimals, USD allows 2",
        "{\"type\":\"firstMatch\",\"rules\":[{\"when\":{\"field\":\"payment.number\",\"op\":\"lte\",\"value\":3},\"reward\":{\"type\":\"percent\",\"percent\":\"20\"}}]}"
                + " | rewards.payment.rules[0].when: value: lte takes a plain decimal string, like \"3\"",
        "{\"type\":\"recurring\",\"reward\":{\"type\":\"percent\",\"percent\":\"20\"},\"months\":\"12\"} | rewards.payment.months: Cannot coerce String value (\"12\") to `java.lang.Integer` value (but might if coercion using `CoercionConfig` was enabled)",
    })
    void invalid_plans_fail_at_load_naming_the_path(String payment, String message) {
        String json = "{\"currency\":\"USD\",\"rewards\":{\"payment\":" + payment + "}}";
        assertThatThrownBy(() -> Program.parse(json))
                .isInstanceOfSatisfying(ReferralKitException.class, e -> assertThat(e.code()).isEqualTo(RejectionCode.INVALID_PROGRAM))
                .hasMessage(message);
    }

    @Test
    void recurring_is_only_for_payments() {
        assertThatThrownBy(() -> Program.parse("{\"currency\":\"USD\",\"rewards\":{\"lead\":{\"type\":\"recurring\",\"reward\":{\"type\":\"flat\",\"amount\":\"1\"}}}}"))
                .hasMessage("rewards.lead: recurring only applies to payment rewards, not lead");
    }

    @Test
    void program_settings_are_checked() {
        assertThatThrownBy(() -> Program.parse("{\"currency\":\"XXX\"}")).hasMessageContaining("has no minor units");
        assertThatThrownBy(() -> Program.parse("{\"currency\":\"USD\",\"fx\":{\"EUR\":\"0\"}}"))
                .hasMessage("fx.EUR \"0\" must be a positive rate below 10^9 with at most 12 decimals");
        assertThatThrownBy(() -> Program.parse("{\"currency\":\"USD\",\"timeZone\":\"Mars/Olympus\"}"))
                .hasMessage("timeZone: timeZone \"Mars/Olympus\" is not a time zone id such as UTC or Europe/Berlin");
        assertThatThrownBy(() -> Program.parse("{\"currency\":\"USD\",\"rounding\":\"ceiling\"}"))
                .hasMessage("rounding: rounding \"ceiling\" is not one of half_even, half_up, down");
    }
}
