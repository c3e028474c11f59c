package dev.referralkit.reward;


import dev.referralkit.ledger.Explanation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link Reward} node computed: an exact amount in the event's currency (rounded only when
 * the engine makes the entry), its explanation, and the state deltas the engine applies if it keeps
 * the result: cap usage and retroactive tier pricing.
 */
public final class RewardResult {
    private final BigDecimal amount;
    private final Explanation explanation;
    private final List<CapUse> capUses;
    private final List<TierPricing> tierPricings;

    private RewardResult(BigDecimal amount, Explanation explanation, List<CapUse> capUses, List<TierPricing> tierPricings) {
        this.amount = Objects.requireNonNull(amount, "amount");
        this.explanation = Objects.requireNonNull(explanation, "explanation");
        this.capUses = capUses;
        this.tierPricings = tierPricings;
    }

    /**
     * A result with no state deltas.
     *
     * @param amount      the exact amount
     * @param explanation why
     * @return the result
     */
    public static RewardResult of(BigDecimal amount, Explanation explanation) {
        return new RewardResult(amount, explanation, List.of(), List.of());
    }

    /**
     * Nothing earned.
     *
     * @param explanation why not
     * @return a zero result
     */
    public static RewardResult none(Explanation explanation) {
        return of(BigDecimal.ZERO, explanation);
    }

    /**
     * A result with state deltas.
     *
     * @param amount       the exact amount
     * @param explanation  why
     * @param capUses      cap usage to record
     * @param tierPricings retroactive tier pricing to record
     * @return the result
     */
    public static RewardResult of(BigDecimal amount, Explanation explanation, List<CapUse> capUses, List<TierPricing> tierPricings) {
        return new RewardResult(amount, explanation, List.copyOf(capUses), List.copyOf(tierPricings));
    }

    /**
     * This result with another amount and explanation, keeping the deltas (a cap clipping its input).
     *
     * @param amount      the new amount
     * @param explanation the new explanation
     * @param extraUse    a cap use to add, or null
     * @return the result
     */
    public RewardResult reshaped(BigDecimal amount, Explanation explanation, CapUse extraUse) {
        List<CapUse> uses = capUses;
        if (extraUse != null) {
            uses = new ArrayList<>(capUses);
            uses.add(extraUse);
        }
        return new RewardResult(amount, explanation, List.copyOf(uses), tierPricings);
    }

    /**
     * Adds state deltas of another result (used by {@code sum}).
     *
     * @param results results whose deltas are kept
     * @param amount  the combined amount
     * @param explanation the combined explanation
     * @return the combined result
     */
    public static RewardResult combine(List<RewardResult> results, BigDecimal amount, Explanation explanation) {
        List<CapUse> uses = new ArrayList<>();
        List<TierPricing> pricings = new ArrayList<>();
        for (RewardResult r : results) {
            uses.addAll(r.capUses);
            pricings.addAll(r.tierPricings);
        }
        return new RewardResult(amount, explanation, List.copyOf(uses), List.copyOf(pricings));
    }

    /** @return the exact amount in the event's currency */
    public BigDecimal amount() {
        return amount;
    }

    /** @return why */
    public Explanation explanation() {
        return explanation;
    }

    /** @return cap usage to record, in program currency */
    public List<CapUse> capUses() {
        return capUses;
    }

    /** @return retroactive tier pricing to record */
    public List<TierPricing> tierPricings() {
        return tierPricings;
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " (" + explanation.text() + ")";
    }
}
