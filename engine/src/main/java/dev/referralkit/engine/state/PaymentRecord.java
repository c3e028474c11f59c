package dev.referralkit.engine.state;

import java.util.Currency;
import java.util.Objects;

/**
 * An accepted payment as a later refund needs it (SPEC.md §6), keyed by the 128-bit hash of its id.
 *
 * @param hi         high bits of the payment id's hash
 * @param lo         low 32 bits of the payment id's hash ({@link IdHash#lo32})
 * @param customerHi high bits of its customer's id hash
 * @param customerLo low bits of its customer's id hash
 * @param currency   its currency
 * @param amount     its amount, minor units
 * @param refunded   refunded so far, minor units
 * @param at         epoch nanoseconds of the payment, or {@link Nanos#NONE} unless the program has a refund window
 *                   (the one rule that reads it)
 */
public record PaymentRecord(long hi, long lo, long customerHi, long customerLo, Currency currency, long amount,
                            long refunded, long at) implements StateRecord {
    /** Checks the fields. */
    public PaymentRecord {
        Objects.requireNonNull(currency, "currency");
        if (lo != (int) lo) {
            throw new IllegalArgumentException("lo must be the low 32 bits of the payment id's hash (IdHash.lo32): " + lo);
        }
        if (amount < 0 || refunded < 0 || refunded > amount) {
            throw new IllegalArgumentException("amount " + amount + " and refunded " + refunded + " must satisfy 0 <= refunded <= amount");
        }
    }

    @Override
    public RecordKind kind() {
        return RecordKind.PAYMENT;
    }

    @Override
    public boolean sameKey(StateRecord other) {
        return other instanceof PaymentRecord p && p.hi == hi && p.lo == lo;
    }
}
