package dev.referralkit.reports;

import dev.referralkit.money.Ratio;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The customers whose first payment fell in one month (program time zone), followed month by
 * month. Age 0 is the cohort's own month; age k is k calendar months later.
 *
 * @param month     the cohort's month, like {@code 2026-01}
 * @param customers how many customers (weighted by credit for a partner's cohort)
 * @param active    by age: customers who paid at least once in that month
 * @param revenue   by currency: net revenue (bases less refunds, by the month of the payment or refund) by age
 */
public record Cohort(String month, Ratio customers, List<Ratio> active, List<Revenue> revenue) {
    /** Copies the lists and checks that nothing is null. */
    public Cohort {
        Objects.requireNonNull(month, "month");
        Objects.requireNonNull(customers, "customers");
        active = List.copyOf(active);
        revenue = List.copyOf(revenue);
    }

    /**
     * @param age months after the cohort's month
     * @return the share of the cohort's customers active at that age (0 past the last age seen)
     */
    public Ratio retention(int age) {
        if (customers.signum() == 0 || age >= active.size()) {
            return Ratio.ZERO;
        }
        return active.get(age).dividedBy(customers);
    }

    /**
     * Lifetime value to date: the cohort's net revenue so far per customer, exact.
     *
     * @param currency a currency
     * @return the value per customer, empty when the cohort has no customers or no revenue in that currency
     */
    public Optional<Ratio> lifetimeValue(Currency currency) {
        if (customers.signum() == 0) {
            return Optional.empty();
        }
        return revenue.stream().filter(r -> r.currency().equals(currency)).findFirst()
                .map(r -> Ratio.of(r.total()).dividedBy(customers));
    }

    /**
     * Net revenue of a cohort in one currency, by age.
     *
     * @param currency the currency
     * @param byAge    net revenue at each age, at the currency's scale
     */
    public record Revenue(Currency currency, List<BigDecimal> byAge) {
        /** Copies the list. */
        public Revenue {
            Objects.requireNonNull(currency, "currency");
            byAge = List.copyOf(byAge);
        }

        /** @return the sum over ages */
        public BigDecimal total() {
            return byAge.stream().reduce(BigDecimal.ZERO.setScale(currency.getDefaultFractionDigits(), RoundingMode.UNNECESSARY),
                    BigDecimal::add);
        }
    }
}
