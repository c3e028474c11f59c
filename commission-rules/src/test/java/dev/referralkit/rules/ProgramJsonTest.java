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
                + " | line 1, column 205: /rewards/payment/tiers/2/above: tiers must be sorted by above, strictly ascending: \"5\" follows \"10\"",
        "{\"type\":\"tiered\",\"metric\":\"conversions\",\"tiers\":[]} | line 1, column 80: /rewards/payment/tiers: must not be empty",
        "{\"type\":\"tiered\",\"metric\":\"conversions\",\"tiers\":[{\"above\":\"1\",\"reward\":{\"type\":\"percent\",\"percent\":\"20\"}}]}"
                + " | line 1, column 90: /rewards/payment/tiers/0/above: the first tier must have above \"0\", has \"1\"",
        "{\"type\":\"tiered\",\"metric\":\"revenue\",\"mode\":\"marginal\",\"tiers\":[{\"above\":\"0\",\"reward\":{\"type\":\"flat\",\"amount\":\"5\"}}]}"
                + " | line 1, column 116: /rewards/payment/tiers/0/reward: a marginal revenue tier cannot pay a flat amount (it would be paid once per slice)",
        "{\"type\":\"recurring\",\"months\":12,\"payments\":3,\"reward\":{\"type\":\"percent\",\"percent\":\"20\"}}"
                + " | line 1, column 30: /rewards/payment: recurring: give at most one of months, payments, until",
        "{\"type\":\"firstMatch\",\"rules\":[{\"when\":{\"field\":\"order.total\",\"op\":\"gt\",\"value\":\"1\"},\"reward\":{\"type\":\"percent\",\"percent\":\"20\"}}]}"
                + " | line 1, column 79: /rewards/payment/rules/0/when/field: \"order.total\" is not a known field; known: customer.<attribute>, event.<attribute>, event.amount, event.currency, event.product, lead.stage, partner.<attribute>, partner.group, partner.id, payment.month, payment.number",
        "{\"type\":\"bogus\",\"percent\":\"20\"} | line 1, column 41: /rewards/payment/type: type \"bogus\" is not a known type; known: cap, firstMatch, flat, max, perSeat, percent, recurring, sum, tiered",
        "{\"type\":\"dev.referralkit.rules.ImmutablePercentReward\",\"percent\":\"20\"} | line 1, column 41: /rewards/payment/type: type \"dev.referralkit.rules.ImmutablePercentReward\" is not a known type; known: cap, firstMatch, flat, max, perSeat, percent, recurring, sum, tiered",
        "{\"type\":\"percent\",\"percent\":\"20\",\"extra\":1} | line 1, column 73: /rewards/payment/extra: \"extra\" is not a known key; allowed: percent",
        "{\"type\":\"percent\",\"percent\":20} | line 1, column 58: /rewards/payment/percent: percent \"20\" must be a JSON string holding a plain decimal",
        "{\"type\":\"percent\",\"percent\":\"1001\"} | line 1, column 58: /rewards/payment/percent: percent \"1001\" must be between 0 and 1000",
        "{\"type\":\"flat\",\"amount\":\"5.001\"} | line 1, column 55: /rewards/payment/amount: amount \"5.001\" has 3 decimals, USD allows 2",
        "{\"type\":\"firstMatch\",\"rules\":[{\"when\":{\"field\":\"payment.number\",\"op\":\"lte\",\"value\":3},\"reward\":{\"type\":\"percent\",\"percent\":\"20\"}}]}"
                + " | line 1, column 115: /rewards/payment/rules/0/when/value: lte takes a plain decimal string, like \"3\"",
        "{\"type\":\"recurring\",\"reward\":{\"type\":\"percent\",\"percent\":\"20\"},\"months\":\"12\"} | line 1, column 103: /rewards/payment/months: expected a whole number, found a string",
        "{\"type\":\"firstMatch\",\"rules\":[{\"when\":{\"all\":[{\"field\":\"event.product\",\"op\":\"eq\",\"value\":\"a\"},{\"field\":\"evnt.product\",\"op\":\"eq\",\"value\":\"a\"}]},\"reward\":{\"type\":\"percent\",\"percent\":\"1\"}}]}"
                + " | line 1, column 135: /rewards/payment/rules/0/when/all/1/field: \"evnt.product\" is not a known field; known: customer.<attribute>, event.<attribute>, event.amount, event.currency, event.product, lead.stage, partner.<attribute>, partner.group, partner.id, payment.month, payment.number; did you mean \"event.product\"?",
        "{\"type\":\"firstMatch\",\"rules\":[{\"when\":{\"any\":[]},\"reward\":{\"type\":\"percent\",\"percent\":\"1\"}}]}"
                + " | line 1, column 79: /rewards/payment/rules/0/when/any: must be a non-empty array of conditions",
        "{\"type\":\"firstMatch\",\"rules\":[{\"when\":{\"not\":{\"field\":\"payment.numbr\",\"op\":\"eq\",\"value\":\"1\"}},\"reward\":{\"type\":\"percent\",\"percent\":\"1\"}}]}"
                + " | line 1, column 86: /rewards/payment/rules/0/when/not/field: \"payment.numbr\" is not a known field; known: customer.<attribute>, event.<attribute>, event.amount, event.currency, event.product, lead.stage, partner.<attribute>, partner.group, partner.id, payment.month, payment.number; did you mean \"payment.number\"?",
        "{\"type\":\"firstMatch\",\"rules\":[{\"when\":{\"any\":[{\"field\":\"partner.id\",\"op\":\"eq\",\"value\":\"a\"},{\"field\":\"partner.id\",\"op\":\"eq\"}]},\"reward\":{\"type\":\"percent\",\"percent\":\"1\"}}]}"
                + " | line 1, column 131: /rewards/payment/rules/0/when/any/1/value: eq takes a string",
    })
    void invalid_plans_fail_at_load_naming_the_path(String payment, String message) {
        String json = "{\"currency\":\"USD\",\"rewards\":{\"payment\":" + payment + "}}";
        assertThatThrownBy(() -> Program.parse(json))
                .isInstanceOfSatisfying(ReferralKitException.class, e -> assertThat(e.code()).isEqualTo(RejectionCode.INVALID_PROGRAM))
                .hasMessage(message);
    }

    /** Issue 17: program amounts and percentages are checked as written, trailing zeros included. */
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "{\"currency\":\"USD\",\"rewards\":{\"lead\":{\"type\":\"flat\",\"amount\":\"1.000\"}}}"
                + " | line 1, column 52: /rewards/lead/amount: amount \"1.000\" has 3 decimals, USD allows 2",
        "{\"currency\":\"JPY\",\"rewards\":{\"lead\":{\"type\":\"flat\",\"amount\":\"100.0\"}}}"
                + " | line 1, column 52: /rewards/lead/amount: amount \"100.0\" has 1 decimal, JPY allows 0",
        "{\"currency\":\"USD\",\"rewards\":{\"payment\":{\"type\":\"cap\",\"max\":\"5.000\",\"per\":\"event\",\"reward\":{\"type\":\"percent\",\"percent\":\"5\"}}}}"
                + " | line 1, column 54: /rewards/payment/max: max \"5.000\" has 3 decimals, USD allows 2",
        "{\"currency\":\"USD\",\"rewards\":{\"payment\":{\"type\":\"percent\",\"percent\":\"10.0000000\"}}}"
                + " | line 1, column 58: /rewards/payment/percent: percent \"10.0000000\" has 7 decimals, a percentage allows 6",
        "{\"currency\":\"USD\",\"bonuses\":[{\"metric\":\"conversions\",\"period\":\"month\",\"threshold\":\"3\",\"amount\":\"10.000\"}]}"
                + " | line 1, column 87: /bonuses/0/amount: bonuses[0].amount \"10.000\" has 3 decimals, USD allows 2",
        "{\"currency\":\"USD\",\"payout\":{\"minimum\":{\"JPY\":\"1000.0\"}}}"
                + " | line 1, column 40: /payout/minimum/JPY: payout.minimum.JPY \"1000.0\" has 1 decimal, JPY allows 0",
        "{\"currency\":\"USD\",\"parentShare\":{\"levels\":[\"10.0000000\"]}}"
                + " | line 1, column 44: /parentShare/levels/0: levels[0] \"10.0000000\" has 7 decimals, a percentage allows 6",
    })
    void amounts_and_percentages_padded_past_their_scale_are_refused(String json, String message) {
        assertThatThrownBy(() -> Program.parse(json))
                .isInstanceOfSatisfying(ReferralKitException.class, e -> assertThat(e.code()).isEqualTo(RejectionCode.INVALID_PROGRAM))
                .hasMessage(message);
    }

    @Test
    void amounts_at_their_scale_or_below_load() {
        Program program = Program.parse("{\"currency\":\"USD\",\"rewards\":{\"lead\":{\"type\":\"flat\",\"amount\":\"1.5\"},"
                + "\"payment\":{\"type\":\"percent\",\"percent\":\"10.000000\"}},\"payout\":{\"minimum\":{\"JPY\":\"1000\"}}}");
        assertThat(program.rewards().payment()).isPresent();
    }

    @Test
    void recurring_is_only_for_payments() {
        assertThatThrownBy(() -> Program.parse("{\"currency\":\"USD\",\"rewards\":{\"lead\":{\"type\":\"recurring\",\"reward\":{\"type\":\"flat\",\"amount\":\"1\"}}}}"))
                .hasMessage("line 1, column 30: /rewards/lead: recurring only applies to payment rewards, not lead");
    }

    @Test
    void program_settings_are_checked() {
        assertThatThrownBy(() -> Program.parse("{\"currency\":\"XXX\"}")).hasMessageContaining("has no minor units");
        assertThatThrownBy(() -> Program.parse("{\"currency\":\"USD\",\"fx\":{\"EUR\":\"0\"}}"))
                .hasMessage("line 1, column 25: /fx/EUR: fx.EUR \"0\" must be a positive rate below 10^9 with at most 12 decimals");
        assertThatThrownBy(() -> Program.parse("{\"currency\":\"USD\",\"timeZone\":\"Mars/Olympus\"}"))
                .hasMessage("line 1, column 19: /timeZone: timeZone \"Mars/Olympus\" is not a time zone id such as UTC or Europe/Berlin");
        assertThatThrownBy(() -> Program.parse("{\"currency\":\"USD\",\"rounding\":\"ceiling\"}"))
                .hasMessage("line 1, column 19: /rounding: rounding \"ceiling\" is not one of half_even, half_up, down");
    }
}
