package dev.referralkit.engine.state;

import java.util.List;
import java.util.Objects;

/**
 * A partner's risk windows (docs/payouts.md §1.3), kept only when a check declares them: the instants of its last
 * conversions, its last conversions' payments with whether each was refunded, and how many distinct customers
 * converted for it. Bounded by the largest declared window.
 *
 * @param partner         the partner
 * @param conversions     epoch nanoseconds of its last conversions, oldest first
 * @param last            its last conversions, oldest first
 * @param payingCustomers distinct customers that converted for it
 */
public record RiskRecord(String partner, List<Long> conversions, List<Converted> last, int payingCustomers) implements StateRecord {
    /**
     * A conversion as the refund-rate window keeps it.
     *
     * @param paymentHi high bits of the converting payment's hash
     * @param paymentLo low 32 bits
     * @param refunded  whether it was refunded since (any amount)
     */
    public record Converted(long paymentHi, long paymentLo, boolean refunded) {
    }

    /** Checks the fields and copies the lists. */
    public RiskRecord {
        Objects.requireNonNull(partner, "partner");
        conversions = List.copyOf(conversions);
        last = List.copyOf(last);
    }

    /**
     * @param partner a partner
     * @return its record before any conversion
     */
    public static RiskRecord empty(String partner) {
        return new RiskRecord(partner, List.of(), List.of(), 0);
    }

    @Override
    public RecordKind kind() {
        return RecordKind.RISK;
    }

    @Override
    public boolean sameKey(StateRecord other) {
        return other instanceof RiskRecord r && r.partner.equals(partner);
    }
}
