package dev.referralkit.engine.state;

import java.util.List;
import java.util.Objects;

/**
 * For a customer bound at a lead that has not paid yet, when a {@code fast_conversion} check needs it
 * (docs/payouts.md §1.3): the instant of each credited partner's latest link touch before the binding. Dropped at
 * the customer's first payment.
 *
 * @param hi       high bits of the customer id's hash
 * @param lo       low bits
 * @param partners the credited partners with a link touch
 * @param at       epoch nanoseconds of each one's latest link touch, in the same order
 */
public record ClicksRecord(long hi, long lo, List<String> partners, List<Long> at) implements StateRecord {
    /** Checks the fields and copies the lists. */
    public ClicksRecord {
        partners = List.copyOf(partners);
        at = List.copyOf(at);
        if (partners.size() != at.size()) {
            throw new IllegalArgumentException("a click instant per partner: " + partners.size() + " partners, " + at.size() + " instants");
        }
    }

    /**
     * @param partner a partner
     * @return its click instant, or {@link Nanos#NONE}
     */
    public long of(String partner) {
        int i = partners.indexOf(partner);
        return i < 0 ? Nanos.NONE : at.get(i);
    }

    @Override
    public RecordKind kind() {
        return RecordKind.CLICKS;
    }

    @Override
    public boolean sameKey(StateRecord other) {
        return other instanceof ClicksRecord c && c.hi == hi && c.lo == lo;
    }
}
