package dev.referralkit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.referralkit.RejectionCode;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.ledger.Entry;
import dev.referralkit.ledger.Result;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Commission rules inside the engine: overrides, currencies, caps across events, tiers over time. */
class EngineRulesTest {
    static Result run(String program, String partners, String... events) {
        String json = "{\"program\":" + program + ",\"partners\":" + partners + ",\"events\":[" + String.join(",", events) + "]}";
        return Scenario.parse(json).run();
    }

    static String touch(String id, String at, String partner, String customer) {
        return "{\"type\":\"touch\",\"id\":\"" + id + "\",\"at\":\"" + at + "\",\"partner\":\"" + partner + "\",\"customer\":\"" + customer
                + "\",\"channel\":\"link\"}";
    }

    static String pay(String id, String at, String customer, String amount, String currency) {
        return "{\"type\":\"payment\",\"id\":\"" + id + "\",\"at\":\"" + at + "\",\"customer\":\"" + customer + "\",\"amount\":\"" + amount
                + "\",\"currency\":\"" + currency + "\"}";
    }

    static List<String> amounts(Result r) {
        return r.entries().stream().map(e -> e.partner() + " " + e.amount().toPlainString() + " " + e.currency().getCurrencyCode())
                .collect(Collectors.toList());
    }

    @Test
    void a_partners_own_rewards_beat_its_groups_which_beat_the_programs_per_trigger() {
        String program = "{\"currency\":\"USD\",\"rewards\":{\"payment\":{\"type\":\"percent\",\"percent\":\"10\"},"
                + "\"lead\":{\"type\":\"flat\",\"amount\":\"1.00\"}},"
                + "\"groups\":{\"gold\":{\"rewards\":{\"payment\":{\"type\":\"percent\",\"percent\":\"20\"}}}}}";
        String partners = "[{\"id\":\"plain\"},{\"id\":\"golden\",\"group\":\"gold\"},"
                + "{\"id\":\"own\",\"group\":\"gold\",\"rewards\":{\"payment\":{\"type\":\"percent\",\"percent\":\"30\"}}}]";
        Result r = run(program, partners,
                touch("t1", "2026-01-01T00:00:00Z", "plain", "c1"), touch("t2", "2026-01-01T00:00:00Z", "golden", "c2"),
                touch("t3", "2026-01-01T00:00:00Z", "own", "c3"),
                "{\"type\":\"lead\",\"id\":\"l3\",\"at\":\"2026-01-01T01:00:00Z\",\"customer\":\"c3\"}",
                pay("i1", "2026-01-02T00:00:00Z", "c1", "100.00", "USD"), pay("i2", "2026-01-02T00:00:00Z", "c2", "100.00", "USD"),
                pay("i3", "2026-01-02T00:00:00Z", "c3", "100.00", "USD"));
        // the own plan overrides payment only: its lead reward still comes from the program
        assertThat(amounts(r)).containsExactly("own 1.00 USD", "plain 10.00 USD", "golden 20.00 USD", "own 30.00 USD");
        assertThat(r.entries().get(2).explanation().text()).isEqualTo("20% of 100.00 USD (group gold)");
        assertThat(r.entries().get(3).explanation().text()).isEqualTo("30% of 100.00 USD (partner plan)");
    }

    @Test
    void a_flat_amount_is_converted_and_a_missing_rate_rejects_without_changing_anything() {
        String program = "{\"currency\":\"USD\",\"fx\":{\"EUR\":\"1.25\"},\"rewards\":{\"payment\":{\"type\":\"flat\",\"amount\":\"10.00\"}}}";
        Result r = run(program, "[{\"id\":\"p1\"}]",
                touch("t1", "2026-01-01T00:00:00Z", "p1", "c1"), touch("t2", "2026-01-01T00:00:00Z", "p1", "c2"),
                pay("i1", "2026-01-02T00:00:00Z", "c1", "50.00", "EUR"),
                pay("x1", "2026-01-02T00:00:00Z", "c2", "5000", "JPY"),
                pay("i2", "2026-01-03T00:00:00Z", "c2", "50.00", "EUR"));
        assertThat(amounts(r)).containsExactly("p1 8.00 EUR", "p1 8.00 EUR");
        assertThat(r.rejected()).singleElement().satisfies(rej -> {
            assertThat(rej.code()).isEqualTo(RejectionCode.MISSING_FX_RATE);
            assertThat(rej.message()).isEqualTo("payment x1: no rate from JPY to USD in program.fx");
        });
        // x1 was rejected, so i2 is c2's first payment and still pays
        assertThat(r.bindings()).extracting(b -> b.event()).containsExactly("i1", "i2");
    }

    @Test
    void revenue_tiers_count_other_currencies_in_program_currency() {
        String program = "{\"currency\":\"USD\",\"fx\":{\"EUR\":\"2\"},\"rewards\":{\"payment\":{\"type\":\"recurring\",\"reward\":"
                + "{\"type\":\"tiered\",\"metric\":\"revenue\",\"mode\":\"volume\",\"tiers\":[{\"above\":\"0\",\"reward\":{\"type\":\"percent\",\"percent\":\"10\"}},"
                + "{\"above\":\"100\",\"reward\":{\"type\":\"percent\",\"percent\":\"20\"}}]}}}}";
        Result r = run(program, "[{\"id\":\"p1\"}]", touch("t1", "2026-01-01T00:00:00Z", "p1", "c1"),
                pay("i1", "2026-01-02T00:00:00Z", "c1", "50.00", "EUR"),   // 100 USD of volume: tier 1
                pay("i2", "2026-01-03T00:00:00Z", "c1", "10.00", "USD"));  // 110: tier 2
        assertThat(amounts(r)).containsExactly("p1 5.00 EUR", "p1 2.00 USD");
        assertThat(r.entries().get(1).explanation().text()).contains("tier 2 of 2: revenue 110.00 USD above 100 in 2026-01");
    }

