package dev.referralkit.engine;

import static dev.referralkit.engine.EngineRulesTest.pay;
import static dev.referralkit.engine.EngineRulesTest.run;
import static dev.referralkit.engine.EngineRulesTest.touch;
import static dev.referralkit.engine.LedgerRulesTest.ledger;
import static dev.referralkit.engine.LedgerRulesTest.payoutRun;
import static dev.referralkit.engine.MoneyEvents.confirmed;
import static dev.referralkit.engine.MoneyEvents.failed;
import static dev.referralkit.engine.MoneyEvents.taxForm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.referralkit.ledger.Balance;
import dev.referralkit.ledger.Result;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** docs/payouts.md §3 and §4: a payout is sent, then confirmed or failed; tax thresholds withhold payouts. */
class PayoutLifecycleTest {
    static final String PROGRAM = "{\"currency\":\"USD\",\"holdDays\":0,\"rewards\":{\"payment\":{\"type\":\"percent\",\"percent\":\"20\"}}}";
    static final String P1 = "[{\"id\":\"p1\"}]";
    static final String PAYOUT = "run1/p1/USD/payout";

    static Balance balance(Result r, String partner) {
        return r.balances().stream().filter(b -> b.partner().equals(partner)).findFirst().orElseThrow();
    }

    @Test
    void a_failed_payout_puts_back_exactly_its_sum_and_the_next_run_pays_it_again_once() {
        Result r = run(PROGRAM, P1,
                touch("t1", "2026-01-01T00:00:00Z", "p1", "c1"), pay("i1", "2026-01-02T00:00:00Z", "c1", "100.00", "USD"),
                payoutRun("run1", "2026-01-31T00:00:00Z"),
                failed("pf1", "2026-02-02T00:00:00Z", "p1", PAYOUT, "account_closed"),
                payoutRun("run2", "2026-02-28T00:00:00Z"),
                payoutRun("run3", "2026-03-31T00:00:00Z"));
        assertThat(ledger(r)).containsExactly(
                "i1/p1/commission 20.00 USD 2026-01-02T00:00:00Z",
                "run1/p1/USD/payout -20.00 USD 2026-01-31T00:00:00Z",
                "run1/p1/USD/payout/reversal 20.00 USD 2026-02-02T00:00:00Z",
                "run2/p1/USD/payout -20.00 USD 2026-02-28T00:00:00Z");
        assertThat(r.entries().get(2).kind().name()).isEqualTo("PAYOUT_REVERSAL");
        assertThat(r.entries().get(2).event()).isEqualTo("pf1");
        assertThat(r.entries().get(2).explanation().text())
                .isEqualTo("payout run1/p1/USD/payout failed: account_closed; 20.00 USD put back for the next run");
        assertThat(r.payouts()).extracting(p -> p.run() + " " + p.amount() + " " + p.entries())
                .containsExactly("run1 20.00 [i1/p1/commission]", "run2 20.00 [run1/p1/USD/payout/reversal]");
        Balance b = balance(r, "p1");
        assertThat(b.paid()).isEqualByComparingTo("20.00");
        assertThat(b.available()).isEqualByComparingTo("0.00");
        assertThat(r.rejected()).isEmpty();
    }

    @Test
    void a_confirmation_makes_no_entry_and_a_later_return_is_put_back_too() {
        Result r = run(PROGRAM, P1,
                touch("t1", "2026-01-01T00:00:00Z", "p1", "c1"), pay("i1", "2026-01-02T00:00:00Z", "c1", "100.00", "USD"),
                payoutRun("run1", "2026-01-31T00:00:00Z"),
                confirmed("pc1", "2026-02-01T00:00:00Z", "p1", PAYOUT, "tr_1"),
                failed("pf1", "2026-02-05T00:00:00Z", "p1", PAYOUT, "returned by the bank"));
        assertThat(ledger(r)).containsExactly(
                "i1/p1/commission 20.00 USD 2026-01-02T00:00:00Z",
                "run1/p1/USD/payout -20.00 USD 2026-01-31T00:00:00Z",
                "run1/p1/USD/payout/reversal 20.00 USD 2026-02-05T00:00:00Z");
        assertThat(r.entries().get(2).explanation().text()).startsWith("payout run1/p1/USD/payout came back after it was confirmed");
        assertThat(balance(r, "p1").paid()).isEqualByComparingTo("0.00");
        assertThat(balance(r, "p1").available()).isEqualByComparingTo("20.00");
    }

