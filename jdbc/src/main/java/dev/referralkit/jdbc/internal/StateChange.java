package dev.referralkit.jdbc.internal;

/**
 * One change to the engine's records, written in a {@link Batch}: a record's new value
 * ({@link StateRecord}) or its deletion ({@link StateDeletion}). Within one batch the last change to a
 * key wins.
 */
public sealed interface StateChange permits StateRecord, StateDeletion {
    /** @return the key changed */
    RecordKey key();
}
