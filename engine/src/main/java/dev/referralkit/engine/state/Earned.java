package dev.referralkit.engine.state;

import dev.referralkit.money.Ratio;
import java.util.Objects;

/**
 * One entry a payment produced, as a later refund reverses it (SPEC.md §6): cumulative reversal
 * {@code round(amount × (f − f0)/(1 − f0))}, f the payment's refunded fraction.
 *
 * @param ref         which entry
 * @param amount      its amount, minor units of the payment's currency
 * @param f0          the payment's refunded fraction when it was made (0 for a commission)
 * @param availableAt its availableAt, epoch nanoseconds
 */
public record Earned(EntryRef ref, long amount, Ratio f0, long availableAt) {
    /** Checks the fields. */
    public Earned {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(f0, "f0");
    }
}
