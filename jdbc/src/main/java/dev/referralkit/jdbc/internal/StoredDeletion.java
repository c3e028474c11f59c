package dev.referralkit.jdbc.internal;

import java.util.Objects;

/**
 * The deletion of one engine record. Deleting a key that is not stored is not an error.
 *
 * @param key the key
 */
public record StoredDeletion(RecordKey key) implements StateChange {
    /** Checks the key. */
    public StoredDeletion {
        Objects.requireNonNull(key, "key");
    }
}
