package dev.referralkit.reports;

import dev.referralkit.money.Ratio;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;

/**
 * One acquisition channel in one period and currency: {@code referral} (this program: its spend is
 * the commissions it credited), {@code organic} (customers bound to no partner), or a channel whose
 * spend the host supplied ({@link ChannelCosts}).
 *
 * @param channel   the channel's name
 * @param period    the period's label, or {@code total}
 * @param currency  the currency of spend and revenue
 * @param spend     what acquisition cost in the period, if known
 * @param customers new customers in the period, if known (conversions for referral and organic)
 * @param revenue   net revenue of the channel's customers in the period, if known (referral and organic)
 */
public record ChannelRow(String channel, String period, Currency currency, Optional<BigDecimal> spend,
                         Optional<Ratio> customers, Optional<BigDecimal> revenue) {
    /** Checks that nothing is null. */
    public ChannelRow {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(spend, "spend");
        Objects.requireNonNull(customers, "customers");
        Objects.requireNonNull(revenue, "revenue");
    }

    /** @return spend per new customer, exact; empty without spend or customers */
    public Optional<Ratio> acquisitionCost() {
        if (spend.isEmpty() || customers.isEmpty() || customers.get().signum() == 0) {
            return Optional.empty();
        }
        return Optional.of(Ratio.of(spend.get()).dividedBy(customers.get()));
    }
}
