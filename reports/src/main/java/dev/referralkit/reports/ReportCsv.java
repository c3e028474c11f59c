package dev.referralkit.reports;

import dev.referralkit.ledger.Balance;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Writes a report as CSV with one figure a row ("long" form, for spreadsheets' pivot tables and
 * data frames): {@code section,segment,counterpart,period,currency,figure,value}. Text that a
 * spreadsheet would take for a formula ({@code = + @}, tab, carriage return first) gets a leading
 * {@code '}; fields with commas, quotes or line breaks are quoted.
 */
final class ReportCsv {
    private final Writer out;

    private ReportCsv(Writer out) {
        this.out = out;
    }

    static void write(Report r, Writer out) throws IOException {
        ReportCsv csv = new ReportCsv(out);
        out.write("section,segment,counterpart,period,currency,figure,value\r\n");
        for (LeaderboardRow row : r.leaderboard()) {
            String rank = Integer.toString(row.rank());
            String cur = r.currency().getCurrencyCode();
            csv.row("leaderboard", row.partner(), "", "total", "", "rank", rank);
            csv.row("leaderboard", row.partner(), "", "total", "", "conversions", Show.count(row.conversions()));
            csv.row("leaderboard", row.partner(), "", "total", cur, "netRevenue", row.netRevenue().toPlainString());
            csv.row("leaderboard", row.partner(), "", "total", cur, "commissions", row.commissions().toPlainString());
        }
        for (PartnerReport p : r.partners()) {
            csv.figures("partner", p.partner(), p.figures());
            for (Balance b : p.balances()) {
                String cur = b.currency().getCurrencyCode();
                csv.row("balance", p.partner(), "", r.asOf().toString(), cur, "pending", b.pending().toPlainString());
                csv.row("balance", p.partner(), "", r.asOf().toString(), cur, "available", b.available().toPlainString());
                csv.row("balance", p.partner(), "", r.asOf().toString(), cur, "paid", b.paid().toPlainString());
            }
        }
        csv.figures("referred", "(referred)", r.referred());
        csv.figures("organic", "(organic)", r.organic());
        for (ChannelRow c : r.channels()) {
            String cur = c.currency().getCurrencyCode();
            csv.optional("channel", c.channel(), "", c.period(), cur, "spend", c.spend().map(BigDecimal::toPlainString));
            csv.optional("channel", c.channel(), "", c.period(), "", "customers", c.customers().map(Show::count));
            csv.optional("channel", c.channel(), "", c.period(), cur, "revenue", c.revenue().map(BigDecimal::toPlainString));
            csv.optional("channel", c.channel(), "", c.period(), cur, "acquisitionCost",
                    c.acquisitionCost().map(x -> Show.perCustomer(x, c.currency())));
        }
        for (ReciprocityCell c : r.reciprocity()) {
            csv.row("reciprocity", c.from(), c.to(), "total", "", "customers", Show.count(c.customers()));
            for (MoneyFigures m : c.money()) {
                String cur = m.currency().getCurrencyCode();
                csv.row("reciprocity", c.from(), c.to(), "total", cur, "netRevenue", m.netRevenue().toPlainString());
                csv.row("reciprocity", c.from(), c.to(), "total", cur, "commissions", m.commissions().toPlainString());
            }
        }
    }

    private void figures(String section, String segment, Figures f) throws IOException {
        for (PeriodFigures p : f.periods()) {
            period(section, segment, p);
        }
        period(section, segment, f.total());
        for (Cohort c : f.cohorts()) {
            String s = section + " cohort";
            row(s, segment, "", c.month(), "", "customers", Show.count(c.customers()));
            for (int age = 0; age < c.active().size(); age++) {
                row(s, segment, "", c.month(), "", "active." + age, Show.count(c.active().get(age)));
                row(s, segment, "", c.month(), "", "retention." + age, Show.rate(c.retention(age)));
            }
            for (Cohort.Revenue rev : c.revenue()) {
                String cur = rev.currency().getCurrencyCode();
                for (int age = 0; age < rev.byAge().size(); age++) {
                    row(s, segment, "", c.month(), cur, "revenue." + age, rev.byAge().get(age).toPlainString());
                }
                optional(s, segment, "", c.month(), cur, "lifetimeValue",
                        c.lifetimeValue(rev.currency()).map(x -> Show.perCustomer(x, rev.currency())));
            }
        }
    }

    private void period(String section, String segment, PeriodFigures p) throws IOException {
        String at = p.period();
        row(section, segment, "", at, "", "touches", Long.toString(p.touches()));
        row(section, segment, "", at, "", "clicks", Long.toString(p.clicks()));
        row(section, segment, "", at, "", "leads", Show.count(p.leads()));
        row(section, segment, "", at, "", "leadsConverted", Show.count(p.leadsConverted()));
        row(section, segment, "", at, "", "conversions", Show.count(p.conversions()));
        optional(section, segment, "", at, "", "clickToCustomer", p.clickToCustomer().map(Show::rate));
        optional(section, segment, "", at, "", "leadToCustomer", p.leadToCustomer().map(Show::rate));
        optional(section, segment, "", at, "", "daysToFirstPayment", p.daysToFirstPayment().map(Show::days));
        for (MoneyFigures m : p.money()) {
            String cur = m.currency().getCurrencyCode();
            row(section, segment, "", at, cur, "grossRevenue", m.grossRevenue().toPlainString());
            row(section, segment, "", at, cur, "refunds", m.refunds().toPlainString());
            row(section, segment, "", at, cur, "netRevenue", m.netRevenue().toPlainString());
            optional(section, segment, "", at, cur, "refundRate", m.refundRate().map(Show::rate));
            row(section, segment, "", at, cur, "commissions", m.commissions().toPlainString());
            row(section, segment, "", at, cur, "paid", m.paid().toPlainString());
        }
    }

    private void optional(String section, String segment, String counterpart, String period, String currency,
                          String figure, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            row(section, segment, counterpart, period, currency, figure, value.get());
        }
    }

    private void row(String... fields) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(field(fields[i]));
        }
        out.write("\r\n");
    }

    static String field(String s) {
        String v = s;
        if (!v.isEmpty() && "=+@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            v = '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