    @Test
    void a_customer_cap_holds_across_events_and_reversals_do_not_restore_headroom() {
        String program = "{\"currency\":\"USD\",\"rewards\":{\"payment\":{\"type\":\"recurring\",\"reward\":"
                + "{\"type\":\"cap\",\"max\":\"25.00\",\"per\":\"customer\",\"reward\":{\"type\":\"percent\",\"percent\":\"10\"}}}}}";
        Result r = run(program, "[{\"id\":\"p1\"}]", touch("t1", "2026-01-01T00:00:00Z", "p1", "c1"),
                pay("i1", "2026-01-02T00:00:00Z", "c1", "200.00", "USD"),
                "{\"type\":\"refund\",\"id\":\"r1\",\"at\":\"2026-01-03T00:00:00Z\",\"payment\":\"i1\",\"amount\":\"200.00\"}",
                pay("i2", "2026-01-04T00:00:00Z", "c1", "200.00", "USD"),
                pay("i3", "2026-01-05T00:00:00Z", "c1", "200.00", "USD"));
        assertThat(amounts(r)).containsExactly("p1 20.00 USD", "p1 -20.00 USD", "p1 5.00 USD");
    }

    @Test
    void retroactive_tiers_true_up_at_the_close_and_refunds_reverse_the_true_up() {
        String program = "{\"currency\":\"USD\",\"holdDays\":0,\"rewards\":{\"payment\":{\"type\":\"tiered\",\"metric\":\"conversions\","
                + "\"mode\":\"retroactive\",\"tiers\":[{\"above\":\"0\",\"reward\":{\"type\":\"percent\",\"percent\":\"10\"}},"
                + "{\"above\":\"1\",\"reward\":{\"type\":\"percent\",\"percent\":\"20\"}}]}}}";
        Result r = run(program, "[{\"id\":\"p1\"}]", touch("t1", "2026-01-01T00:00:00Z", "p1", "c1"), touch("t2", "2026-01-01T00:00:00Z", "p1", "c2"),
                pay("i1", "2026-01-02T00:00:00Z", "c1", "100.00", "USD"),
                pay("i2", "2026-01-03T00:00:00Z", "c2", "100.00", "USD"),
                "{\"type\":\"payout_run\",\"id\":\"run1\",\"at\":\"2026-02-01T00:00:00Z\"}",
                "{\"type\":\"refund\",\"id\":\"r1\",\"at\":\"2026-02-02T00:00:00Z\",\"payment\":\"i1\",\"amount\":\"100.00\"}");
        List<Entry> e = r.entries();
        assertThat(amounts(r)).containsExactly("p1 10.00 USD", "p1 20.00 USD", "p1 10.00 USD", "p1 -40.00 USD",
                "p1 -10.00 USD", "p1 -10.00 USD");
        assertThat(e.get(2).id()).isEqualTo("i1/p1/true_up/2026-01");
        assertThat(e.get(5).id()).isEqualTo("r1/p1/true_up/2026-01/reversal");
        assertThat(ReferralKitJson.write(r.payouts())).contains("\"amount\":\"40.00\"");
    }

    @Test
    void a_missing_rate_is_decided_from_the_plans_of_the_partners_a_payment_would_pay() {
        String mixed = "{\"currency\":\"USD\",\"rewards\":{\"payment\":{\"type\":\"firstMatch\",\"rules\":["
                + "{\"when\":{\"field\":\"event.product\",\"op\":\"eq\",\"value\":\"pro\"},\"reward\":{\"type\":\"flat\",\"amount\":\"5.00\"}},"
                + "{\"reward\":{\"type\":\"percent\",\"percent\":\"10\"}}]}}}";
        String percentOnly = "{\"currency\":\"USD\",\"rewards\":{\"payment\":{\"type\":\"percent\",\"percent\":\"10\"}}}";
        String yen = "{\"type\":\"payment\",\"id\":\"i1\",\"at\":\"2026-01-02T00:00:00Z\",\"customer\":\"c1\",\"amount\":\"1000\","
                + "\"currency\":\"JPY\",\"product\":\"basic\"}";
        // the plan may convert (a flat branch), so the rate is needed whichever branch this payment takes
        Result refused = run(mixed, "[{\"id\":\"p1\"}]", touch("t1", "2026-01-01T00:00:00Z", "p1", "c1"), yen);
        assertThat(refused.rejected()).singleElement().satisfies(r -> assertThat(r.code()).isEqualTo(RejectionCode.MISSING_FX_RATE));
        // a percentage never converts: paid in yen
        Result paid = run(percentOnly, "[{\"id\":\"p1\"}]", touch("t1", "2026-01-01T00:00:00Z", "p1", "c1"), yen);
        assertThat(paid.rejected()).isEmpty();
        assertThat(amounts(paid)).containsExactly("p1 100 JPY");
        // an ORGANIC customer pays nobody: no rate needed
        Result organic = run(mixed, "[{\"id\":\"p1\"}]", yen);
        assertThat(organic.rejected()).isEmpty();
    }
}
