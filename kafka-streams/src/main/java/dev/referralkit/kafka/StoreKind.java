package dev.referralkit.kafka;

import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Where the topology's key-value stores keep their data. Both are changelogged to Kafka, so both
 * survive the loss of an instance; they differ in what a restart costs and what memory holds.
 */
public enum StoreKind {
    /**
     * RocksDB on local disk (the default): state larger than memory, fast restart from the local
     * copy. Each store costs a RocksDB instance per task.
     */
    PERSISTENT,
    /**
     * On the heap: no native library and no disk, the whole state in memory, restored from the
     * changelog on every restart. For tests (a {@code TopologyTestDriver} with in-memory stores
     * starts in a few milliseconds, with RocksDB in tens) and small programs.
     */
    IN_MEMORY;

    /**
     * @param name the store name
     * @return a supplier of a store of this kind
     */
    public KeyValueBytesStoreSupplier supplier(String name) {
        return this == PERSISTENT ? Stores.persistentKeyValueStore(name) : Stores.inMemoryKeyValueStore(name);
    }

    /**
     * A store builder with Kafka Streams' record cache in front of the store: writes of one key between
     * two commits reach the store and its changelog once (a customer record rewritten by several events,
     * a sequencer entry written and deleted before the commit: not at all).
     *
     * @param <S>     the store type
     * @param builder a builder of a store of this kind
     * @return the builder, with caching enabled
     */
    <S extends org.apache.kafka.streams.processor.StateStore> StoreBuilder<S> cached(StoreBuilder<S> builder) {
        return builder.withCachingEnabled();
    }
}
