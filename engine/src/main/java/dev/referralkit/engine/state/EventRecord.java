package dev.referralkit.engine.state;

/**
 * A remembered event id (SPEC.md §3, idempotency): the 64-bit hash of the id and a 32-bit
 * fingerprint of the event's content, in a bucket (0 when every id is kept; else the UTC month of the
 * event, docs/engine.md §4). A re-delivery with the same fingerprint is a {@code DUPLICATE}, with
 * another a {@code DUPLICATE_CONFLICT}; a conflicting re-delivery passes as a duplicate only if its
 * content collides in 32 bits.
 *
 * @param bucket      the bucket
 * @param hash        the id's hash ({@link IdHash#hi})
 * @param fingerprint the content fingerprint
 */
public record EventRecord(int bucket, long hash, int fingerprint) implements StateRecord {
    @Override
    public RecordKind kind() {
        return RecordKind.EVENT;
    }

    @Override
    public boolean sameKey(StateRecord other) {
        return other instanceof EventRecord e && e.bucket == bucket && e.hash == hash;
    }
}
