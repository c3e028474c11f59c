package dev.referralkit.engine;

import static dev.referralkit.engine.EngineRulesTest.pay;
import static dev.referralkit.engine.EngineRulesTest.run;
import static dev.referralkit.engine.EngineRulesTest.touch;
import static dev.referralkit.engine.LedgerRulesTest.ledger;
import static dev.referralkit.engine.LedgerRulesTest.payoutRun;
import static dev.referralkit.engine.LedgerRulesTest.refund;
import static dev.referralkit.engine.MoneyEvents.review;
import static org.assertj.core.api.Assertions.assertThat;

import dev.referralkit.ledger.Balance;
import dev.referralkit.ledger.Result;
import org.junit.jupiter.api.Test;

/** docs/payouts.md §2: a held commission and everything under its hold wait for a review that releases or voids it. */
class HoldsTest {
    /** Every commission above 10.00 USD needs approval; parents get 10 %. */
    static final String PROGRAM = "{\"currency\":\"USD\",\"holdDays\":0,\"parentShare\":{\"levels\":[\"10\"]},"
            + "\"rewards\":{\"payment\":{\"type\":\"recurring\",\"reward\":{\"type\":\"percent\",\"percent\":\"20\"}}},"
            + "\"risk\":[{\"type\":\"approval_threshold\",\"amount\":{\"USD\":\"10.00\"}}]}";
    static final String PARTNERS = "[{\"id\":\"p0\"},{\"id\":\"p1\",\"parent\":\"p0\"}]";
    static final String HELD = "i1/p1/commission";

    static Balance balance(Result r, String partner) {
        return PayoutLifecycleTest.balance(r, partner);
    }

    @Test
    void a_held_commission_and_its_parent_share_are_left_out_of_payout_runs_until_released() {
        Result r = run(PROGRAM, PARTNERS,
                touch("t1", "2026-01-01T00:00:00Z", "p1", "c1"), pay("i1", "2026-01-02T00:00:00Z", "c1", "100.00", "USD"),
                pay("i2", "2026-01-03T00:00:00Z", "c1", "40.00", "USD"),
                payoutRun("run1", "2026-01-31T00:00:00Z"),
                review("rv1", "2026-02-01T00:00:00Z", "p1", HELD, "release"),
                payoutRun("run2", "2026-02-28T00:00:00Z"));
        assertThat(r.decisions()).extracting(d -> d.event() + " " + d.partner() + " " + d.entry() + " " + d.action() + " " + d.check()
                + " " + d.code() + ": " + d.explanation())
                .containsExactly("i1 p1 i1/p1/commission HOLD approval_threshold NEEDS_APPROVAL: commission 20.00 USD is above 10.00 USD, "
                        + "which needs approval");
        assertThat(r.holds()).extracting(h -> h.event() + " " + h.partner() + " " + h.entry() + " " + h.status())
                .containsExactly("i1 p1 i1/p1/commission HELD", "i1 p0 i1/p1/commission/parent/p0 HELD",
                        "rv1 p1 i1/p1/commission RELEASED", "rv1 p0 i1/p1/commission/parent/p0 RELEASED");
        // run1 pays the 8.00 of i2 (not held) and its 0.80 share; run2 the released 20.00 and 2.00
        assertThat(r.payouts()).extracting(p -> p.run() + " " + p.partner() + " " + p.amount() + " " + p.entries()).containsExactly(
                "run1 p0 0.80 [i2/p1/commission/parent/p0]", "run1 p1 8.00 [i2/p1/commission]",
                "run2 p0 2.00 [i1/p1/commission/parent/p0]", "run2 p1 20.00 [i1/p1/commission]");
        assertThat(balance(r, "p1").held()).isEmpty();
    }

    @Test
    void balances_show_what_is_held_apart_from_pending_and_available() {
        Result r = run(PROGRAM, PARTNERS,
                touch("t1", "2026-01-01T00:00:00Z", "p1", "c1"), pay("i1", "2026-01-02T00:00:00Z", "c1", "100.00", "USD"),
                refund("r1", "2026-01-03T00:00:00Z", "i1", "25.00"),
                payoutRun("run1", "2026-01-31T00:00:00Z"));
        // the refund's reversals fall under the hold too: 20.00 - 5.00 held for p1, 2.00 - 0.50 for p0
        assertThat(r.holds()).extracting(h -> h.entry() + " " + h.hold() + " " + h.status()).containsExactly(
                "i1/p1/commission i1/p1/commission HELD", "i1/p1/commission/parent/p0 i1/p1/commission HELD",
                "r1/p1/reversal i1/p1/commission HELD", "r1/p1/commission/parent/p0/reversal i1/p1/commission HELD");
        assertThat(r.payouts()).isEmpty();
        Balance b = balance(r, "p1");
        assertThat(b.held()).hasValueSatisfying(h -> assertThat(h).isEqualByComparingTo("15.00"));
        assertThat(b.available()).isEqualByComparingTo("0.00");
        assertThat(b.pending()).isEqualByComparingTo("0.00");
        assertThat(balance(r, "p0").held()).hasValueSatisfying(h -> assertThat(h).isEqualByComparingTo("1.50"));
    }

