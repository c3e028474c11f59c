package dev.referralkit.jdbc.internal;

/**
 * One change to the engine's records, written in a {@link Batch}: a record's new value
 * ({@link StoredRecord}), its deletion ({@link StoredDeletion}), or the deletion of every record of a
 * kind whose key starts with a prefix ({@link PrefixDeletion}, the engine forgetting a bucket of event
 * ids). Changes apply in their order: within one batch the last change to a key wins, and a prefix
 * deletion removes what earlier changes wrote under it, not what later ones write.
 */
public sealed interface StateChange permits StoredRecord, StoredDeletion, PrefixDeletion {
}