    @Test
    void the_same_confirmation_again_is_a_duplicate_and_a_different_one_a_conflict() {
        Result r = run(PROGRAM, P1,
                touch("t1", "2026-01-01T00:00:00Z", "p1", "c1"), pay("i1", "2026-01-02T00:00:00Z", "c1", "100.00", "USD"),
                payoutRun("run1", "2026-01-31T00:00:00Z"),
                confirmed("pc1", "2026-02-01T00:00:00Z", "p1", PAYOUT, "tr_1"),
                confirmed("pc2", "2026-02-02T00:00:00Z", "p1", PAYOUT, "tr_1"),
                confirmed("pc3", "2026-02-03T00:00:00Z", "p1", PAYOUT, "tr_2"),
                failed("pf1", "2026-02-04T00:00:00Z", "p1", PAYOUT, "returned"),
                confirmed("pc4", "2026-02-05T00:00:00Z", "p1", PAYOUT, "tr_1"),
                failed("pf2", "2026-02-06T00:00:00Z", "p1", PAYOUT, "returned"),
                failed("pf3", "2026-02-07T00:00:00Z", "p1", PAYOUT, "closed"),
                confirmed("pc5", "2026-02-08T00:00:00Z", "p1", "run9/p1/USD/payout", null),
                confirmed("pc6", "2026-02-08T00:00:00Z", "ghost", PAYOUT, null),
                confirmed("pc7", "2026-02-08T00:00:00Z", "p1", "run1/p1/EUR/payout", null));
        assertThat(r.rejected()).extracting(x -> x.event() + " " + x.code()).containsExactly(
                "pc2 DUPLICATE", "pc3 PAYOUT_CONFLICT", "pc4 PAYOUT_CONFLICT", "pf2 DUPLICATE", "pf3 PAYOUT_CONFLICT",
                "pc5 UNKNOWN_PAYOUT", "pc6 UNKNOWN_PARTNER", "pc7 UNKNOWN_PAYOUT");
        assertThat(r.rejected().get(1).message()).contains("already confirmed with reference tr_1");
        assertThat(r.entries()).filteredOn(e -> e.kind().name().equals("PAYOUT_REVERSAL")).hasSize(1);
    }

    @Test
    void a_tax_threshold_withholds_a_payout_that_would_cross_it_until_a_form_arrives_and_explains_why() {
        String program = "{\"currency\":\"USD\",\"holdDays\":0,\"rewards\":{\"payment\":{\"type\":\"percent\",\"percent\":\"50\"}},"
                + "\"tax\":{\"threshold\":{\"USD\":\"600.00\"},\"year\":\"calendar\"}}";
        Result r = run(program, P1,
                touch("t1", "2026-01-01T00:00:00Z", "p1", "c1"), pay("i1", "2026-01-02T00:00:00Z", "c1", "1100.00", "USD"),
                payoutRun("run1", "2026-01-31T00:00:00Z"),
                pay("i2", "2026-02-02T00:00:00Z", "c1", "100.00", "USD"),
                payoutRun("run2", "2026-02-28T00:00:00Z"),
                taxForm("tf1", "2026-03-01T00:00:00Z", "p1"),
                payoutRun("run3", "2026-03-31T00:00:00Z"));
        // 550.00 is paid (≤ 600.00); 50.00 more would make 600.00... the one-time plan pays i1 only
        assertThat(r.payouts()).extracting(p -> p.run() + " " + p.amount()).containsExactly("run1 550.00");
        assertThat(r.withheld()).isEmpty();

        Result crossing = run(program, P1,
                touch("t1", "2026-01-01T00:00:00Z", "p1", "c1"), pay("i1", "2026-01-02T00:00:00Z", "c1", "1100.00", "USD"),
                payoutRun("run1", "2026-01-31T00:00:00Z"),
                touch("t2", "2026-02-01T00:00:00Z", "p1", "c2"), pay("i2", "2026-02-02T00:00:00Z", "c2", "150.00", "USD"),
                payoutRun("run2", "2026-02-28T00:00:00Z"),
                taxForm("tf1", "2026-03-01T00:00:00Z", "p1"),
                payoutRun("run3", "2026-03-31T00:00:00Z"));
        assertThat(crossing.payouts()).extracting(p -> p.run() + " " + p.amount()).containsExactly("run1 550.00", "run3 75.00");
        assertThat(crossing.withheld()).extracting(w -> w.run() + " " + w.partner() + " " + w.amount() + " " + w.code())
                .containsExactly("run2 p1 75.00 TAX_FORM_REQUIRED");
        assertThat(crossing.withheld().get(0).explanation()).isEqualTo("paid 550.00 USD in 2026 + this payout 75.00 USD = 625.00 USD would "
                + "exceed the threshold of 600.00 USD; no tax form on file");
    }

