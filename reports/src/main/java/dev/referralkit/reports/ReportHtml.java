package dev.referralkit.reports;

import dev.referralkit.ledger.Balance;
import dev.referralkit.money.Ratio;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Writes a report as one self-contained HTML page: inline SVG charts (each {@code svg.chart} with
 * its marks as {@code .mark} elements), no script, nothing fetched (a Content-Security-Policy
 * forbids it), styles for print. Charts and the tables beside them show the program's currency;
 * every currency is in the JSON and CSV.
 */
final class ReportHtml {
    /** One-line definitions of the figures, shown at the end of the page; {@code docs/reports.md} has the same lines. */
    static final List<String[]> DEFINITIONS = List.of(
            new String[] {"touches", "accepted touches of the partner (link, coupon, manual), counted in the period of the touch"},
            new String[] {"clicks", "accepted link touches of the partner, counted in the period of the touch"},
            new String[] {"leads", "customers whose first lead was in the period, weighted by the partner's credit"},
            new String[] {"leads converted", "of those leads, the customers who made a first payment at or after their lead"},
            new String[] {"conversions (customers)", "customers whose first payment was in the period, weighted by credit, less those whose first payment was later refunded in full"},
            new String[] {"click → customer", "conversions divided by clicks in the same period"},
            new String[] {"lead → customer", "leads converted divided by leads, both counted in the period of the lead"},
            new String[] {"days to first payment", "credit-weighted mean time from the partner's first touch of a customer to the customer's first payment, over the period's conversions"},
            new String[] {"gross revenue", "the partner's share (largest-remainder split by credit) of the bases (amount − tax) of payments made in the period"},
            new String[] {"refunds", "the partner's share of the bases refunded in the period, whichever period the payment was in"},
            new String[] {"net revenue", "gross revenue less refunds"},
            new String[] {"refund rate", "of the bases of the period's payments, the share refunded so far"},
            new String[] {"commissions", "every entry but PAYOUT and PAYOUT_REVERSAL credited to the partner (commissions, true-ups, bonuses, parent shares, less reversals), in the period of the event the entry names"},
            new String[] {"paid", "what payout runs in the period paid the partner, less what failed payouts put back in it"},
            new String[] {"pending / available", "unsettled entries whose availableAt is after / at or before the report's instant (as balances; a report reads no hold changes, so entries under a hold count here too)"},
            new String[] {"cohort", "customers whose first payment was in the month; age k is k calendar months later"},
            new String[] {"retention", "share of a cohort's customers who paid at least once at that age"},
            new String[] {"lifetime value to date", "a cohort's net revenue so far divided by its customers"},
            new String[] {"acquisition cost", "a channel's spend divided by its new customers (referral: spend = commissions)"},
            new String[] {"reciprocity", "in the receiving business's program, the customers and net revenue credited to partners that are the referring business, and the commissions it credited them"});

    private static final int TOP = 15;
    private final Writer out;
    private final Report report;
    private final Currency currency;
    private final String code;

    private ReportHtml(Writer out, Report report) {
        this.out = out;
        this.report = report;
        this.currency = report.currency();
        this.code = currency.getCurrencyCode();
    }

    static void write(Report report, Writer out) throws IOException {
        new ReportHtml(out, report).page();
    }

