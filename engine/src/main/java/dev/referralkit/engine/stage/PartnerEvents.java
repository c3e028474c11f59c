package dev.referralkit.engine.stage;

import dev.referralkit.event.Event;
import dev.referralkit.event.PartnerEvent;
import java.util.Optional;

/**
 * The routing step of partner events (docs/payouts.md §6): {@code review}, {@code payout_confirmed},
 * {@code payout_failed} and {@code tax_form} belong to the partner they name and never pass the customer stage.
 * {@link #route} makes the {@link PartnerMessage.Keyed} the partner's stage applies; a stream processor keys the
 * event by {@link #key} and sends it straight to the partner's partition.
 *
 * <p>Unlike every other message, a keyed one may be refused by the partner stage ({@code UNKNOWN_PARTNER},
 * {@code UNKNOWN_PAYOUT}, {@code NOT_HELD}, {@code OUT_OF_ORDER}, {@code PAYOUT_CONFLICT}, {@code DUPLICATE}): no
 * other stage saw the event, so nothing else has to be undone. The caller checks idempotency and lateness first
 * ({@link Idempotency}, over the store the partner stage uses) and rolls the transaction back on a refusal.
 */
public final class PartnerEvents {
    private PartnerEvents() {
    }

    /**
     * @param event an event
     * @return the message for its partner's stage, when it is a partner event
     */
    public static Optional<PartnerMessage> route(Event event) {
        if (event instanceof PartnerEvent e) {
            return Optional.of(new PartnerMessage.Keyed(e.partner(), e));
        }
        return Optional.empty();
    }

    /**
     * @param event an event
     * @return the partner a stream processor keys it by, when it is a partner event
     */
    public static Optional<String> key(Event event) {
        return event instanceof PartnerEvent e ? Optional.of(e.partner()) : Optional.empty();
    }
}
