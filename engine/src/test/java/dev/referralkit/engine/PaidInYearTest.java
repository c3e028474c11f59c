package dev.referralkit.engine;

import static dev.referralkit.engine.EngineRulesTest.pay;
import static dev.referralkit.engine.EngineRulesTest.touch;
import static dev.referralkit.engine.LedgerRulesTest.payoutRun;
import static dev.referralkit.engine.MoneyEvents.failed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.referralkit.RejectionCode;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.program.Partner;
import dev.referralkit.program.Program;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/payouts.md §4: yearly paid totals per partner and currency, by the run's year, less failed payouts. */
class PaidInYearTest {
    @Test
    void paid_totals_are_per_calendar_year_and_currency_and_a_failure_lowers_its_runs_year() {
        Program program = ReferralKitJson.read("{\"currency\":\"USD\",\"timeZone\":\"America/New_York\",\"holdDays\":0,"
                + "\"rewards\":{\"payment\":{\"type\":\"percent\",\"percent\":\"10\"}},\"fx\":{\"EUR\":\"1.10\"}}", Program.class,
                RejectionCode.INVALID_PROGRAM);
        List<Partner> partners = List.of(ReferralKitJson.read("{\"id\":\"p1\"}", Partner.class, RejectionCode.INVALID_PROGRAM));
        ReferralEngine engine = ReferralEngine.create(program, partners);
        for (String e : List.of(
                touch("t1", "2026-11-01T00:00:00Z", "p1", "c1"), pay("i1", "2026-11-02T00:00:00Z", "c1", "1000.00", "USD"),
                touch("t2", "2026-11-01T00:00:00Z", "p1", "c2"), pay("i2", "2026-11-03T00:00:00Z", "c2", "500.00", "EUR"),
                // 2027-01-01T03:00Z is still 2026 in New York
                payoutRun("run1", "2027-01-01T03:00:00Z"),
                touch("t3", "2027-01-01T05:00:00Z", "p1", "c3"), pay("i3", "2027-01-02T00:00:00Z", "c3", "300.00", "USD"),
                payoutRun("run2", "2027-01-31T00:00:00Z"),
                failed("pf1", "2027-02-01T00:00:00Z", "p1", "run1/p1/EUR/payout", "account_closed"))) {
            Outcome o = engine.process(ReferralKitJson.readTree(e, RejectionCode.INVALID_EVENT));
            assertThat(o.rejection()).as(e).isEmpty();
        }
        assertThat(engine.paidInYear("p1", 2026)).hasToString("{USD=100.00 USD}");
        assertThat(engine.paidInYear("p1", 2027)).hasToString("{USD=30.00 USD}");
        assertThat(engine.paidInYear("p1", 2025)).isEmpty();
        assertThat(engine.paidInYear("nobody", 2026)).isEmpty();
    }
}
