package dev.referralkit.kafka;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * What reaches a task of the partner stage: from the customer stage (on the attributed repartition
 * topic) or from another task of the partner stage (on the bookings topic). One versioned format for
 * both topics, so that the partner stage reads them as one stream.
 *
 * <p>Records from the customer stage carry their input <em>position</em> (the ingest offset of the
 * event they come from) and an <em>index</em> (their place among the records of that event), which
 * the partner stage's {@link Sequencer} orders by; {@code source} is the customer partition that sent
 * them. Records between partner tasks are not sequenced (see {@link ReferralTopology} for why that is
 * enough).
 */
sealed interface Staged {
    /** The format version written. */
    int VERSION = 1;

    /**
     * A {@code PartnerMessage} of an accepted event, for its partner's task.
     *
     * @param source   the customer partition that sent it
     * @param position the event's input position
     * @param index    its place among the event's records
     * @param message  the message in its versioned binary form ({@code MessageCodec})
     */
    record Message(int source, long position, int index, byte[] message) implements Staged {
        @Override
        public boolean equals(Object o) {
            return o instanceof Message m && m.source == source && m.position == position && m.index == index
                    && Arrays.equals(m.message, message);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(position) * 31 + Arrays.hashCode(message);
        }

        @Override
        public String toString() {
            return "Message[" + source + ", " + position + ", " + index + "]";
        }
    }

    /**
     * An accepted event that concerns every partner (a payout run, a partner change), for every task of
     * the partner stage. Customer partition 0 sends it (every customer partition applied it alike).
     *
     * @param source   the customer partition that sent it
     * @param position the event's input position
     * @param index    its place among the event's records
     * @param json     the event as the host wrote it (FORMATS.md JSON, UTF-8)
     */
    record Event(int source, long position, int index, byte[] json) implements Staged {
        @Override
        public boolean equals(Object o) {
            return o instanceof Event e && e.source == source && e.position == position && e.index == index
                    && Arrays.equals(e.json, json);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(position) * 31 + Arrays.hashCode(json);
        }

        @Override
        public String toString() {
            return "Event[" + source + ", " + position + ", " + index + "]";
        }
    }

    /**
     * A customer partition's promise that nothing before {@code position} follows from it.
     *
     * @param source   the customer partition
     * @param position the next position it may send
     */
    record Mark(int source, long position) implements Staged {
    }

    /**
     * A message one partner task sends another: a parent share or its reversal, booked on arrival.
     *
     * @param message the message in its versioned binary form ({@code MessageCodec})
     */
    record Sent(byte[] message) implements Staged {
        @Override
        public boolean equals(Object o) {
            return o instanceof Sent s && Arrays.equals(s.message, message);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(message);
        }

        @Override
        public String toString() {
            return "Sent[" + message.length + " bytes]";
        }
    }

    /**
     * A partner task closed the periods of its partners for the payout run at {@code position}, and
     * sent every message that came of it and of everything before: the second round of a payout run.
     *
     * @param source   the partner partition
     * @param position the payout run's input position
     */
    record Closed(int source, long position) implements Staged {
    }

    /** @return whether it goes to every partner partition */
    default boolean everyPartition() {
        return !(this instanceof Message || this instanceof Sent);
    }

    /** The versioned binary form. */
    VersionedSerde<Staged> SERDE = VersionedSerde.of("partner-stage record", VERSION, Staged::write, Staged::read);

    /** Messages and sent messages by their key (the partner); the rest to every partition. */
    Broadcast<String, Staged> PARTITIONER = Broadcast.when(Staged::everyPartition);

    private static void write(Staged s, DataOutput out) throws IOException {
        if (s instanceof Message m) {
            out.writeByte('M');
            sequenced(out, m.source(), m.position(), m.index());
            bytes(out, m.message());
        } else if (s instanceof Event e) {
            out.writeByte('E');
            sequenced(out, e.source(), e.position(), e.index());
            bytes(out, e.json());
        } else if (s instanceof Mark k) {
            out.writeByte('K');
            out.writeInt(k.source());
            out.writeLong(k.position());
        } else if (s instanceof Sent t) {
            out.writeByte('S');
            bytes(out, t.message());
        } else if (s instanceof Closed c) {
            out.writeByte('C');
            out.writeInt(c.source());
            out.writeLong(c.position());
        }
    }

    private static Staged read(DataInput in) throws IOException {
        int tag = in.readByte();
        return switch (tag) {
            case 'M' -> new Message(in.readInt(), in.readLong(), in.readInt(), bytes(in));
            case 'E' -> new Event(in.readInt(), in.readLong(), in.readInt(), bytes(in));
            case 'K' -> new Mark(in.readInt(), in.readLong());
            case 'S' -> new Sent(bytes(in));
            case 'C' -> new Closed(in.readInt(), in.readLong());
            default -> throw new IOException("record kind " + tag + " is not M, E, K, S or C");
        };
    }

    private static void sequenced(DataOutput out, int source, long position, int index) throws IOException {
        out.writeInt(source);
        out.writeLong(position);
        out.writeInt(index);
    }

    private static void bytes(DataOutput out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] bytes(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 64 << 20) {
            throw new IOException("length " + n + " is outside 0-" + (64 << 20));
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }
}
