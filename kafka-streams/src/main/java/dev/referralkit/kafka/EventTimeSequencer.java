package dev.referralkit.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Puts the records that reach one partner-stage task back into event-time order.
 *
 * <p><b>Why.</b> A partner partition receives records from every customer partition; Kafka keeps
 * each writer's order but interleaves writers arbitrarily, so a partner's payments arrive in an
 * order that depends on partitioning and timing. The partner stage is order-sensitive (tiers, caps,
 * payout runs), so it must not process them in arrival order. This buffer holds them in a persistent
 * store sorted by {@code (at, tie-break)} and releases a record only once every customer partition
 * has promised that nothing earlier will follow: each record from source {@code q} carries such a
 * promise (its {@code at}: a customer partition processes its events in non-decreasing {@code at}
 * and refuses earlier ones), and so do the progress marks and clock records each source broadcasts.
 * The release point is the minimum of the sources' marks; records strictly before it are released,
 * in order. A record that several sources send (a payout run reaches every customer partition) has
 * one key and is buffered once.
 *
 * <p><b>State.</b> Two stores per task: the buffer (one entry per record not yet released: order key
 * → payload) and the sources' marks (one per customer partition). Both are changelogged, so a
 * restarted task resumes with the same buffer. <b>Cost:</b> one store write and one delete per
 * record, and one range scan per release.
 *
 * <p>Order key: a version byte (1), the seconds of {@code at} with the sign bit flipped and its
 * nanoseconds (both big-endian, so that bytewise order is time order), then the tie-break as UTF-8.
 * Not thread-safe: one per task, used from the task's thread.
 */
final class EventTimeSequencer {
    private static final byte KEY_VERSION = 1;

    /** Reads mark values: 8 bytes of seconds and 4 of nanoseconds after the version byte. */
    static final VersionedSerde<Instant> INSTANT = VersionedSerde.of("instant", 1,
            (at, out) -> {
                out.writeLong(at.getEpochSecond());
                out.writeInt(at.getNano());
            },
            in -> Instant.ofEpochSecond(in.readLong(), in.readInt()));

    private final KeyValueStore<Bytes, byte[]> buffer;
    private final KeyValueStore<Integer, Instant> marks;
    private final int sources;

    /**
     * @param buffer  the buffer store of this task
     * @param marks   the marks store of this task
     * @param sources how many customer partitions send to this task
     */
    EventTimeSequencer(KeyValueStore<Bytes, byte[]> buffer, KeyValueStore<Integer, Instant> marks, int sources) {
        if (sources < 1) {
            throw new IllegalArgumentException("sources " + sources + " must be at least 1");
        }
        this.buffer = buffer;
        this.marks = marks;
        this.sources = sources;
    }

    static StoreBuilder<KeyValueStore<Bytes, byte[]>> bufferStore(String name, StoreKind kind) {
        return Stores.keyValueStoreBuilder(kind.supplier(name), Serdes.Bytes(), Serdes.ByteArray());
    }

    static StoreBuilder<KeyValueStore<Integer, Instant>> marksStore(String name, StoreKind kind) {
        return Stores.keyValueStoreBuilder(kind.supplier(name), Serdes.Integer(), INSTANT);
    }

    /**
     * Buffers a record. Offering the same {@code (at, tieBreak)} again replaces it (copies of one
     * broadcast record from several sources are one record).
     *
     * @param at       the record's event time
     * @param tieBreak orders records of equal {@code at}; with {@code at}, identifies the record
     * @param payload  the record, in its own versioned format
     */
    void offer(Instant at, String tieBreak, byte[] payload) {
        buffer.put(orderKey(at, tieBreak), payload);
    }

    /**
     * Records a source's promise that nothing before {@code mark} follows from it. Marks only move
     * forward; an older mark is ignored.
     *
     * @param source the customer partition, 0 ≤ source &lt; sources
     * @param mark   the promise
     */
    void advance(int source, Instant mark) {
        if (source < 0 || source >= sources) {
            throw new IllegalArgumentException("source partition " + source + " is outside 0-" + (sources - 1)
                    + ": the topology was built for " + sources + " input partitions");
        }
        Instant old = marks.get(source);
        if (old == null || mark.isAfter(old)) {
            marks.put(source, mark);
        }
    }

    /** @return the earliest mark over all sources, empty until every source has sent one */
    Optional<Instant> low() {
        Instant low = null;
        for (int q = 0; q < sources; q++) {
            Instant m = marks.get(q);
            if (m == null) {
                return Optional.empty();
            }
            low = low == null || m.isBefore(low) ? m : low;
        }
        return Optional.ofNullable(low);
    }

    /**
     * Removes and returns, in order, every buffered record before the low mark.
     *
     * @return the payloads released, in {@code (at, tie-break)} order
     */
    List<byte[]> release() {
        Optional<Instant> low = low();
        if (low.isEmpty()) {
            return List.of();
        }
        Bytes limit = orderKey(low.get(), "");
        List<KeyValue<Bytes, byte[]>> due = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = buffer.all()) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> next = it.next();
                if (next.key.compareTo(limit) >= 0) {
                    break;
                }
                due.add(next);
            }
        }
        List<byte[]> released = new ArrayList<>(due.size());
        for (KeyValue<Bytes, byte[]> kv : due) {
            buffer.delete(kv.key);
            released.add(kv.value);
        }
        return released;
    }

    static Bytes orderKey(Instant at, String tieBreak) {
        byte[] tie = tieBreak.getBytes(StandardCharsets.UTF_8);
        ByteBuffer key = ByteBuffer.allocate(1 + 8 + 4 + tie.length);
        key.put(KEY_VERSION).putLong(at.getEpochSecond() ^ Long.MIN_VALUE).putInt(at.getNano()).put(tie);
        return Bytes.wrap(key.array());
    }
}
