package dev.referralkit.engine.stage;

import dev.referralkit.engine.state.RecordCodec;
import dev.referralkit.engine.state.StateRecord;
import java.util.Optional;

/**
 * One change an event made to the engine's state (docs/engine.md §2): a record written (put, or
 * removed when {@code after} is null) or a bucket of event ids forgotten. A host that persists state
 * incrementally writes {@link #keyBytes()} → {@link #valueBytes()} (a removal when absent; for
 * {@link ForgottenEvents}, every key with that prefix).
 */
public sealed interface Change {
    /** @return the key's binary form (a key prefix for {@link ForgottenEvents}) */
    byte[] keyBytes();

    /** @return the new value's binary form; empty for a removal */
    Optional<byte[]> valueBytes();

    /**
     * A record put or removed.
     *
     * @param before the record before, or null if there was none
     * @param after  the record after, or null if it was removed
     */
    record Written(StateRecord before, StateRecord after) implements Change {
        /** Checks that it says something. */
        public Written {
            if (before == null && after == null) {
                throw new IllegalArgumentException("a change needs a record before or after");
            }
        }

        @Override
        public byte[] keyBytes() {
            return RecordCodec.key(after != null ? after : before);
        }

        @Override
        public Optional<byte[]> valueBytes() {
            return after == null ? Optional.empty() : Optional.of(RecordCodec.value(after));
        }
    }

    /**
     * Every remembered event id of a bucket was forgotten (docs/engine.md §4).
     *
     * @param bucket the bucket
     */
    record ForgottenEvents(int bucket) implements Change {
        @Override
        public byte[] keyBytes() {
            return RecordCodec.eventBucketPrefix(bucket);
        }

        @Override
        public Optional<byte[]> valueBytes() {
            return Optional.empty();
        }
    }
}
