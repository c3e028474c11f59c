package dev.referralkit.reports;

import dev.referralkit.money.Ratio;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;

/**
 * A segment's money in one currency over one period (or over all of them). Amounts are exact, at
 * the currency's scale; one record never mixes currencies.
 *
 * @param currency         the currency
 * @param grossRevenue     the segment's share of the commission bases ({@code amount − tax}) of payments made in
 *                         the period
 * @param refunds          the segment's share of the bases refunded in the period, whichever period the payment was in
 * @param refundedOfPeriod the segment's share of the bases refunded of the period's payments, whenever refunded (for
 *                         the refund rate)
 * @param commissions      the sum of every entry but {@code PAYOUT} and {@code PAYOUT_REVERSAL} credited in the period:
 *                         commissions, true-ups, bonuses, parent shares, less reversals
 * @param paid             what payout runs in the period paid (minus their {@code PAYOUT} entries), less what failed
 *                         payouts put back ({@code PAYOUT_REVERSAL})
 */
public record MoneyFigures(Currency currency, BigDecimal grossRevenue, BigDecimal refunds, BigDecimal refundedOfPeriod,
                           BigDecimal commissions, BigDecimal paid) {
    /** Checks that nothing is null. */
    public MoneyFigures {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(grossRevenue, "grossRevenue");
        Objects.requireNonNull(refunds, "refunds");
        Objects.requireNonNull(refundedOfPeriod, "refundedOfPeriod");
        Objects.requireNonNull(commissions, "commissions");
        Objects.requireNonNull(paid, "paid");
    }

    /** @return gross revenue less refunds: net attributed revenue */
    public BigDecimal netRevenue() {
        return grossRevenue.subtract(refunds);
    }

    /** @return the share of the period's gross revenue refunded so far; empty when there was no revenue */
    public Optional<Ratio> refundRate() {
        return grossRevenue.signum() == 0 ? Optional.empty()
                : Optional.of(Ratio.of(refundedOfPeriod).dividedBy(Ratio.of(grossRevenue)));
    }
}
