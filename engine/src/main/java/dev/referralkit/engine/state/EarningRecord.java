package dev.referralkit.engine.state;

import dev.referralkit.money.Ratio;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * What one credited partner earned from one payment (SPEC.md §6): its entries from the payment
 * (commission, true-ups, and the parent shares it gave its ancestors), the payment's refunded fraction
 * as this partner last saw it, and the volume the payment added to the partner's periods, so that a
 * refund reverses and lowers exactly that. Keyed by partner and payment hash.
 *
 * @param partner     the credited partner
 * @param paymentHi   high bits of the payment id's hash
 * @param paymentLo   low 32 bits of the payment id's hash ({@link IdHash#lo32})
 * @param paymentAt   epoch nanoseconds of the payment (its periods), or {@link Nanos#NONE} when no volume is tracked
 * @param currency    the payment's currency
 * @param refunded    the payment's refunded fraction
 * @param entries     the entries, in the order they were made
 * @param conversions the conversion weight the payment added (zero unless it converted and conversions are tracked)
 * @param revenue     the revenue (program currency, exact) it added, or null when revenue is not tracked
 */
public record EarningRecord(String partner, long paymentHi, long paymentLo, long paymentAt, Currency currency,
                            Ratio refunded, List<Earned> entries, Ratio conversions, BigDecimal revenue) implements StateRecord {
    /** Checks the fields and copies the list. */
    public EarningRecord {
        Objects.requireNonNull(partner, "partner");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(refunded, "refunded");
        Objects.requireNonNull(conversions, "conversions");
        entries = List.copyOf(entries);
    }

    @Override
    public RecordKind kind() {
        return RecordKind.EARNING;
    }

    @Override
    public boolean sameKey(StateRecord other) {
        return other instanceof EarningRecord e && e.paymentHi == paymentHi && e.paymentLo == paymentLo && e.partner.equals(partner);
    }
}
