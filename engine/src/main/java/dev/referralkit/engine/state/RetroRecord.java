package dev.referralkit.engine.state;

import dev.referralkit.reward.TierPricing;
import java.util.Currency;
import java.util.Objects;

/**
 * A payment priced under a {@code retroactive} tier, to be trued up when its period closes
 * (SPEC.md §5.1).
 *
 * @param partner   the partner
 * @param label     the period's label
 * @param index     its place among the period's pricings
 * @param payment   the payment's id (named by the true-up entry)
 * @param paymentHi high bits of the payment id's hash
 * @param paymentLo low 32 bits of the payment id's hash ({@link IdHash#lo32})
 * @param customer  the payment's customer (named by the true-up entry)
 * @param paymentAt epoch nanoseconds of the payment
 * @param currency  the payment's currency
 * @param pricing   what every tier would pay for the payment, and the tier paid
 */
public record RetroRecord(String partner, String label, int index, String payment, long paymentHi, long paymentLo,
                          String customer, long paymentAt, Currency currency, TierPricing pricing) implements StateRecord {
    /** Checks the fields. */
    public RetroRecord {
        Objects.requireNonNull(partner, "partner");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(payment, "payment");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(pricing, "pricing");
    }

    @Override
    public RecordKind kind() {
        return RecordKind.RETRO;
    }

    @Override
    public boolean sameKey(StateRecord other) {
        return other instanceof RetroRecord r && r.index == index && r.partner.equals(partner) && r.label.equals(label);
    }
}
