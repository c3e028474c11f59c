package dev.referralkit.engine;

import static dev.referralkit.engine.EngineRulesTest.pay;
import static dev.referralkit.engine.EngineRulesTest.run;
import static dev.referralkit.engine.EngineRulesTest.touch;
import static org.assertj.core.api.Assertions.assertThat;

import dev.referralkit.ledger.Entry;
import dev.referralkit.ledger.Result;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** SPEC.md §5 and §6 rules with exact amounts, ids and instants: each would fail if its rule broke. */
class LedgerRulesTest {
    static List<String> ledger(Result r) {
        return r.entries().stream().map(LedgerRulesTest::show).collect(Collectors.toList());
    }

    static String show(Entry e) {
        return e.id() + " " + e.amount().toPlainString() + " " + e.currency().getCurrencyCode() + " " + e.availableAt();
    }

    static String refund(String id, String at, String payment, String amount) {
        return "{\"type\":\"refund\",\"id\":\"" + id + "\",\"at\":\"" + at + "\",\"payment\":\"" + payment + "\",\"amount\":\"" + amount + "\"}";
    }

    static String payoutRun(String id, String at) {
        return "{\"type\":\"payout_run\",\"id\":\"" + id + "\",\"at\":\"" + at + "\"}";
    }

    static String status(String id, String at, String partner, String status) {
        return "{\"type\":\"partner\",\"id\":\"" + id + "\",\"at\":\"" + at + "\",\"partner\":\"" + partner + "\",\"status\":\"" + status + "\"}";
    }

    @Test
    void parent_shares_go_up_the_levels_skip_inactive_ancestors_and_reverse_with_the_refund() {
        String program = "{\"currency\":\"USD\",\"holdDays\":0,\"parentShare\":{\"levels\":[\"10\",\"5\"]},"
                + "\"rewards\":{\"payment\":{\"type\":\"percent\",\"percent\":\"20\"}}}";
        String partners = "[{\"id\":\"p0\"},{\"id\":\"p1\",\"parent\":\"p0\"},{\"id\":\"p2\",\"parent\":\"p1\"}]";
        Result r = run(program, partners,
                touch("t1", "2026-01-01T00:00:00Z", "p2", "c1"), pay("i1", "2026-01-02T00:00:00Z", "c1", "100.00", "USD"),
                refund("r1", "2026-01-03T00:00:00Z", "i1", "50.00"),
                status("u1", "2026-01-04T00:00:00Z", "p1", "suspended"),
                touch("t2", "2026-01-05T00:00:00Z", "p2", "c2"), pay("i2", "2026-01-06T00:00:00Z", "c2", "100.00", "USD"));
        assertThat(ledger(r)).containsExactly(
                "i1/p2/commission 20.00 USD 2026-01-02T00:00:00Z",
                "i1/p2/commission/parent/p1 2.00 USD 2026-01-02T00:00:00Z",
                "i1/p2/commission/parent/p0 1.00 USD 2026-01-02T00:00:00Z",
                "r1/p2/reversal -10.00 USD 2026-01-03T00:00:00Z",
                "r1/p2/commission/parent/p1/reversal -1.00 USD 2026-01-03T00:00:00Z",
                "r1/p2/commission/parent/p0/reversal -0.50 USD 2026-01-03T00:00:00Z",
                // p1 is suspended: no share for it; the grandparent keeps its own level's 5 %
                "i2/p2/commission 20.00 USD 2026-01-06T00:00:00Z",
                "i2/p2/commission/parent/p0 1.00 USD 2026-01-06T00:00:00Z");
        assertThat(r.entries().get(1).explanation().text()).isEqualTo("10% parent share of p2's commission 20.00 USD");
    }

