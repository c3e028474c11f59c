package dev.referralkit.reports;

import dev.referralkit.money.Ratio;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A segment's figures over one period (a month, quarter or year in the program's time zone) or,
 * labelled {@code total}, over all of them. Counts of customers are weighted by credit: a customer
 * split half and half counts ½ to each partner, so a segment's counts can be fractions.
 *
 * @param period             the period's label ({@code 2026-03}, {@code 2026-Q1}, {@code 2026}) or {@code total}
 * @param touches            accepted touches of the partner (links, coupons and manual), by the touch's time
 * @param clicks             accepted {@code link} touches, by the touch's time
 * @param leads              customers whose first {@code lead} was in the period, weighted by credit
 * @param leadsConverted     of those leads, the customers who made a first payment at or after their lead
 * @param conversions        customers whose first payment was in the period, weighted by credit, less those whose first
 *                           payment was fully refunded (SPEC §5.1's conversion)
 * @param daysToFirstPayment the credit-weighted mean time from the partner's first touch of a customer to the
 *                           customer's first payment, in days, over the period's conversions; empty if none
 * @param money              money figures, one per currency, sorted by currency code
 */
public record PeriodFigures(String period, long touches, long clicks, Ratio leads, Ratio leadsConverted,
                            Ratio conversions, Optional<Ratio> daysToFirstPayment, List<MoneyFigures> money) {
    /** Copies the list and checks that nothing is null. */
    public PeriodFigures {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(leads, "leads");
        Objects.requireNonNull(leadsConverted, "leadsConverted");
        Objects.requireNonNull(conversions, "conversions");
        Objects.requireNonNull(daysToFirstPayment, "daysToFirstPayment");
        money = List.copyOf(money);
    }

    /** @return conversions per click in the period; empty without clicks */
    public Optional<Ratio> clickToCustomer() {
        return clicks == 0 ? Optional.empty() : Optional.of(conversions.dividedBy(Ratio.of(clicks, 1)));
    }

    /** @return the share of the period's leads that became customers; empty without leads */
    public Optional<Ratio> leadToCustomer() {
        return leads.signum() == 0 ? Optional.empty() : Optional.of(leadsConverted.dividedBy(leads));
    }

    /**
     * @param currency a currency code
     * @return the money figures in that currency, if any
     */
    public Optional<MoneyFigures> money(String currency) {
        return money.stream().filter(m -> m.currency().getCurrencyCode().equals(currency)).findFirst();
    }
}
