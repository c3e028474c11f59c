package dev.referralkit.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.referralkit.engine.ReferralProgram;
import dev.referralkit.engine.Scenario;
import dev.referralkit.money.Ratio;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The bundled quick-start program's report, figure by figure, worked out by hand from its events. */
class QuickStartReportTest {
    static final Path QUICKSTART = Path.of("..", "examples", "scenarios", "saas-quickstart.json");

    static Report quickStart(ReportOptions options) throws IOException {
        Scenario s = Scenario.parse(Files.readString(QUICKSTART));
        return Reports.runJson(ReferralProgram.of(s.program(), s.partners()), s.events(), options);
    }

    private final Report report;

    QuickStartReportTest() throws IOException {
        report = quickStart(ReportOptions.monthly().withBusiness("saas"));
    }

    @Test
    void partners_are_in_natural_order_and_ranked_by_net_revenue() {
        assertThat(report.partners()).extracting(PartnerReport::partner).containsExactly("ana", "ben", "studio-x");
        assertThat(report.leaderboard()).extracting(LeaderboardRow::partner).containsExactly("studio-x", "ana", "ben");
        assertThat(report.leaderboard().get(0).netRevenue()).isEqualByComparingTo("180.00");
        assertThat(report.leaderboard().get(1).netRevenue()).isEqualByComparingTo("78.40");
    }

    @Test
    void ana_by_month() {
        PartnerReport ana = report.partner("ana").orElseThrow();
        PeriodFigures jan = ana.figures().periods().get(0);
        assertThat(jan.period()).isEqualTo("2026-01");
        assertThat(jan.clicks()).isEqualTo(1);
        assertThat(jan.leads()).isEqualTo(Ratio.ONE);
        assertThat(jan.leadsConverted()).isEqualTo(Ratio.ONE);
        assertThat(jan.conversions()).isEqualTo(Ratio.ONE);
        assertThat(jan.daysToFirstPayment()).contains(Ratio.of(29, 8)); // 3 days 15 hours
        MoneyFigures janUsd = jan.money("USD").orElseThrow();
        assertThat(janUsd.grossRevenue()).isEqualTo(new BigDecimal("49.00"));
        assertThat(janUsd.commissions()).isEqualTo(new BigDecimal("24.70")); // lead 10.00 + 30 % of 49.00
        assertThat(janUsd.paid()).isEqualTo(new BigDecimal("0.00"));          // 24.70 is under the 25.00 minimum
        MoneyFigures febUsd = ana.figures().periods().get(1).money("USD").orElseThrow();
        assertThat(febUsd.refunds()).isEqualTo(new BigDecimal("19.60"));
        assertThat(febUsd.netRevenue()).isEqualTo(new BigDecimal("29.40"));
        assertThat(febUsd.refundRate()).contains(Ratio.of(2, 5));
        assertThat(febUsd.commissions()).isEqualTo(new BigDecimal("8.82"));   // 14.70 less the 5.88 reversal
        assertThat(febUsd.paid()).isEqualTo(new BigDecimal("33.52"));
    }

    @Test
    void a_first_payment_refunded_in_full_is_no_conversion_but_its_revenue_and_refund_stay() {
        PartnerReport studio = report.partner("studio-x").orElseThrow();
        PeriodFigures jan = studio.figures().periods().get(0);
        assertThat(jan.conversions()).isEqualTo(Ratio.ZERO);
        assertThat(jan.touches()).isEqualTo(1);
        assertThat(jan.clicks()).isZero(); // a coupon is no click
        assertThat(jan.money("USD").orElseThrow().refundRate()).contains(Ratio.ONE);
        assertThat(studio.figures().total().money("USD").orElseThrow().netRevenue()).isEqualTo(new BigDecimal("180.00"));
    }

    @Test
    void balances_equal_the_engines() {
        assertThat(report.asOf()).isEqualTo(Instant.parse("2026-02-28T00:00:00Z"));
        PartnerReport ana = report.partner("ana").orElseThrow();
        assertThat(ana.balances()).singleElement().satisfies(b -> {
            assertThat(b.paid()).isEqualTo(new BigDecimal("33.52"));
            assertThat(b.available()).isEqualTo(new BigDecimal("0.00"));
        });
    }

    @Test
    void cohorts_follow_the_referred_customers() {
        assertThat(report.referred().cohorts()).singleElement().satisfies(c -> {
            assertThat(c.month()).isEqualTo("2026-01");
            assertThat(c.customers()).isEqualTo(Ratio.of(2, 1));
            assertThat(c.active()).containsExactly(Ratio.of(2, 1), Ratio.of(2, 1));
            assertThat(c.revenue().get(0).byAge()).containsExactly(new BigDecimal("229.00"), new BigDecimal("29.40"));
            assertThat(c.lifetimeValue(report.currency())).contains(Ratio.of(new BigDecimal("129.20")));
        });
        assertThat(report.organic().cohorts()).isEmpty();
    }

    @Test
    void funnel_and_reciprocity() {
        PeriodFigures t = report.referred().total();
        assertThat(t.clicks()).isEqualTo(2);
        assertThat(t.leads()).isEqualTo(Ratio.ONE);
        assertThat(t.conversions()).isEqualTo(Ratio.ONE);
        assertThat(report.reciprocity()).extracting(ReciprocityCell::from).containsExactly("ana", "studio-x");
        assertThat(report.reciprocity()).allSatisfy(c -> assertThat(c.to()).isEqualTo("saas"));
    }
}
