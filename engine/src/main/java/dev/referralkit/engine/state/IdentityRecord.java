package dev.referralkit.engine.state;

import java.util.List;
import java.util.Objects;

/**
 * Who referred an identity (docs/payouts.md §1.3, {@code shared_identity}): keyed by the 128-bit hash of
 * {@code email:<normalised address>} or {@code payment_fingerprint:<fingerprint>}, the partners credited with a
 * customer that had it, each with that customer (the high bits of its hash). At most
 * {@value #MAX_PARTNERS} pairs, the first seen.
 *
 * @param hi        high bits of the identity's hash
 * @param lo        low bits
 * @param partners  partners, in the order seen
 * @param customers for each, the high bits of the customer's hash
 */
public record IdentityRecord(long hi, long lo, List<String> partners, List<Long> customers) implements StateRecord {
    /** The most pairs kept. */
    public static final int MAX_PARTNERS = 8;

    /** Checks the fields and copies the lists. */
    public IdentityRecord {
        partners = List.copyOf(partners);
        customers = List.copyOf(customers);
        if (partners.size() != customers.size() || partners.size() > MAX_PARTNERS) {
            throw new IllegalArgumentException("an identity keeps up to " + MAX_PARTNERS + " partner and customer pairs");
        }
        partners.forEach(p -> Objects.requireNonNull(p, "partner"));
    }

    @Override
    public RecordKind kind() {
        return RecordKind.IDENTITY;
    }

    @Override
    public boolean sameKey(StateRecord other) {
        return other instanceof IdentityRecord i && i.hi == hi && i.lo == lo;
    }
}