    private void page() throws IOException {
        w("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        w("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        w("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
        w("<title>Referral report — " + esc(report.business()) + "</title>\n");
        w("<style>\n" + STYLE + "</style>\n</head>\n<body>\n");
        header();
        leaderboard();
        funnel();
        byPeriod();
        cohorts();
        reciprocity();
        channels();
        partnerPeriods();
        definitions();
        w("</body>\n</html>\n");
    }

    private void header() throws IOException {
        PeriodFigures t = report.referred().total();
        MoneyFigures m = t.money(code).orElse(null);
        w("<header><h1>Referral report — " + esc(report.business()) + "</h1>\n");
        w("<p class=\"meta\">Figures by " + esc(report.period().jsonName()) + " in " + esc(report.timeZone().getId())
                + "; amounts in " + esc(code) + " unless stated; balances as of " + esc(report.asOf().toString())
                + "; " + Show.grouped(Ratio.of(report.events(), 1)) + " events, " + Show.grouped(Ratio.of(report.rejected(), 1))
                + " rejected.</p>\n");
        w("<div class=\"tiles\">");
        tile("Referred customers", Show.grouped(t.conversions()));
        tile("Net referred revenue", m == null ? "0" : Show.grouped(m.netRevenue()));
        tile("Commissions", m == null ? "0" : Show.grouped(m.commissions()));
        tile("Paid to partners", m == null ? "0" : Show.grouped(m.paid()));
        tile("Organic customers", Show.grouped(report.organic().total().conversions()));
        w("</div></header>\n");
    }

    private void tile(String label, String value) throws IOException {
        w("<div class=\"tile\"><div class=\"v\">" + esc(value) + "</div><div class=\"l\">" + esc(label) + "</div></div>");
    }

    // ------------------------------------------------------------------ leaderboard

    private void leaderboard() throws IOException {
        w("<section><h2>Partner leaderboard</h2>\n");
        List<LeaderboardRow> top = report.leaderboard().subList(0, Math.min(TOP, report.leaderboard().size()));
        if (top.isEmpty()) {
            w("<p class=\"none\">No partners.</p></section>\n");
            return;
        }
        BigDecimal max = BigDecimal.ZERO;
        for (LeaderboardRow r : top) {
            max = max.max(r.netRevenue()).max(r.commissions());
        }
        int row = 26;
        int height = top.size() * row + 30;
        svgOpen("leaderboard", 760, height, "Net revenue and commissions of the top partners in " + code);
        legend(180, 14, new String[] {"net revenue", "commissions"}, new String[] {"c1", "c2"});
        int y = 28;
        for (LeaderboardRow r : top) {
            w("<text x=\"172\" y=\"" + (y + 13) + "\" class=\"lab\" text-anchor=\"end\">" + esc(clip(r.rank() + ". " + r.partner(), 26)) + "</text>");
            bar(180, y + 2, scale(r.netRevenue(), max, 460), 12, "c1", r.partner() + ": net revenue " + r.netRevenue().toPlainString());
            bar(180, y + 15, scale(r.commissions(), max, 460), 6, "c2", r.partner() + ": commissions " + r.commissions().toPlainString());
            w("<text x=\"" + 650 + "\" y=\"" + (y + 13) + "\" class=\"num\">" + esc(Show.grouped(r.netRevenue())) + "</text>");
            y += row;
        }
        w("</svg>\n");
        w("<table><thead><tr><th>#</th><th>partner</th><th>customers</th><th>clicks</th><th>click → customer</th>"
                + "<th>lead → customer</th><th>net revenue</th><th>refund rate</th><th>commissions</th><th>days to first payment</th>"
                + "<th>pending</th><th>available</th><th>paid</th></tr></thead><tbody>\n");
        for (LeaderboardRow r : report.leaderboard().subList(0, Math.min(50, report.leaderboard().size()))) {
            PartnerReport p = report.partner(r.partner()).orElseThrow();
            PeriodFigures t = p.figures().total();
            Optional<MoneyFigures> m = t.money(code);
            Optional<Balance> b = p.balances().stream().filter(x -> x.currency().equals(currency)).findFirst();
            w("<tr><td>" + r.rank() + "</td><td>" + esc(r.partner()) + "</td><td>" + Show.grouped(t.conversions())
                    + "</td><td>" + t.clicks() + "</td><td>" + t.clickToCustomer().map(Show::percent).orElse("—")
                    + "</td><td>" + t.leadToCustomer().map(Show::percent).orElse("—")
                    + "</td><td>" + Show.grouped(r.netRevenue())
                    + "</td><td>" + m.flatMap(MoneyFigures::refundRate).map(Show::percent).orElse("—")
                    + "</td><td>" + Show.grouped(r.commissions())
                    + "</td><td>" + t.daysToFirstPayment().map(Show::days).orElse("—")
                    + "</td><td>" + b.map(x -> Show.grouped(x.pending())).orElse("—")
                    + "</td><td>" + b.map(x -> Show.grouped(x.available())).orElse("—")
                    + "</td><td>" + b.map(x -> Show.grouped(x.paid())).orElse("—") + "</td></tr>\n");
        }
        w("</tbody></table>");
        if (report.leaderboard().size() > 50) {
            w("<p class=\"note\">The top 50 of " + report.leaderboard().size() + " partners; every partner is in the JSON and CSV.</p>");
        }
        w("</section>\n");
    }

    // ------------------------------------------------------------------ funnel

    private void funnel() throws IOException {
        w("<section><h2>Lead → customer funnel (referred)</h2>\n");
        PeriodFigures t = report.referred().total();
        Ratio clicks = Ratio.of(t.clicks(), 1);
        Ratio[] values = {clicks, t.leads(), t.leadsConverted(), t.conversions()};
        String[] labels = {"clicks", "leads", "leads converted", "customers"};
        Ratio max = Ratio.ZERO;
        for (Ratio v : values) {
            max = v.compareTo(max) > 0 ? v : max;
        }
        if (max.signum() == 0) {
            w("<p class=\"none\">No clicks, leads or customers yet.</p></section>\n");
            return;
        }
        svgOpen("funnel", 760, values.length * 40 + 10, "Clicks, leads and customers of referred customers");
        int y = 8;
        for (int i = 0; i < values.length; i++) {
            BigDecimal width = scale(values[i], max, 400);
            BigDecimal x = new BigDecimal(360).subtract(width.divide(BigDecimal.valueOf(2), 1, RoundingMode.HALF_EVEN));
            w("<text x=\"150\" y=\"" + (y + 20) + "\" class=\"lab\" text-anchor=\"end\">" + esc(labels[i]) + "</text>");
            w("<rect class=\"mark f" + i + "\" x=\"" + x.toPlainString() + "\" y=\"" + y + "\" width=\"" + width.toPlainString()
                    + "\" height=\"30\" rx=\"3\"><title>" + esc(labels[i] + ": " + Show.count(values[i])) + "</title></rect>");
            String ratio = i == 0 || values[i - 1].signum() == 0 ? "" : Show.percent(values[i].dividedBy(values[i - 1])) + " of the step before";
            w("<text x=\"570\" y=\"" + (y + 14) + "\" class=\"lab\">" + esc(Show.grouped(values[i])) + "</text>");
            w("<text x=\"570\" y=\"" + (y + 27) + "\" class=\"num\">" + esc(ratio) + "</text>");
            y += 40;
        }
        w("</svg></section>\n");
    }

    // ------------------------------------------------------------------ by period

    private void byPeriod() throws IOException {
        w("<section><h2>Revenue and commissions by " + esc(report.period().jsonName()) + " (referred, " + esc(code) + ")</h2>\n");
        List<PeriodFigures> periods = report.referred().periods();
        if (periods.isEmpty()) {
            w("<p class=\"none\">No periods yet.</p></section>\n");
            return;
        }
        BigDecimal zero = BigDecimal.ZERO;
        BigDecimal hi = zero;
        BigDecimal lo = zero;
        for (PeriodFigures p : periods) {
            for (BigDecimal v : values(p)) {
                hi = hi.max(v);
                lo = lo.min(v);
            }
        }
        BigDecimal span = hi.subtract(lo).signum() == 0 ? BigDecimal.ONE : hi.subtract(lo);
        int plot = 220;
        int left = 70;
        int slot = Math.max(28, Math.min(90, 660 / periods.size()));
        int width = left + slot * periods.size() + 10;
        svgOpen("by-period", Math.max(width, 400), plot + 70, "Net revenue, commissions and payouts by period in " + code);
        legend(left, 14, new String[] {"net revenue", "commissions", "paid"}, new String[] {"c1", "c2", "c3"});
        int top = 26;
        BigDecimal zeroY = y(zero, lo, span, top, plot);
        for (BigDecimal tick : new BigDecimal[] {lo, zero, hi}) {
            BigDecimal ty = y(tick, lo, span, top, plot);
            w("<line class=\"axis\" x1=\"" + left + "\" x2=\"" + (width - 6) + "\" y1=\"" + ty + "\" y2=\"" + ty + "\"/>");
            w("<text x=\"" + (left - 4) + "\" y=\"" + ty.add(BigDecimal.valueOf(4)) + "\" class=\"num\" text-anchor=\"end\">"
                    + esc(Show.grouped(tick.setScale(0, RoundingMode.HALF_EVEN))) + "</text>");
        }
        int x = left + 4;
        int bw = Math.max(6, (slot - 8) / 3);
        for (PeriodFigures p : periods) {
            BigDecimal[] v = values(p);
            String[] cls = {"c1", "c2", "c3"};
            String[] what = {"net revenue", "commissions", "paid"};
            for (int i = 0; i < 3; i++) {
                BigDecimal vy = y(v[i], lo, span, top, plot);
                BigDecimal y0 = vy.min(zeroY);
                BigDecimal h = vy.subtract(zeroY).abs();
                w("<rect class=\"mark " + cls[i] + "\" x=\"" + (x + i * bw) + "\" y=\"" + y0 + "\" width=\"" + (bw - 1)
                        + "\" height=\"" + h + "\"><title>" + esc(p.period() + " " + what[i] + ": " + v[i].toPlainString())
                        + "</title></rect>");
            }
            w("<text x=\"" + (x + (3 * bw) / 2) + "\" y=\"" + (top + plot + 16) + "\" class=\"lab\" text-anchor=\"middle\">"
                    + esc(p.period()) + "</text>");
            x += slot;
        }
        w("</svg></section>\n");
    }

    private BigDecimal[] values(PeriodFigures p) {
        Optional<MoneyFigures> m = p.money(code);
        BigDecimal z = BigDecimal.ZERO.setScale(currency.getDefaultFractionDigits());
        return new BigDecimal[] {m.map(MoneyFigures::netRevenue).orElse(z), m.map(MoneyFigures::commissions).orElse(z),
            m.map(MoneyFigures::paid).orElse(z)};
    }

    private static BigDecimal y(BigDecimal v, BigDecimal lo, BigDecimal span, int top, int plot) {
        // higher values are higher on the page: y = top + plot × (hi − v) / span, with hi = lo + span
        return BigDecimal.valueOf(top).add(BigDecimal.valueOf(plot).multiply(lo.add(span).subtract(v))
                .divide(span, 1, RoundingMode.HALF_EVEN));
    }

    // ------------------------------------------------------------------ cohorts

    private void cohorts() throws IOException {
        w("<section><h2>Cohort retention by month</h2>\n<div class=\"pair\">");
        heat("cohorts-referred", "Referred customers", report.referred().cohorts());
        heat("cohorts-organic", "Organic customers", report.organic().cohorts());
        w("</div></section>\n");
    }

    private void heat(String name, String title, List<Cohort> cohorts) throws IOException {
        w("<div><h3>" + esc(title) + "</h3>");
        if (cohorts.isEmpty()) {
            w("<p class=\"none\">No " + esc(title.toLowerCase(java.util.Locale.ROOT)) + " yet.</p></div>");
            return;
        }
        int ages = 0;
        for (Cohort c : cohorts) {
            ages = Math.max(ages, c.active().size());
        }
        ages = Math.min(ages, 13);
        int cell = 30;
        int left = 110;
        int ltv = 80;
        int width = left + ages * cell + ltv + 10;
        int height = 40 + cohorts.size() * 22;
        svgOpen(name, width, height, title + ": share of each cohort active by months since first payment");
        for (int a = 0; a < ages; a++) {
            w("<text x=\"" + (left + a * cell + cell / 2) + "\" y=\"14\" class=\"lab\" text-anchor=\"middle\">" + a + "</text>");
        }
        w("<text x=\"" + (left + ages * cell + 6) + "\" y=\"14\" class=\"lab\">LTV " + esc(code) + "</text>");
        int y = 22;
        for (Cohort c : cohorts) {
            w("<text x=\"" + (left - 6) + "\" y=\"" + (y + 14) + "\" class=\"lab\" text-anchor=\"end\">" + esc(c.month())
                    + " (" + esc(Show.grouped(c.customers())) + ")</text>");
            for (int a = 0; a < Math.min(ages, c.active().size()); a++) {
                Ratio r = c.retention(a);
                String opacity = Show.fixed(Ratio.of(1, 10).plus(r.times(Ratio.of(9, 10))), 2);
                w("<rect class=\"mark heat\" x=\"" + (left + a * cell) + "\" y=\"" + y + "\" width=\"" + (cell - 2)
                        + "\" height=\"20\" fill-opacity=\"" + opacity + "\"><title>" + esc(c.month() + " age " + a + ": "
                        + Show.percent(r)) + "</title></rect>");
                w("<text x=\"" + (left + a * cell + cell / 2 - 1) + "\" y=\"" + (y + 14) + "\" class=\"" + (r.compareTo(Ratio.of(1, 2)) > 0 ? "hv inv" : "hv")
                        + "\" text-anchor=\"middle\">"
                        + esc(Show.fixed(r.times(Ratio.of(100, 1)), 0)) + "</text>");
            }
            String value = c.lifetimeValue(currency).map(v -> Show.perCustomer(v, currency)).orElse("—");
            w("<text x=\"" + (left + ages * cell + 6) + "\" y=\"" + (y + 14) + "\" class=\"num\">" + esc(value) + "</text>");
            y += 22;
        }
        w("</svg><p class=\"note\">Percent of the cohort active; months since first payment across.</p></div>");
    }

    // ------------------------------------------------------------------ reciprocity

    private void reciprocity() throws IOException {
        w("<section><h2>Reciprocity</h2>\n");
        List<ReciprocityCell> cells = report.reciprocity();
        if (cells.isEmpty()) {
            w("<p class=\"none\">No referrals between businesses yet.</p></section>\n");
            return;
        }
        Set<String> fromSet = new LinkedHashSet<>();
        Set<String> toSet = new LinkedHashSet<>();
        BigDecimal max = BigDecimal.ZERO;
        for (ReciprocityCell c : cells) {
            fromSet.add(c.from());
            toSet.add(c.to());
            max = max.max(Reciprocity.net(cells, c.from(), c.to(), currency).abs());
        }
        List<String> from = new ArrayList<>(fromSet);
        from.sort(NaturalOrder.INSTANCE);
        List<String> to = new ArrayList<>(toSet);
        to.sort(NaturalOrder.INSTANCE);
        int left = 150;
        int cw = 130;
        int ch = 40;
        svgOpen("reciprocity", left + cw * to.size() + 10, 34 + ch * from.size(),
                "Customers and net revenue each business referred to each other, " + code);
        for (int j = 0; j < to.size(); j++) {
            w("<text x=\"" + (left + j * cw + cw / 2) + "\" y=\"20\" class=\"lab\" text-anchor=\"middle\">to "
                    + esc(clip(to.get(j), 18)) + "</text>");
        }
        for (int i = 0; i < from.size(); i++) {
            int y = 28 + i * ch;
            w("<text x=\"" + (left - 6) + "\" y=\"" + (y + ch / 2 + 4) + "\" class=\"lab\" text-anchor=\"end\">from "
                    + esc(clip(from.get(i), 18)) + "</text>");
            for (int j = 0; j < to.size(); j++) {
                String a = from.get(i);
                String b = to.get(j);
                Optional<ReciprocityCell> cell = cells.stream().filter(c -> c.from().equals(a) && c.to().equals(b)).findFirst();
                if (cell.isEmpty()) {
                    w("<rect class=\"empty\" x=\"" + (left + j * cw) + "\" y=\"" + y + "\" width=\"" + (cw - 3)
                            + "\" height=\"" + (ch - 3) + "\"/>");
                    continue;
                }
                BigDecimal net = Reciprocity.net(cells, a, b, currency);
                String opacity = max.signum() == 0 ? "0.15"
                        : Show.fixed(Ratio.of(15, 100).plus(Ratio.of(net.abs()).dividedBy(Ratio.of(max)).times(Ratio.of(85, 100))), 2);
                w("<rect class=\"mark heat\" x=\"" + (left + j * cw) + "\" y=\"" + y + "\" width=\"" + (cw - 3) + "\" height=\""
                        + (ch - 3) + "\" fill-opacity=\"" + opacity + "\"><title>" + esc(a + " → " + b + ": "
                        + Show.count(cell.get().customers()) + " customers, " + net.toPlainString() + " " + code) + "</title></rect>");
                String ink = new BigDecimal(opacity).compareTo(new BigDecimal("0.5")) > 0 ? "hv inv" : "hv";
                w("<text x=\"" + (left + j * cw + cw / 2) + "\" y=\"" + (y + 16) + "\" class=\"" + ink + "\" text-anchor=\"middle\">"
                        + esc(Show.grouped(cell.get().customers()) + " customers") + "</text>");
                w("<text x=\"" + (left + j * cw + cw / 2) + "\" y=\"" + (y + 31) + "\" class=\"" + ink + "\" text-anchor=\"middle\">"
                        + esc(Show.grouped(net)) + "</text>");
            }
        }
        w("</svg>\n");
        w("<table><thead><tr><th>between</th><th>and</th><th>customers given</th><th>customers received</th>"
                + "<th>value given</th><th>value received</th><th>balance</th><th>commissions earned</th><th>commissions paid out</th>"
                + "</tr></thead><tbody>\n");
        Set<String> businesses = new java.util.TreeSet<>(NaturalOrder.INSTANCE);
        businesses.addAll(from);
        businesses.addAll(to);
        for (String a : businesses) {
            for (String b : businesses) {
                if (NaturalOrder.INSTANCE.compare(a, b) >= 0) {
                    continue;
                }
                Optional<ReciprocityCell> ab = find(cells, a, b);
                Optional<ReciprocityCell> ba = find(cells, b, a);
                if (ab.isEmpty() && ba.isEmpty()) {
                    continue;
                }
                w("<tr><td>" + esc(a) + "</td><td>" + esc(b) + "</td><td>" + ab.map(c -> Show.grouped(c.customers())).orElse("0")
                        + "</td><td>" + ba.map(c -> Show.grouped(c.customers())).orElse("0")
                        + "</td><td>" + Show.grouped(Reciprocity.net(cells, a, b, currency))
                        + "</td><td>" + Show.grouped(Reciprocity.net(cells, b, a, currency))
                        + "</td><td>" + Show.grouped(Reciprocity.balance(cells, a, b, currency))
                        + "</td><td>" + Show.grouped(commissions(ab)) + "</td><td>" + Show.grouped(commissions(ba)) + "</td></tr>\n");
            }
        }
        w("</tbody></table><p class=\"note\">Seen from the first business: given = its referrals to the second, "
                + "balance = value given − value received, commissions earned from the second's program and paid out by its own.</p></section>\n");
    }

    private static Optional<ReciprocityCell> find(List<ReciprocityCell> cells, String from, String to) {
        return cells.stream().filter(c -> c.from().equals(from) && c.to().equals(to)).findFirst();
    }

    private BigDecimal commissions(Optional<ReciprocityCell> cell) {
        return cell.flatMap(c -> c.money().stream().filter(m -> m.currency().equals(currency)).findFirst())
                .map(MoneyFigures::commissions).orElse(BigDecimal.ZERO.setScale(currency.getDefaultFractionDigits()));
    }

    // ------------------------------------------------------------------ tables

    private void channels() throws IOException {
        w("<section><h2>Channels</h2>\n<table><thead><tr><th>channel</th><th>period</th><th>currency</th><th>spend</th>"
                + "<th>new customers</th><th>acquisition cost</th><th>net revenue</th></tr></thead><tbody>\n");
        for (ChannelRow c : report.channels()) {
            w("<tr" + (c.period().equals("total") ? " class=\"total\"" : "") + "><td>" + esc(c.channel()) + "</td><td>"
                    + esc(c.period()) + "</td><td>" + esc(c.currency().getCurrencyCode()) + "</td><td>"
                    + c.spend().map(Show::grouped).orElse("—") + "</td><td>" + c.customers().map(Show::grouped).orElse("—")
                    + "</td><td>" + c.acquisitionCost().map(x -> Show.perCustomer(x, c.currency())).orElse("—") + "</td><td>"
                    + c.revenue().map(Show::grouped).orElse("—") + "</td></tr>\n");
        }
        w("</tbody></table><p class=\"note\">Referral's spend is the commissions it credited; other channels' spend is "
                + "what the host gave in its costs file.</p></section>\n");
    }

    private void partnerPeriods() throws IOException {
        w("<section><h2>Partners by " + esc(report.period().jsonName()) + " (" + esc(code) + ")</h2>\n");
        w("<table><thead><tr><th>partner</th><th>period</th><th>clicks</th><th>leads</th><th>customers</th>"
                + "<th>net revenue</th><th>commissions</th><th>paid</th></tr></thead><tbody>\n");
        int shown = 0;
        for (LeaderboardRow r : report.leaderboard()) {
            if (shown++ == 10) {
                break;
            }
            PartnerReport p = report.partner(r.partner()).orElseThrow();
            for (PeriodFigures f : p.figures().periods()) {
                BigDecimal[] v = values(f);
                w("<tr><td>" + esc(p.partner()) + "</td><td>" + esc(f.period()) + "</td><td>" + f.clicks() + "</td><td>"
                        + Show.grouped(f.leads()) + "</td><td>" + Show.grouped(f.conversions()) + "</td><td>" + Show.grouped(v[0])
                        + "</td><td>" + Show.grouped(v[1]) + "</td><td>" + Show.grouped(v[2]) + "</td></tr>\n");
            }
        }
        w("</tbody></table><p class=\"note\">The top 10 partners of the leaderboard; every partner, period and currency is "
                + "in the JSON and CSV.</p></section>\n");
    }

    private void definitions() throws IOException {
        w("<section class=\"defs\"><h2>Definitions</h2><dl>\n");
        for (String[] d : DEFINITIONS) {
            w("<dt>" + esc(d[0]) + "</dt><dd>" + esc(d[1]) + "</dd>\n");
        }
        w("</dl><p class=\"note\">Figures are exact; rates show " + Show.RATE_DECIMALS + " decimals in JSON and CSV, "
                + "percentages 1 here, rounded half-even. Customers split between partners count by their credit.</p></section>\n");
    }

    // ------------------------------------------------------------------ drawing

    private void svgOpen(String name, int width, int height, String label) throws IOException {
        w("<svg class=\"chart\" data-chart=\"" + name + "\" role=\"img\" aria-label=\"" + esc(label) + "\" viewBox=\"0 0 "
                + width + " " + height + "\" width=\"" + width + "\" height=\"" + height + "\" xmlns=\"http://www.w3.org/2000/svg\">");
    }

    private void legend(int x, int y, String[] names, String[] classes) throws IOException {
        int at = x;
        for (int i = 0; i < names.length; i++) {
            w("<rect class=\"" + classes[i] + "\" x=\"" + at + "\" y=\"" + (y - 9) + "\" width=\"10\" height=\"10\"/>");
            w("<text x=\"" + (at + 14) + "\" y=\"" + y + "\" class=\"lab\">" + esc(names[i]) + "</text>");
            at += 24 + names[i].length() * 7;
        }
    }

    private void bar(int x, int y, BigDecimal width, int height, String cls, String title) throws IOException {
        w("<rect class=\"mark " + cls + "\" x=\"" + x + "\" y=\"" + y + "\" width=\"" + width.toPlainString() + "\" height=\""
                + height + "\"><title>" + esc(title) + "</title></rect>");
    }

    private static BigDecimal scale(BigDecimal value, BigDecimal max, int width) {
        if (max.signum() <= 0 || value.signum() <= 0) {
            return BigDecimal.ZERO;
        }
        return value.multiply(BigDecimal.valueOf(width)).divide(max, 1, RoundingMode.HALF_EVEN);
    }

    private static BigDecimal scale(Ratio value, Ratio max, int width) {
        if (max.signum() <= 0 || value.signum() <= 0) {
            return BigDecimal.ZERO;
        }
        return new BigDecimal(Show.fixed(value.times(Ratio.of(width, 1)).dividedBy(max), 1));
    }

    private static String clip(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private void w(String s) throws IOException {
        out.write(s);
    }

    private static final String STYLE = String.join("\n",
            ":root { --c1: #1d4ed8; --c2: #d97706; --c3: #059669; --ink: #1f2937; --mute: #6b7280; --line: #e5e7eb; }",
            "* { box-sizing: border-box; }",
            "body { font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif; color: var(--ink);"
                    + " margin: 24px auto; max-width: 1080px; padding: 0 16px; -webkit-print-color-adjust: exact; print-color-adjust: exact; }",
            "h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }",
            "h3 { font-size: 14px; margin: 8px 0; }",
            ".meta, .note, .none { color: var(--mute); } .note { font-size: 12px; }",
            ".tiles { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0; }",
            ".tile { border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; min-width: 150px; }",
            ".tile .v { font-size: 20px; font-weight: 600; } .tile .l { color: var(--mute); font-size: 12px; }",
            "svg.chart { display: block; max-width: 100%; height: auto; margin: 8px 0; }",
            "svg .lab { font-size: 12px; fill: var(--ink); } svg .num { font-size: 11px; fill: var(--mute); }",
            "svg .flab { font-size: 13px; fill: #fff; font-weight: 600; paint-order: stroke; stroke: rgba(0,0,0,.35); stroke-width: 2px; }",
            "svg .hv { font-size: 11px; fill: #111827; }",
            ".c1 { fill: var(--c1); } .c2 { fill: var(--c2); } .c3 { fill: var(--c3); }",
            ".f0 { fill: #93c5fd; } .f1 { fill: #60a5fa; } .f2 { fill: #3b82f6; } .f3 { fill: var(--c1); }",
            ".heat { fill: var(--c1); } .empty { fill: #f3f4f6; } .axis { stroke: var(--line); stroke-width: 1; }",
            "svg .inv { fill: #fff; }",
            ".pair { display: flex; flex-wrap: wrap; gap: 24px; }",
            "table { border-collapse: collapse; width: 100%; font-size: 12px; margin: 8px 0; }",
            "th, td { border-bottom: 1px solid var(--line); padding: 3px 5px; text-align: right; }",
            "td { white-space: nowrap; } th { vertical-align: bottom; }",
            "th:first-child, td:first-child, th:nth-child(2), td:nth-child(2) { text-align: left; }",
            "thead th { color: var(--mute); font-weight: 600; } tr.total td { font-weight: 600; }",
            ".defs dt { font-weight: 600; margin-top: 6px; } .defs dd { margin: 0 0 0 16px; }",
            "@media print { body { margin: 0; max-width: none; font-size: 11px; } section { break-inside: avoid; }"
                    + " h2 { break-after: avoid; } table { font-size: 10px; } }",
            "@page { margin: 14mm; }",
            "");
}
