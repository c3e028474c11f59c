package dev.referralkit.event;

import java.util.Optional;

/**
 * An event that belongs to one partner and names it (docs/payouts.md §6): {@code review},
 * {@code payout_confirmed}, {@code payout_failed}, {@code tax_form}. It never passes the customer stage; a
 * stream processor keys it by {@link #partner()} and the partner's stage decides it.
 */
public interface PartnerEvent extends Event {
    /** @return the partner the event belongs to */
    String partner();

    /** @return empty: a partner's event names no customer */
    @Override
    default Optional<String> customerId() {
        return Optional.empty();
    }
}
