package dev.referralkit.jdbc.internal;

import dev.referralkit.Ids;
import java.util.Objects;

/**
 * One accepted event in the journal: its id (the idempotency key), the 64-bit fingerprint of its
 * content, and its canonical JSON.
 *
 * @param eventId     the event's id, 1 to 128 characters
 * @param fingerprint the fingerprint of its content
 * @param eventJson   the event as JSON, as the engine writes it
 */
public record JournalRow(String eventId, long fingerprint, String eventJson) {
    /** Checks the id. */
    public JournalRow {
        Ids.check("event id", eventId);
        Objects.requireNonNull(eventJson, "eventJson");
    }
}
