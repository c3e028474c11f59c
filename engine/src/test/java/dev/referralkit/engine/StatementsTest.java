package dev.referralkit.engine;

import static dev.referralkit.engine.EngineRulesTest.pay;
import static dev.referralkit.engine.EngineRulesTest.touch;
import static dev.referralkit.engine.LedgerRulesTest.payoutRun;
import static dev.referralkit.engine.LedgerRulesTest.refund;
import static dev.referralkit.engine.MoneyEvents.failed;
import static dev.referralkit.engine.MoneyEvents.review;
import static org.assertj.core.api.Assertions.assertThat;

import dev.referralkit.ledger.Result;
import dev.referralkit.ledger.Statement;
import org.junit.jupiter.api.Test;

/** docs/payouts.md §5: statements per partner, currency and period, computed by hand. */
class StatementsTest {
    static String show(Statement s) {
        return s.partner() + " " + s.currency() + " " + s.period() + " opening " + s.opening() + " " + s.entries() + " held " + s.held()
                + " paid " + s.paid() + " closing " + s.closing();
    }

    @Test
    void monthly_statements_reconcile_holds_payouts_and_failures() {
        String json = "{\"statements\":\"month\",\"program\":" + HoldsTest.PROGRAM + ",\"partners\":" + HoldsTest.PARTNERS + ",\"events\":["
                + String.join(",", touch("t1", "2026-01-01T00:00:00Z", "p1", "c1"), pay("i1", "2026-01-02T00:00:00Z", "c1", "100.00", "USD"),
                pay("i2", "2026-01-03T00:00:00Z", "c1", "40.00", "USD"), refund("r1", "2026-01-04T00:00:00Z", "i2", "10.00"),
                payoutRun("run1", "2026-01-31T00:00:00Z"),
                review("rv1", "2026-02-01T00:00:00Z", "p1", "i1/p1/commission", "release"),
                failed("pf1", "2026-02-02T00:00:00Z", "p1", "run1/p1/USD/payout", "account_closed"),
                payoutRun("run2", "2026-02-28T00:00:00Z"),
                review("rv9", "2026-03-05T00:00:00Z", "p1", "i1/p1/commission", "void")) + "]}";
        Result r = Scenario.parse(json).run();
        assertThat(r.rejected()).extracting(x -> x.event() + " " + x.code()).containsExactly("rv9 NOT_HELD");
        assertThat(r.statements()).extracting(StatementsTest::show).containsExactly(
                // p0: 2.00 share held, 0.80 share of i2 less 0.20 reversed; run1 pays 0.60; run2 the released 2.00
                "p0 USD 2026-01 opening 0.00 {PARENT_SHARE=2.80, REVERSAL=-0.20, PAYOUT=-0.60} held 2.00 paid 0.60 closing 2.00",
                "p0 USD 2026-02 opening 2.00 {PAYOUT=-2.00} held 0.00 paid 2.00 closing 0.00",
                // p1: 20.00 held + 8.00 - 2.00; run1 pays 6.00, which fails in February and is paid again with the released 20.00
                "p1 USD 2026-01 opening 0.00 {COMMISSION=28.00, REVERSAL=-2.00, PAYOUT=-6.00} held 20.00 paid 6.00 closing 20.00",
                "p1 USD 2026-02 opening 20.00 {PAYOUT=-26.00, PAYOUT_REVERSAL=6.00} held 0.00 paid 20.00 closing 0.00");
    }
}