    @Test
    void a_void_reverses_what_is_under_the_hold_for_each_partner_and_later_refunds_reverse_nothing_more() {
        Result r = run(PROGRAM, PARTNERS,
                touch("t1", "2026-01-01T00:00:00Z", "p1", "c1"), pay("i1", "2026-01-02T00:00:00Z", "c1", "100.00", "USD"),
                refund("r1", "2026-01-03T00:00:00Z", "i1", "25.00"),
                review("rv1", "2026-01-04T00:00:00Z", "p1", HELD, "void"),
                refund("r2", "2026-01-05T00:00:00Z", "i1", "75.00"),
                payoutRun("run1", "2026-01-31T00:00:00Z"));
        assertThat(ledger(r)).containsExactly(
                "i1/p1/commission 20.00 USD 2026-01-02T00:00:00Z",
                "i1/p1/commission/parent/p0 2.00 USD 2026-01-02T00:00:00Z",
                "r1/p1/reversal -5.00 USD 2026-01-03T00:00:00Z",
                "r1/p1/commission/parent/p0/reversal -0.50 USD 2026-01-03T00:00:00Z",
                "rv1/p1/reversal -15.00 USD 2026-01-04T00:00:00Z",
                "rv1/p0/reversal -1.50 USD 2026-01-04T00:00:00Z");
        assertThat(r.entries().get(4).explanation().text())
                .isEqualTo("voids i1/p1/commission (held: NEEDS_APPROVAL): reverses 15.00 USD of 2 entries under the hold");
        assertThat(r.payouts()).isEmpty();
        assertThat(balance(r, "p1").available()).isEqualByComparingTo("0.00");
        assertThat(balance(r, "p1").held()).isEmpty();
        assertThat(r.holds()).filteredOn(h -> h.status().name().equals("VOIDED")).hasSize(4);
    }

    @Test
    void a_review_of_an_entry_that_is_not_held_is_refused_and_changes_nothing() {
        Result r = run(PROGRAM, PARTNERS,
                touch("t1", "2026-01-01T00:00:00Z", "p1", "c1"), pay("i1", "2026-01-02T00:00:00Z", "c1", "40.00", "USD"),
                pay("i2", "2026-01-03T00:00:00Z", "c1", "100.00", "USD"),
                review("rv1", "2026-01-04T00:00:00Z", "p1", "i1/p1/commission", "release"),
                review("rv2", "2026-01-04T00:00:00Z", "p0", "i2/p1/commission", "release"),
                review("rv3", "2026-01-04T00:00:00Z", "p0", "i2/p1/commission/parent/p0", "void"),
                review("rv4", "2026-01-04T00:00:00Z", "ghost", "i2/p1/commission", "void"),
                review("rv5", "2026-01-02T12:00:00Z", "p1", "i2/p1/commission", "void"),
                review("rv6", "2026-01-05T00:00:00Z", "p1", "i2/p1/commission", "release"),
                review("rv7", "2026-01-06T00:00:00Z", "p1", "i2/p1/commission", "void"));
        assertThat(r.rejected()).extracting(x -> x.event() + " " + x.code()).containsExactly(
                "rv1 NOT_HELD", "rv2 NOT_HELD", "rv3 NOT_HELD", "rv4 UNKNOWN_PARTNER", "rv5 OUT_OF_ORDER", "rv7 NOT_HELD");
        assertThat(r.rejected().get(0).message()).contains("is not under a hold of partner p1 (never held, or already released or voided)");
        assertThat(r.rejected().get(1).message()).contains("is reviewed with the entry it shares, i2/p1/commission of partner p1");
        assertThat(r.rejected().get(2).message()).contains("is reviewed with the entry it shares, i2/p1/commission of partner p1");
    }

    @Test
    void a_true_up_of_a_held_commission_falls_under_its_hold() {
        String program = "{\"currency\":\"USD\",\"holdDays\":0,\"rewards\":{\"payment\":{\"type\":\"tiered\",\"metric\":\"conversions\","
                + "\"period\":\"month\",\"mode\":\"retroactive\",\"tiers\":[{\"above\":\"0\",\"reward\":{\"type\":\"percent\",\"percent\":\"10\"}},"
                + "{\"above\":\"1\",\"reward\":{\"type\":\"percent\",\"percent\":\"20\"}}]}},"
                + "\"risk\":[{\"type\":\"approval_threshold\",\"amount\":{\"USD\":\"15.00\"}}]}";
        Result r = run(program, "[{\"id\":\"p1\"}]",
                touch("t1", "2026-01-01T00:00:00Z", "p1", "c1"), pay("i1", "2026-01-02T00:00:00Z", "c1", "200.00", "USD"),
                touch("t2", "2026-01-03T00:00:00Z", "p1", "c2"), pay("i2", "2026-01-04T00:00:00Z", "c2", "100.00", "USD"),
                payoutRun("run1", "2026-02-01T00:00:00Z"));
        // i1 pays 20.00 (held), i2 pays 20.00 (tier 2, held); the close trues i1 up by 20.00, under i1's hold
        assertThat(r.holds()).extracting(h -> h.entry() + " " + h.hold()).containsExactly(
                "i1/p1/commission i1/p1/commission", "i2/p1/commission i2/p1/commission", "i1/p1/true_up/2026-01 i1/p1/commission");
        assertThat(r.payouts()).isEmpty();
    }
}
