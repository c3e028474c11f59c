package dev.referralkit.reports;

import dev.referralkit.money.Ratio;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Businesses that refer customers to each other each run a program with the other as a partner.
 * Each program's report holds what its partners brought it ({@link Report#reciprocity()}: cells
 * from each partner's business to the report's business); this class puts several reports'
 * cells together into one matrix and reads the balance of a pair from it.
 *
 * <p>A partner is the business named by its {@code business} attribute, or by its id without one;
 * a report's business is {@link ReportOptions#business()}.
 */
public final class Reciprocity {
    private Reciprocity() {
    }

    /**
     * The matrix of several programs: every report's cells, cells with the same (from, to) added.
     *
     * @param reports the reports, one per business
     * @return the cells, sorted by referring then receiving business (natural order)
     */
    public static List<ReciprocityCell> combine(List<Report> reports) {
        Comparator<String> natural = NaturalOrder.INSTANCE;
        Map<String, Map<String, List<ReciprocityCell>>> grouped = new TreeMap<>(natural);
        for (Report r : reports) {
            for (ReciprocityCell c : r.reciprocity()) {
                grouped.computeIfAbsent(c.from(), k -> new TreeMap<>(natural))
                        .computeIfAbsent(c.to(), k -> new ArrayList<>()).add(c);
            }
        }
        List<ReciprocityCell> out = new ArrayList<>();
        grouped.forEach((from, byTo) -> byTo.forEach((to, cells) -> out.add(sum(from, to, cells))));
        return out;
    }

    private static ReciprocityCell sum(String from, String to, List<ReciprocityCell> cells) {
        Ratio customers = Ratio.ZERO;
        Map<String, MoneyFigures> money = new TreeMap<>();
        for (ReciprocityCell c : cells) {
            customers = customers.plus(c.customers());
            for (MoneyFigures m : c.money()) {
                money.merge(m.currency().getCurrencyCode(), m, Reciprocity::add);
            }
        }
        return new ReciprocityCell(from, to, customers, new ArrayList<>(money.values()));
    }

    static MoneyFigures add(MoneyFigures a, MoneyFigures b) {
        return new MoneyFigures(a.currency(), a.grossRevenue().add(b.grossRevenue()), a.refunds().add(b.refunds()),
                a.refundedOfPeriod().add(b.refundedOfPeriod()), a.commissions().add(b.commissions()),
                a.paid().add(b.paid()));
    }

    /**
     * The balance between two businesses in one currency: what {@code a}'s referrals brought
     * {@code b} less what {@code b}'s brought {@code a} (net revenue).
     *
     * @param cells    a matrix
     * @param a        one business
     * @param b        the other
     * @param currency the currency
     * @return given less received, from {@code a}'s side; zero at the currency's scale when neither gave
     */
    public static BigDecimal balance(List<ReciprocityCell> cells, String a, String b, Currency currency) {
        return net(cells, a, b, currency).subtract(net(cells, b, a, currency));
    }

    static BigDecimal net(List<ReciprocityCell> cells, String from, String to, Currency currency) {
        BigDecimal zero = BigDecimal.ZERO.setScale(currency.getDefaultFractionDigits());
        return cells.stream().filter(c -> c.from().equals(from) && c.to().equals(to)).flatMap(c -> c.money().stream())
                .filter(m -> m.currency().equals(currency)).map(MoneyFigures::netRevenue).reduce(zero, BigDecimal::add);
    }
}
