package dev.referralkit.kafka;

import dev.referralkit.engine.state.KeyValueStateStore;
import dev.referralkit.engine.state.PartnerRecord;
import dev.referralkit.engine.state.RecordCodec;
import dev.referralkit.engine.state.RecordKind;
import dev.referralkit.engine.state.StateRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.BytesSerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The engine's {@link dev.referralkit.engine.state.StateStore} over a Kafka Streams key-value store of
 * bytes: every record under its binary key ({@link RecordCodec}), its value in the codec's versioned
 * binary form. The Kafka store is changelogged, so the engine's state of a task survives the loss of
 * its instance and moves with the task.
 *
 * <p><b>Order.</b> Scans use {@code prefixScan}, which returns keys in the store's order: unsigned
 * lexicographic for RocksDB (its default bytewise comparator), for the in-memory store and for the
 * record cache in front of either ({@link Bytes#compareTo}); {@code KafkaStateStoreTest} checks it with
 * keys whose bytes have the high bit set.
 *
 * <p><b>Partners are cached</b> as decoded records: every event reads them (plans, statuses, parents),
 * and the engine's plan cache keys on the record instance. The cache is filled from the store on first
 * use and kept in step by {@link #put} and {@link #remove}, through which every write of the engine goes
 * (including a rolled-back transaction's undo). One instance per task, made when the task's processor
 * starts, used from the task's thread only.
 */
final class KafkaStateStore extends KeyValueStateStore {
    private static final BytesSerializer PREFIX = new BytesSerializer();

    private final KeyValueStore<Bytes, byte[]> store;
    private TreeMap<String, PartnerRecord> partners;

    /** @param store the task's store */
    KafkaStateStore(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    /**
     * @param name the store's name
     * @param kind where it keeps its data
     * @return a builder of the store, changelogged and cached
     */
    static StoreBuilder<KeyValueStore<Bytes, byte[]>> builder(String name, StoreKind kind) {
        return kind.cached(Stores.keyValueStoreBuilder(kind.supplier(name), Serdes.Bytes(), Serdes.ByteArray()));
    }

    @Override
    protected byte[] read(byte[] key) {
        return store.get(Bytes.wrap(key));
    }

    @Override
    protected void write(byte[] key, byte[] value) {
        store.put(Bytes.wrap(key), value);
    }

    @Override
    protected void delete(byte[] key) {
        store.delete(Bytes.wrap(key));
    }

    @Override
    protected void scan(byte[] prefix, BiConsumer<byte[], byte[]> each) {
        // collected first: the caller may write while it visits, and a store iterator must not see that
        List<KeyValue<Bytes, byte[]>> found = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = prefix.length == 0 ? store.all() : store.prefixScan(Bytes.wrap(prefix), PREFIX)) {
            while (it.hasNext()) {
                found.add(it.next());
            }
        }
        for (KeyValue<Bytes, byte[]> kv : found) {
            each.accept(kv.key.get(), kv.value);
        }
    }

    private TreeMap<String, PartnerRecord> partners() {
        if (partners == null) {
            TreeMap<String, PartnerRecord> all = new TreeMap<>();
            scan(new byte[] {RecordKind.PARTNER.code()}, (k, v) -> {
                PartnerRecord p = (PartnerRecord) RecordCodec.decode(k, v);
                all.put(p.id(), p);
            });
            partners = all;
        }
        return partners;
    }

    @Override
    public PartnerRecord partner(String id) {
        return partners().get(id);
    }

    @Override
    public int partnerCount() {
        return partners().size();
    }

    @Override
    public void forEachPartner(Consumer<PartnerRecord> each) {
        new ArrayList<>(partners().values()).forEach(each);
    }

    @Override
    public void put(StateRecord record) {
        super.put(record);
        if (record instanceof PartnerRecord p) {
            partners().put(p.id(), p);
        }
    }

    @Override
    public void remove(StateRecord record) {
        super.remove(record);
        if (record instanceof PartnerRecord p) {
            partners().remove(p.id());
        }
    }
}