    @Test
    void a_parent_cycle_is_a_configuration_error_and_a_partner_event_cannot_make_one() {
        String program = "{\"currency\":\"USD\",\"parentShare\":{\"levels\":[\"10\"]}}";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReferralEngine.create(
                        ReferralProgram.parse(program, "[{\"id\":\"a\",\"parent\":\"b\"},{\"id\":\"b\",\"parent\":\"a\"}]")))
                .isInstanceOfSatisfying(dev.referralkit.ReferralKitException.class,
                        e -> assertThat(e.code()).isEqualTo(dev.referralkit.RejectionCode.INVALID_PROGRAM))
                .hasMessage("line 1, column 12: /0/parent: parent \"b\" makes a parent cycle: a, b, a");
        Result r = run(program, "[{\"id\":\"a\"},{\"id\":\"b\",\"parent\":\"a\"}]",
                "{\"type\":\"partner\",\"id\":\"u1\",\"at\":\"2026-01-01T00:00:00Z\",\"partner\":\"a\",\"parent\":\"b\"}",
                "{\"type\":\"partner\",\"id\":\"u2\",\"at\":\"2026-01-01T00:00:00Z\",\"partner\":\"a\",\"parent\":\"ghost\"}");
        assertThat(r.rejected()).extracting(x -> x.event() + " " + x.code()).containsExactly("u1 INVALID_EVENT", "u2 UNKNOWN_PARTNER");
    }

    @Test
    void a_period_bonus_at_its_close_and_a_lifetime_bonus_once() {
        String program = "{\"currency\":\"USD\",\"holdDays\":0,\"rewards\":{\"payment\":{\"type\":\"percent\",\"percent\":\"10\"}},"
                + "\"bonuses\":[{\"metric\":\"conversions\",\"period\":\"month\",\"threshold\":\"2\",\"amount\":\"50.00\"},"
                + "{\"metric\":\"revenue\",\"period\":\"lifetime\",\"threshold\":\"300\",\"amount\":\"25.00\"}]}";
        Result r = run(program, "[{\"id\":\"p1\"}]",
                touch("t1", "2026-01-01T00:00:00Z", "p1", "c1"), pay("i1", "2026-01-02T00:00:00Z", "c1", "100.00", "USD"),
                touch("t2", "2026-01-03T00:00:00Z", "p1", "c2"), pay("i2", "2026-01-04T00:00:00Z", "c2", "100.00", "USD"),
                payoutRun("run1", "2026-02-01T00:00:00Z"),
                touch("t3", "2026-02-02T00:00:00Z", "p1", "c3"), pay("i3", "2026-02-03T00:00:00Z", "c3", "150.00", "USD"),
                payoutRun("run2", "2026-03-01T00:00:00Z"),
                touch("t4", "2026-03-02T00:00:00Z", "p1", "c4"), pay("i4", "2026-03-03T00:00:00Z", "c4", "10.00", "USD"),
                payoutRun("run3", "2026-04-01T00:00:00Z"));
        assertThat(ledger(r)).containsExactly(
                "i1/p1/commission 10.00 USD 2026-01-02T00:00:00Z",
                "i2/p1/commission 10.00 USD 2026-01-04T00:00:00Z",
                "run1/p1/bonus/0/2026-01 50.00 USD 2026-02-01T00:00:00Z",      // January closed with 2 conversions
                "run1/p1/USD/payout -70.00 USD 2026-02-01T00:00:00Z",
                "i3/p1/commission 15.00 USD 2026-02-03T00:00:00Z",
                "run2/p1/bonus/1/lifetime 25.00 USD 2026-03-01T00:00:00Z",      // lifetime revenue 350 reached 300
                "run2/p1/USD/payout -40.00 USD 2026-03-01T00:00:00Z",
                "i4/p1/commission 1.00 USD 2026-03-03T00:00:00Z",
                "run3/p1/USD/payout -1.00 USD 2026-04-01T00:00:00Z");          // no second lifetime bonus
    }

    @Test
    void click_rewards_for_links_but_not_coupons_or_self_referrals_and_a_lead_reward_once_per_customer() {
        String program = "{\"currency\":\"USD\",\"holdDays\":0,\"rewards\":{\"click\":{\"type\":\"flat\",\"amount\":\"0.25\"},"
                + "\"lead\":{\"type\":\"flat\",\"amount\":\"2.00\"}}}";
        String coupon = "{\"type\":\"touch\",\"id\":\"t2\",\"at\":\"2026-01-01T01:00:00Z\",\"partner\":\"p1\",\"customer\":\"c1\",\"channel\":\"coupon\"}";
        Result r = run(program, "[{\"id\":\"p1\",\"ownCustomers\":[\"self\"]}]",
                touch("t1", "2026-01-01T00:00:00Z", "p1", "c1"), coupon, touch("t3", "2026-01-01T02:00:00Z", "p1", "self"),
                "{\"type\":\"lead\",\"id\":\"l1\",\"at\":\"2026-01-02T00:00:00Z\",\"customer\":\"c1\"}",
                "{\"type\":\"lead\",\"id\":\"l2\",\"at\":\"2026-01-03T00:00:00Z\",\"customer\":\"c1\"}");
        assertThat(ledger(r)).containsExactly(
                "t1/p1/click 0.25 USD 2026-01-01T00:00:00Z",
                "l1/p1/lead 2.00 USD 2026-01-02T00:00:00Z");
    }

    @Test
    void an_inactive_partner_earns_nothing_is_not_paid_but_its_reversals_apply() {
        String program = "{\"currency\":\"USD\",\"holdDays\":0,\"rewards\":{\"payment\":{\"type\":\"recurring\","
                + "\"reward\":{\"type\":\"percent\",\"percent\":\"10\"}}}}";
        Result r = run(program, "[{\"id\":\"p1\"}]",
                touch("t1", "2026-01-01T00:00:00Z", "p1", "c1"), pay("i1", "2026-01-02T00:00:00Z", "c1", "100.00", "USD"),
                status("u1", "2026-01-05T00:00:00Z", "p1", "suspended"),
                pay("i2", "2026-01-06T00:00:00Z", "c1", "100.00", "USD"),
                refund("r1", "2026-01-07T00:00:00Z", "i1", "50.00"),
                payoutRun("run1", "2026-01-31T00:00:00Z"),
                status("u2", "2026-02-02T00:00:00Z", "p1", "active"),
                payoutRun("run2", "2026-02-03T00:00:00Z"));
        assertThat(ledger(r)).containsExactly(
                "i1/p1/commission 10.00 USD 2026-01-02T00:00:00Z",
                "r1/p1/reversal -5.00 USD 2026-01-07T00:00:00Z",
                "run2/p1/USD/payout -5.00 USD 2026-02-03T00:00:00Z");
        assertThat(r.payouts()).singleElement().satisfies(p -> assertThat(p.run()).isEqualTo("run2"));
    }

    @Test
    void each_currency_is_paid_on_its_own_with_its_own_minimum() {
        String program = "{\"currency\":\"USD\",\"holdDays\":30,\"fx\":{\"EUR\":\"1.08\"},\"payout\":{\"minimum\":{\"USD\":\"50.00\"}},"
                + "\"rewards\":{\"payment\":{\"type\":\"percent\",\"percent\":\"10\"}}}";
        Result r = run(program, "[{\"id\":\"p1\"}]",
                touch("t1", "2026-01-01T00:00:00Z", "p1", "c1"), pay("i1", "2026-01-02T00:00:00Z", "c1", "100.00", "USD"),
                touch("t2", "2026-01-01T00:00:00Z", "p1", "c2"), pay("i2", "2026-01-03T00:00:00Z", "c2", "100.00", "EUR"),
                payoutRun("run1", "2026-02-10T00:00:00Z"));
        assertThat(ledger(r)).containsExactly(
                "i1/p1/commission 10.00 USD 2026-02-01T00:00:00Z",
                "i2/p1/commission 10.00 EUR 2026-02-02T00:00:00Z",
                "run1/p1/EUR/payout -10.00 EUR 2026-02-10T00:00:00Z");        // 10.00 USD carries: below its 50.00 minimum
        assertThat(r.balances()).extracting(b -> b.currency() + " " + b.available() + " " + b.paid())
                .containsExactly("EUR 0.00 10.00", "USD 10.00 0.00");
    }

    @Test
    void a_true_up_is_available_at_the_later_of_the_close_and_the_payments_hold() {
        String program = "{\"currency\":\"USD\",\"holdDays\":30,\"rewards\":{\"payment\":{\"type\":\"tiered\",\"metric\":\"conversions\","
                + "\"mode\":\"retroactive\",\"tiers\":[{\"above\":\"0\",\"reward\":{\"type\":\"percent\",\"percent\":\"10\"}},"
                + "{\"above\":\"1\",\"reward\":{\"type\":\"percent\",\"percent\":\"20\"}}]}}}";
        Result r = run(program, "[{\"id\":\"p1\"}]",
                touch("t1", "2026-01-01T00:00:00Z", "p1", "c1"), pay("i1", "2026-01-20T00:00:00Z", "c1", "100.00", "USD"),
                touch("t2", "2026-01-01T00:00:00Z", "p1", "c2"), pay("i2", "2026-01-25T00:00:00Z", "c2", "100.00", "USD"),
                payoutRun("run1", "2026-02-01T00:00:00Z"));
        assertThat(ledger(r)).containsExactly(
                "i1/p1/commission 10.00 USD 2026-02-19T00:00:00Z",
                "i2/p1/commission 20.00 USD 2026-02-24T00:00:00Z",
                "i1/p1/true_up/2026-01 10.00 USD 2026-02-19T00:00:00Z");     // nothing available yet: no payout
        assertThat(r.payouts()).isEmpty();
    }

    @Test
    void only_a_full_refund_of_a_first_payment_takes_its_conversion_back() {
        // SPEC.md §5.1: a 0.01 refund of a 100.00 first payment leaves the partner at one conversion
        String program = "{\"currency\":\"USD\",\"holdDays\":0,\"rewards\":{\"payment\":{\"type\":\"percent\",\"percent\":\"10\"}},"
                + "\"bonuses\":[{\"metric\":\"conversions\",\"period\":\"month\",\"threshold\":\"1\",\"amount\":\"50.00\"}]}";
        Result partial = EngineRulesTest.run(program, "[{\"id\":\"p1\"}]", touch("t1", "2026-01-01T00:00:00Z", "p1", "c1"),
                pay("i1", "2026-01-02T00:00:00Z", "c1", "100.00", "USD"), refund("r1", "2026-01-03T00:00:00Z", "i1", "0.01"),
                payoutRun("run1", "2026-02-01T00:00:00Z"));
        assertThat(ledger(partial)).contains("run1/p1/bonus/0/2026-01 50.00 USD 2026-02-01T00:00:00Z");
        Result full = EngineRulesTest.run(program, "[{\"id\":\"p1\"}]", touch("t1", "2026-01-01T00:00:00Z", "p1", "c1"),
                pay("i1", "2026-01-02T00:00:00Z", "c1", "100.00", "USD"), refund("r1", "2026-01-03T00:00:00Z", "i1", "100.00"),
                payoutRun("run1", "2026-02-01T00:00:00Z"));
        assertThat(ledger(full)).noneMatch(line -> line.contains("/bonus/"));
        // a refund in several parts takes it back when the parts reach the whole amount
        Result parts = EngineRulesTest.run(program, "[{\"id\":\"p1\"}]", touch("t1", "2026-01-01T00:00:00Z", "p1", "c1"),
                pay("i1", "2026-01-02T00:00:00Z", "c1", "100.00", "USD"), refund("r1", "2026-01-03T00:00:00Z", "i1", "99.99"),
                refund("r2", "2026-01-04T00:00:00Z", "i1", "0.01"), payoutRun("run1", "2026-02-01T00:00:00Z"));
        assertThat(ledger(parts)).noneMatch(line -> line.contains("/bonus/"));
    }

    @Test
    void a_payment_past_its_refund_window_is_kept_until_its_retroactive_period_closes() {
        // docs/engine.md §4: the close trues the payment up on what is left of it after its refund
        String program = "{\"currency\":\"USD\",\"holdDays\":0,\"retention\":{\"refundDays\":5},\"rewards\":{\"payment\":"
                + "{\"type\":\"tiered\",\"metric\":\"conversions\",\"period\":\"quarter\",\"mode\":\"retroactive\",\"tiers\":["
                + "{\"above\":\"0\",\"reward\":{\"type\":\"percent\",\"percent\":\"10\"}},"
                + "{\"above\":\"1\",\"reward\":{\"type\":\"percent\",\"percent\":\"20\"}}]}}}";
        ReferralEngine engine = ReferralEngine.create(dev.referralkit.program.Program.parse(program),
                List.of(dev.referralkit.program.ImmutablePartner.builder().id("p1").build()));
        List<String> entries = new java.util.ArrayList<>();
        for (String e : List.of(touch("t1", "2026-01-02T00:00:00Z", "p1", "c1"), pay("i1", "2026-01-03T00:00:00Z", "c1", "100.00", "USD"),
                refund("f1", "2026-01-04T00:00:00Z", "i1", "50.00"), payoutRun("run1", "2026-01-20T00:00:00Z"),
                touch("t2", "2026-01-21T00:00:00Z", "p1", "c2"), pay("i2", "2026-01-22T00:00:00Z", "c2", "100.00", "USD"),
                payoutRun("run2", "2026-04-02T00:00:00Z"))) {
            Outcome o = engine.process(dev.referralkit.json.ReferralKitJson.readTree(e, dev.referralkit.RejectionCode.INVALID_EVENT));
            assertThat(o.isAccepted()).as(e).isTrue();
            o.entries().forEach(x -> entries.add(show(x)));
        }
        // i2 was priced at the second tier already; i1 gets 10 % more of the 50.00 its refund left
        assertThat(entries).containsExactly("i1/p1/commission 10.00 USD 2026-01-03T00:00:00Z", "f1/p1/reversal -5.00 USD 2026-01-04T00:00:00Z",
                "run1/p1/USD/payout -5.00 USD 2026-01-20T00:00:00Z", "i2/p1/commission 20.00 USD 2026-01-22T00:00:00Z",
                "i1/p1/true_up/2026-Q1 5.00 USD 2026-04-02T00:00:00Z", "run2/p1/USD/payout -25.00 USD 2026-04-02T00:00:00Z");
        int[] payments = new int[1];
        engine.forEachRecord(r -> payments[0] += r.kind() == dev.referralkit.engine.state.RecordKind.PAYMENT
                || r.kind() == dev.referralkit.engine.state.RecordKind.EARNING ? 1 : 0);
        assertThat(payments[0]).as("both payments and their earnings forgotten once the quarter closed").isZero();
    }
}
