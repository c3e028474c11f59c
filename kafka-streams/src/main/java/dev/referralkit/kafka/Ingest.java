package dev.referralkit.kafka;

import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The first hop of the topology: gives every input record its place in the single engine's order
 * and routes it to its customer partition.
 *
 * <p><b>Why a one-partition ingest topic.</b> SPEC §3 processes events "in the order given". Kafka
 * has an order only within a partition, so the host writes every event to an ingest topic of
 * exactly one partition, in the order it wants them processed; the record's offset is its
 * <em>position</em> in that order. The router (one task, stateless, no parsing) stamps the position
 * and repartitions: a record keyed by a customer goes to that customer's partition (murmur2 of the
 * key, as a producer would place it); a record without a key (a payout run, a partner change) goes to
 * <em>every</em> customer partition, at its position in each. Every downstream stage can then restore
 * the single engine's order with a {@link Sequencer}, whatever the partition count and timing.
 *
 * <p>The router also broadcasts <em>marks</em> ("the next position is p") on a wall-clock schedule, so
 * that a customer partition without traffic still lets the partner stage move on. A second ingest
 * partition would break the order: the router stops the application if it sees one.
 *
 * <p>Throughput: the router does no parsing and keeps no state; it is one task, so it bounds the
 * whole topology's event rate (a Kafka partition and a thread that copies bytes).
 */
final class Ingest {
    /** The routing key of a record bound for every partition (repartitioning drops null keys). */
    static final byte[] EVERY_PARTITION = new byte[0];

    private Ingest() {
    }

    /** An input record with its position, or a mark. */
    enum Kind {
        /** an input record as the host wrote it */
        EVENT,
        /** a promise: no position below this one follows */
        MARK
    }

    /**
     * @param position the ingest offset of the record; for a mark, the next position to come
     * @param kind     what it is
     * @param key      the record key as the host wrote it (null when it had none or for a mark)
     * @param value    the record value as the host wrote it (null for a mark)
     */
    record Sequenced(long position, Kind kind, byte[] key, byte[] value) {
        /** @return whether it goes to every customer partition */
        boolean everyPartition() {
            return kind == Kind.MARK || key == null;
        }
    }

    static final VersionedSerde<Sequenced> SERDE = VersionedSerde.of("sequenced input record", 1, (s, out) -> {
        out.writeLong(s.position());
        out.writeByte(s.kind() == Kind.EVENT ? 'E' : 'M');
        writeBytes(out, s.key());
        writeBytes(out, s.value());
    }, in -> {
        long position = in.readLong();
        int kind = in.readByte();
        if (kind != 'E' && kind != 'M') {
            throw new java.io.IOException("kind " + kind + " is not E or M");
        }
        return new Sequenced(position, kind == 'E' ? Kind.EVENT : Kind.MARK, readBytes(in), readBytes(in));
    });

    /** Records without a key and marks go to every partition; the rest by the hash of the key. */
    static final Broadcast<byte[], Sequenced> PARTITIONER = Broadcast.when(Sequenced::everyPartition);

    private static void writeBytes(java.io.DataOutput out, byte[] bytes) throws java.io.IOException {
        out.writeInt(bytes == null ? -1 : bytes.length);
        if (bytes != null) {
            out.write(bytes);
        }
    }

    private static byte[] readBytes(java.io.DataInput in) throws java.io.IOException {
        int n = in.readInt();
        if (n < -1) {
            throw new java.io.IOException("length " + n + " is negative");
        }
        if (n == -1) {
            return null;
        }
        byte[] bytes = new byte[n];
        in.readFully(bytes);
        return bytes;
    }

    /**
     * The ingest topic, sequenced and repartitioned by customer into {@code partitions} partitions
     * (an internal topic, {@code <application.id>-events-repartition}).
     *
     * @param builder      the builder
     * @param ingestTopic  the host's one-partition topic
     * @param partitions   how many customer partitions
     * @param markInterval how often the router broadcasts a mark when positions have moved on
     * @return the sequenced records, keyed by customer (or {@link #EVERY_PARTITION})
     */
    static KStream<byte[], Sequenced> sequenced(StreamsBuilder builder, String ingestTopic, int partitions,
            Duration markInterval) {
        return route(builder, ingestTopic, markInterval)
                .repartition(Repartitioned.<byte[], Sequenced>as("events").withKeySerde(Serdes.ByteArray())
                        .withValueSerde(SERDE).withStreamPartitioner(PARTITIONER).withNumberOfPartitions(partitions));
    }

    /**
     * The router alone, writing to {@code through} (for a harness that plays the broker).
     *
     * @param builder      the builder
     * @param ingestTopic  the host's topic
     * @param through      where the sequenced records go
     * @param markInterval how often marks are broadcast
     */
    static void routerOnly(StreamsBuilder builder, String ingestTopic, String through, Duration markInterval) {
        route(builder, ingestTopic, markInterval)
                .to(through, Produced.with(Serdes.ByteArray(), SERDE).withStreamPartitioner(PARTITIONER));
    }

    private static KStream<byte[], Sequenced> route(StreamsBuilder builder, String ingestTopic, Duration markInterval) {
        return builder.stream(ingestTopic, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("ingest"))
                .process(() -> new Router(markInterval), Named.as("router"));
    }

    /** Stamps positions and emits marks. Stateless: positions are the ingest offsets. */
    private static final class Router implements Processor<byte[], byte[], byte[], Sequenced> {
        private final Duration markInterval;
        private ProcessorContext<byte[], Sequenced> context;
        private long next = -1;
        private long marked = -1;

        Router(Duration markInterval) {
            this.markInterval = markInterval;
        }

        @Override
        public void init(ProcessorContext<byte[], Sequenced> context) {
            this.context = context;
            context.schedule(markInterval, PunctuationType.WALL_CLOCK_TIME, now -> {
                if (next > marked) {
                    context.forward(new Record<>(EVERY_PARTITION, new Sequenced(next, Kind.MARK, null, null), now));
                    marked = next;
                }
            });
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            RecordMetadata where = context.recordMetadata().orElseThrow(
                    () -> new IllegalStateException("an ingest record has no offset: the router must read a topic"));
            if (where.partition() != 0) {
                throw new IllegalStateException("ingest topic " + where.topic() + " has a partition " + where.partition()
                        + ": it must have exactly one, whose order is the processing order");
            }
            long position = where.offset();
            context.forward(new Record<>(record.key() == null ? EVERY_PARTITION : record.key(),
                    new Sequenced(position, Kind.EVENT, record.key(), record.value()), record.timestamp()));
            next = Math.max(next, position + 1);
        }
    }
}