    @Test
    void a_new_year_starts_the_total_again_and_a_failed_payout_lowers_its_year() {
        String program = "{\"currency\":\"USD\",\"holdDays\":0,\"rewards\":{\"payment\":{\"type\":\"percent\",\"percent\":\"100\"}},"
                + "\"tax\":{\"threshold\":{\"USD\":\"600.00\"}}}";
        Result r = run(program, P1,
                touch("t1", "2026-12-01T00:00:00Z", "p1", "c1"), pay("i1", "2026-12-02T00:00:00Z", "c1", "500.00", "USD"),
                payoutRun("run1", "2026-12-31T00:00:00Z"),
                touch("t2", "2026-12-31T12:00:00Z", "p1", "c2"), pay("i2", "2026-12-31T13:00:00Z", "c2", "200.00", "USD"),
                payoutRun("run2", "2026-12-31T23:00:00Z"),
                payoutRun("run3", "2027-01-01T01:00:00Z"));
        assertThat(r.withheld()).extracting(w -> w.run() + " " + w.amount()).containsExactly("run2 200.00");
        assertThat(r.payouts()).extracting(p -> p.run() + " " + p.amount()).containsExactly("run1 500.00", "run3 200.00");

        Result failing = run(program, P1,
                touch("t1", "2026-06-01T00:00:00Z", "p1", "c1"), pay("i1", "2026-06-02T00:00:00Z", "c1", "500.00", "USD"),
                payoutRun("run1", "2026-06-30T00:00:00Z"),
                failed("pf1", "2026-07-01T00:00:00Z", "p1", PAYOUT, "account_closed"),
                touch("t2", "2026-07-02T00:00:00Z", "p1", "c2"), pay("i2", "2026-07-03T00:00:00Z", "c2", "100.00", "USD"),
                payoutRun("run2", "2026-07-31T00:00:00Z"));
        // 500.00 put back + 100.00 = 600.00, not above the threshold once the failed 500.00 no longer counts as paid
        assertThat(failing.payouts()).extracting(p -> p.run() + " " + p.amount()).containsExactly("run1 500.00", "run2 600.00");
        assertThat(failing.withheld()).isEmpty();
        assertThat(balance(failing, "p1").paid()).isEqualByComparingTo(new BigDecimal("600.00"));
    }

    @Test
    void an_inactive_partner_payout_is_withheld_and_explained() {
        Result r = run(PROGRAM, P1,
                touch("t1", "2026-01-01T00:00:00Z", "p1", "c1"), pay("i1", "2026-01-02T00:00:00Z", "c1", "100.00", "USD"),
                LedgerRulesTest.status("u1", "2026-01-10T00:00:00Z", "p1", "suspended"),
                payoutRun("run1", "2026-01-31T00:00:00Z"));
        assertThat(r.payouts()).isEmpty();
        assertThat(r.withheld()).extracting(w -> w.partner() + " " + w.amount() + " " + w.code() + ": " + w.explanation())
                .containsExactly("p1 20.00 PARTNER_NOT_ACTIVE: partner p1 is suspended, not active: 20.00 USD carries until it is");
    }
}
