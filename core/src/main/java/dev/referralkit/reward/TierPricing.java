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
public record TierPricing(String key, Metric metric, Period period, List<BigDecimal> aboves, List<BigDecimal> amountsByTier,
                          int tier) {
    /**
     * @param key           the tiered node's JSON path
     * @param metric        its metric
     * @param period        its period
     * @param aboves        each tier's {@code above}
     * @param amountsByTier what each tier pays for this payment, exact, event currency
     * @param tier          the tier it was priced at (0-based)
     */
    public TierPricing {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(period, "period");
        aboves = List.copyOf(aboves);
        amountsByTier = List.copyOf(amountsByTier);
        if (tier < 0 || tier >= amountsByTier.size() || aboves.size() != amountsByTier.size()) {
            throw new IllegalArgumentException("tier " + tier + " of " + amountsByTier.size() + " amounts and " + aboves.size() + " tiers");
        }
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
