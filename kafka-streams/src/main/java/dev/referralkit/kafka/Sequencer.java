package dev.referralkit.kafka;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Puts the records that reach one task of a downstream stage back into input order.
 *
 * <p><b>Why.</b> A partner partition receives records from every customer partition; Kafka keeps
 * each writer's order but interleaves writers arbitrarily, so a partner's payments arrive in an
 * order that depends on partitioning and timing. The partner stage is order-sensitive (tiers, caps,
 * payout runs), so it must not process them in arrival order. Every record carries its input
 * <em>position</em> (the offset {@link Ingest} gave its event); this buffer holds records in a
 * persistent store sorted by {@code (position, index)} and releases a record only once every
 * upstream partition has promised that nothing earlier will follow. Each upstream partition
 * processes positions in increasing order, so every record it sends is such a promise, and so are
 * the marks it broadcasts. The release point is the minimum of the sources' marks; records strictly
 * before it are released, in order: the single engine's order. A record that several sources send
 * (a payout run reaches every customer partition) has one key and is buffered once.
 *
 * <p><b>State.</b> Two key ranges of the task's control store (which other parts of the stage share,
 * under other first bytes): the buffer, one entry per record not yet released (order key → payload),
 * and the marks, one per upstream partition. The store is changelogged, so a restarted task resumes
 * with the same buffer. <b>Cost:</b> a store write and a delete per record, a mark write when
 * a source's promise moves, and one range scan per {@link #due()} (over the due records only: it starts
 * at the last record released, not at the first key, which RocksDB would reach only by stepping over the
 * tombstones of every record released since its last compaction). The marks are also kept in memory
 * (read from the store once per task). The buffer holds what arrived
 * ahead of the slowest upstream partition's last promise.
 *
 * <p>Order key: {@code 'B'}, a version byte (1), the position as 8 bytes big-endian (positions are
 * non-negative, so bytewise order is numeric order), then the index as 4 bytes big-endian
 * (non-negative). Mark key: {@code 'M'} and the source as 4 bytes; its value a version byte (1) and the
 * position as 8 bytes. Not thread-safe: one per task, used from the task's thread.
 */
final class Sequencer {
    private static final byte BUFFER = 'B';
    private static final byte MARK = 'M';
    private static final byte KEY_VERSION = 1;
    private static final byte VALUE_VERSION = 1;
    private static final Bytes FIRST = Bytes.wrap(new byte[] {BUFFER, KEY_VERSION});

    private final KeyValueStore<Bytes, byte[]> store;
    private final long[] cached;
    /** Every key below this one was released: scans start here, not at the first key, which RocksDB would
     * reach only by stepping over the tombstones of every record released since its last compaction. */
    private Bytes floor = FIRST;

    /**
     * @param store   the task's control store
     * @param sources how many upstream partitions send to this task
     */
    Sequencer(KeyValueStore<Bytes, byte[]> store, int sources) {
        if (sources < 1) {
            throw new IllegalArgumentException("sources " + sources + " must be at least 1");
        }
        this.store = store;
        this.cached = new long[sources];
        for (int q = 0; q < sources; q++) {
            byte[] m = store.get(markKey(q));
            cached[q] = m == null ? -1 : readMark(m);
        }
    }

    private static Bytes markKey(int source) {
        return Bytes.wrap(ByteBuffer.allocate(5).put(MARK).putInt(source).array());
    }

    private static long readMark(byte[] value) {
        if (value.length != 9 || value[0] != VALUE_VERSION) {
            throw new org.apache.kafka.common.errors.SerializationException("sequencer mark: format version " + (value.length == 0
                    ? "(none)" : value[0] & 0xff) + " of " + value.length + " bytes is not known to this release, which reads 1");
        }
        return ByteBuffer.wrap(value, 1, 8).getLong();
    }

    /**
     * Buffers a record. Offering the same {@code (position, index)} again replaces it (copies of one
     * broadcast record from several sources are one record).
     *
     * @param position the record's input position, &ge; 0
     * @param index    orders records of one position; with it, identifies the record; &ge; 0
     * @param payload  the record, in its own versioned format
     */
    void offer(long position, int index, byte[] payload) {
        store.put(orderKey(position, index), payload);
    }

    /**
     * Records a source's promise that nothing before {@code mark} follows from it. Marks only move
     * forward; an older mark is ignored.
     *
     * @param source the upstream partition, 0 &le; source &lt; sources
     * @param mark   the promise
     */
    void advance(int source, long mark) {
        if (source < 0 || source >= cached.length) {
            throw new IllegalArgumentException("source partition " + source + " is outside 0-" + (cached.length - 1)
                    + ": the topology was built for " + cached.length + " upstream partitions");
        }
        if (mark > cached[source]) {
            cached[source] = mark;
            store.put(markKey(source), ByteBuffer.allocate(9).put(VALUE_VERSION).putLong(mark).array());
        }
    }

    /** @return the lowest mark over all sources, empty until every source has sent one */
    OptionalLong low() {
        long low = Long.MAX_VALUE;
        for (long m : cached) {
            if (m < 0) {
                return OptionalLong.empty();
            }
            low = Math.min(low, m);
        }
        return OptionalLong.of(low);
    }

    /**
     * The buffered records before the low mark, in order, still buffered: the caller {@linkplain #remove
     * removes} each one it processes and may stop early (a payout run waits for its second round).
     *
     * @return the due records, in {@code (position, index)} order
     */
    List<KeyValue<Bytes, byte[]>> due() {
        OptionalLong low = low();
        if (low.isEmpty() || low.getAsLong() == 0) {
            return List.of();
        }
        Bytes last = orderKey(low.getAsLong() - 1, Integer.MAX_VALUE);
        List<KeyValue<Bytes, byte[]>> due = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = store.range(floor, last)) {
            while (it.hasNext()) {
                due.add(it.next());
            }
        }
        return due;
    }

    /** @param key the order key of a due record that was processed */
    void remove(Bytes key) {
        store.delete(key);
        if (key.compareTo(floor) > 0) {
            floor = key;
        }
    }

    /**
     * Removes and returns, in order, every buffered record before the low mark.
     *
     * @return the payloads released, in {@code (position, index)} order
     */
    List<byte[]> release() {
        List<byte[]> released = new ArrayList<>();
        for (KeyValue<Bytes, byte[]> kv : due()) {
            remove(kv.key);
            released.add(kv.value);
        }
        return released;
    }

    static Bytes orderKey(long position, int index) {
        if (position < 0) {
            throw new IllegalArgumentException("position " + position + " must not be negative");
        }
        if (index < 0) {
            throw new IllegalArgumentException("index " + index + " must not be negative");
        }
        return Bytes.wrap(ByteBuffer.allocate(2 + 8 + 4).put(BUFFER).put(KEY_VERSION).putLong(position).putInt(index).array());
    }
}
