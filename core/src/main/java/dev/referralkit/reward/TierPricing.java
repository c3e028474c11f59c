package dev.referralkit.reward;

import dev.referralkit.program.Metric;
import dev.referralkit.program.Period;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * A state delta of a {@code retroactive} tier: how one payment was priced, and what every tier
 * would have paid for it, so that when the period closes the engine can pay the
 * {@code TRUE_UP} = (reward at the final tier − paid) × unrefunded fraction without re-evaluating
 * the plan (SPEC.md §5.1).
 */
public final class TierPricing {
    private final String key;
    private final Metric metric;
    private final Period period;
    private final List<BigDecimal> aboves;
    private final List<BigDecimal> amountsByTier;
    private final int tier;

    /**
     * @param key           the tiered node's JSON path
     * @param metric        its metric
     * @param period        its period
     * @param aboves        each tier's {@code above}
     * @param amountsByTier what each tier pays for this payment, exact, event currency
     * @param tier          the tier it was priced at (0-based)
     */
    public TierPricing(String key, Metric metric, Period period, List<BigDecimal> aboves, List<BigDecimal> amountsByTier, int tier) {
        this.key = Objects.requireNonNull(key, "key");
        this.metric = Objects.requireNonNull(metric, "metric");
        this.period = Objects.requireNonNull(period, "period");
        this.aboves = List.copyOf(aboves);
        this.amountsByTier = List.copyOf(amountsByTier);
        this.tier = tier;
    }

    /** @return the tiered node's identity */
    public String key() {
        return key;
    }

    /** @return the metric */
    public Metric metric() {
        return metric;
    }

    /** @return the period */
    public Period period() {
        return period;
    }

    /** @return each tier's lower boundary */
    public List<BigDecimal> aboves() {
        return aboves;
    }

    /** @return what each tier pays for the payment */
    public List<BigDecimal> amountsByTier() {
        return amountsByTier;
    }

    /** @return the tier the payment was priced at */
    public int tier() {
        return tier;
    }

    /** @return what was paid */
    public BigDecimal paid() {
        return amountsByTier.get(tier);
    }

    /**
     * The tier a final volume reaches: the last tier whose {@code above} is below the volume, or
     * the first tier when none is.
     *
     * @param aboves the tiers' boundaries, ascending, the first 0
     * @param volume a volume
     * @return the 0-based tier
     */
    public static int tierOf(List<BigDecimal> aboves, BigDecimal volume) {
        int tier = 0;
        for (int i = 0; i < aboves.size(); i++) {
            if (aboves.get(i).compareTo(volume) < 0) {
                tier = i;
            }
        }
        return tier;
    }
}
