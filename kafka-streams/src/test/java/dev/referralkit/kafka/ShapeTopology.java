package dev.referralkit.kafka;

import dev.referralkit.RejectionCode;
import dev.referralkit.event.Event;
import dev.referralkit.event.Payment;
import dev.referralkit.event.PayoutRun;
import dev.referralkit.event.Touch;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.ledger.ImmutableRejection;
import dev.referralkit.ledger.Rejection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToIntFunction;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * A test topology with the shape of ReferralKit's, but a toy in place of the engine, to prove the
 * module's infrastructure on real Kafka components before the engine's stages are wired in.
 *
 * <p>Shape: the input topic (events as JSON, keyed by customer) → the <b>customer stage</b>, a
 * processor over persistent stores (customer → partner of the last touch; this partition's clock
 * and latest run) that refuses bad records to the rejections topic and emits attributed records
 * → a repartition topic keyed by partner, where payout runs and progress marks are
 * <b>broadcast</b> to every partition → the <b>partner stage</b>, a processor over persistent
 * stores (per-partner state, and the {@link EventTimeSequencer}'s buffer and marks) → entries and
 * payouts topics keyed by partner.
 *
 * <p>Toy rules (order-sensitive on purpose, like tiers): a payment of a touched customer credits the
 * partner of the last touch; a partner's first two credits earn 10 % of the amount in minor units,
 * later ones 20 % (rounded down); a payout run pays every partner its unpaid sum per currency.
 * {@link ShapeReference} computes the same in one JVM.
 */
final class ShapeTopology {
    static final String CUSTOMERS = "shape-customers";
    static final String CLOCKS = "shape-clocks";
    static final String PARTNERS = "shape-partners";
    static final String BUFFER = "shape-buffer";
    static final String MARKS = "shape-marks";
    static final String REPARTITION = "shape-attributed";
    static final Duration MARK_INTERVAL = Duration.ofMillis(50);

    private ShapeTopology() {
    }

    /** The topics a host sees. */
    record Topics(String events, String entries, String payouts, String rejections) {
        static Topics standard() {
            return new Topics("events", "entries", "payouts", "rejections");
        }
    }

    /** What the customer stage emits. */
    sealed interface Out permits Attributed, Rejected {
    }

    /** A rejection for the rejections topic. */
    record Rejected(Rejection rejection) implements Out {
    }

    /** What crosses from the customer stage to the partner stage. */
    sealed interface Attributed extends Out permits Credit, Run, Mark {
        /** @return the customer partition that sent it */
        int source();

        /** @return its event time; also the sender's promise that nothing earlier follows */
        Instant at();
    }

    record Credit(int source, Instant at, String event, String partner, String currency, long minor) implements Attributed {
    }

    record Run(int source, Instant at, String event) implements Attributed {
    }

    record Mark(int source, Instant at) implements Attributed {
    }

    static final VersionedSerde<Attributed> ATTRIBUTED = VersionedSerde.of("attributed record", 1, (a, out) -> {
        if (a instanceof Credit c) {
            out.writeByte('C');
            out.writeInt(c.source());
            writeInstant(out, c.at());
            out.writeUTF(c.event());
            out.writeUTF(c.partner());
            out.writeUTF(c.currency());
            out.writeLong(c.minor());
        } else if (a instanceof Run r) {
            out.writeByte('R');
            out.writeInt(r.source());
            writeInstant(out, r.at());
            out.writeUTF(r.event());
        } else {
            out.writeByte('M');
            out.writeInt(a.source());
            writeInstant(out, a.at());
        }
    }, in -> {
        int tag = in.readByte();
        return switch (tag) {
            case 'C' -> new Credit(in.readInt(), readInstant(in), in.readUTF(), in.readUTF(), in.readUTF(), in.readLong());
            case 'R' -> new Run(in.readInt(), readInstant(in), in.readUTF());
            case 'M' -> new Mark(in.readInt(), readInstant(in));
            default -> throw new java.io.IOException("record tag " + tag + " is not C, R or M");
        };
    });

    /** Per-partner state: how many credits so far, and the unpaid sum per currency. */
    record PartnerState(int credits, Map<String, Long> unpaid) {
    }

    static final VersionedSerde<PartnerState> PARTNER_STATE = VersionedSerde.of("partner state", 1, (s, out) -> {
        out.writeInt(s.credits());
        out.writeInt(s.unpaid().size());
        for (Map.Entry<String, Long> e : s.unpaid().entrySet()) {
            out.writeUTF(e.getKey());
            out.writeLong(e.getValue());
        }
    }, in -> {
        int credits = in.readInt();
        int n = in.readInt();
        Map<String, Long> unpaid = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            unpaid.put(in.readUTF(), in.readLong());
        }
        return new PartnerState(credits, unpaid);
    });

    static final VersionedSerde<String> PARTNER_ID = VersionedSerde.of("partner id", 1, (s, out) -> out.writeUTF(s),
            java.io.DataInput::readUTF);

    /** Payout runs and marks go to every partner partition; credits to their partner's partition. */
    static final Broadcast<String, Attributed> PARTITIONER = Broadcast.when(a -> !(a instanceof Credit));

    private static void writeInstant(java.io.DataOutput out, Instant at) throws java.io.IOException {
        out.writeLong(at.getEpochSecond());
        out.writeInt(at.getNano());
    }

    private static Instant readInstant(java.io.DataInput in) throws java.io.IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }

    /**
     * The whole topology, as an application runs it.
     *
     * @param topics           the topics
     * @param sourcePartitions the input topic's partition count
     * @param kind             where the stores keep their data
     * @return the topology
     */
    static Topology build(Topics topics, int sourcePartitions, StoreKind kind) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, Attributed> attributed = customerStage(builder, topics, kind, ctx -> ctx.taskId().partition())
                .repartition(Repartitioned.<String, Attributed>as(REPARTITION)
                        .withKeySerde(Serdes.String()).withValueSerde(ATTRIBUTED).withStreamPartitioner(PARTITIONER));
        partnerStage(builder, attributed, topics, sourcePartitions, kind);
        return builder.build();
    }

    /**
     * The customer stage alone, writing to {@code through} (for a harness that plays the broker).
     *
     * @param topics  the topics
     * @param through the topic between the stages
     * @param source  the customer partition this copy plays
     * @param kind    where the stores keep their data
     * @return the topology
     */
    static Topology customerStageOnly(Topics topics, String through, int source, StoreKind kind) {
        StreamsBuilder builder = new StreamsBuilder();
        customerStage(builder, topics, kind, ctx -> source)
                .to(through, Produced.with(Serdes.String(), ATTRIBUTED).withStreamPartitioner(PARTITIONER));
        return builder.build();
    }

    /**
     * The partner stage alone, reading {@code through}.
     *
     * @param topics           the topics
     * @param through          the topic between the stages
     * @param sourcePartitions the input topic's partition count
     * @param kind             where the stores keep their data
     * @return the topology
     */
    static Topology partnerStageOnly(Topics topics, String through, int sourcePartitions, StoreKind kind) {
        StreamsBuilder builder = new StreamsBuilder();
        partnerStage(builder, builder.stream(through, Consumed.with(Serdes.String(), ATTRIBUTED)), topics, sourcePartitions, kind);
        return builder.build();
    }

    private static KStream<String, Attributed> customerStage(StreamsBuilder builder, Topics topics, StoreKind kind,
            ToIntFunction<ProcessorContext<String, Out>> sourceOf) {
        builder.addStateStore(Stores.keyValueStoreBuilder(kind.supplier(CUSTOMERS), Serdes.String(), PARTNER_ID));
        builder.addStateStore(Stores.keyValueStoreBuilder(kind.supplier(CLOCKS), Serdes.String(),
                EventTimeSequencer.INSTANT));
        KStream<String, Out> out = builder.stream(topics.events(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("events"))
                .process(() -> new CustomerStage(sourceOf), Named.as("customer-stage"), CUSTOMERS, CLOCKS);
        out.filter((k, v) -> v instanceof Rejected, Named.as("rejected"))
                .mapValues(v -> ReferralKitJson.write(((Rejected) v).rejection()), Named.as("rejection-json"))
                .to(topics.rejections(), Produced.with(Serdes.String(), Serdes.String()));
        return out.filter((k, v) -> v instanceof Attributed, Named.as("attributed"))
                .mapValues(v -> (Attributed) v, Named.as("as-attributed"));
    }

    private static void partnerStage(StreamsBuilder builder, KStream<String, Attributed> attributed, Topics topics,
            int sourcePartitions, StoreKind kind) {
        builder.addStateStore(Stores.keyValueStoreBuilder(kind.supplier(PARTNERS), Serdes.String(),
                PARTNER_STATE));
        builder.addStateStore(EventTimeSequencer.bufferStore(BUFFER, kind));
        builder.addStateStore(EventTimeSequencer.marksStore(MARKS, kind));
        KStream<String, String> out = attributed.process(() -> new PartnerStage(sourcePartitions), Named.as("partner-stage"),
                PARTNERS, BUFFER, MARKS);
        out.filter((k, v) -> v.startsWith("entry "), Named.as("entries"))
                .mapValues(v -> v.substring("entry ".length()), Named.as("entry-text"))
                .to(topics.entries(), Produced.with(Serdes.String(), Serdes.String()));
        out.filter((k, v) -> v.startsWith("payout "), Named.as("payouts"))
                .mapValues(v -> v.substring("payout ".length()), Named.as("payout-text"))
                .to(topics.payouts(), Produced.with(Serdes.String(), Serdes.String()));
    }

    /** Stage 1, keyed by customer. */
    private static final class CustomerStage implements Processor<byte[], byte[], String, Out> {
        private static final String MARK = "mark";
        private static final String LAST_RUN = "run";
        private final ToIntFunction<ProcessorContext<String, Out>> sourceOf;
        private ProcessorContext<String, Out> context;
        private KeyValueStore<String, String> customers;
        private KeyValueStore<String, Instant> clocks;
        private Instant broadcastMark;

        CustomerStage(ToIntFunction<ProcessorContext<String, Out>> sourceOf) {
            this.sourceOf = sourceOf;
        }

        @Override
        public void init(ProcessorContext<String, Out> context) {
            this.context = context;
            this.customers = context.getStateStore(CUSTOMERS);
            this.clocks = context.getStateStore(CLOCKS);
            // tell every partner partition how far this partition has come, so that it can release
            context.schedule(MARK_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> {
                Instant mark = clocks.get(MARK);
                if (mark != null && !mark.equals(broadcastMark)) {
                    context.forward(new Record<>(MARK, new Mark(source(), mark), now));
                    broadcastMark = mark;
                }
            });
        }

        private int source() {
            return sourceOf.applyAsInt(context);
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            EventInput.Read read = EventInput.read(record.key(), record.value(), record.headers());
            if (read instanceof EventInput.Refused r) {
                reject(r.key(), r.rejection(), record.timestamp());
            } else if (read instanceof EventInput.Clock c) {
                advance(c.at());
                context.forward(new Record<>(MARK, new Mark(source(), clocks.get(MARK)), record.timestamp()));
            } else if (read instanceof EventInput.Accepted a) {
                accept(a.key(), a.event(), record.timestamp());
            }
        }

        private void accept(String key, Event event, long timestamp) {
            Instant run = clocks.get(LAST_RUN);
            Instant mark = clocks.get(MARK);
            if (run != null && !event.at().isAfter(run)) {
                reject(key, rejection(event, RejectionCode.LATE_EVENT, "is not after the latest payout run at " + run), timestamp);
                return;
            }
            if (mark != null && event.at().isBefore(mark)) {
                reject(key, rejection(event, RejectionCode.OUT_OF_ORDER, "is out of order"), timestamp);
                return;
            }
            // leads, refunds and partner changes mean nothing to the toy
            if (event instanceof Touch t) {
                customers.put(t.customer(), t.partner());
            } else if (event instanceof Payment p) {
                String partner = customers.get(p.customer());
                if (partner != null) {
                    context.forward(new Record<>(partner, new Credit(source(), p.at(), p.id(), partner,
                            p.currency().getCurrencyCode(), p.money().toMinorUnits()), timestamp));
                }
            } else if (event instanceof PayoutRun r) {
                clocks.put(LAST_RUN, r.at());
                context.forward(new Record<>(r.id(), new Run(source(), r.at(), r.id()), timestamp));
            }
            advance(event.at());
        }

        private void advance(Instant at) {
            Instant mark = clocks.get(MARK);
            if (mark == null || at.isAfter(mark)) {
                clocks.put(MARK, at);
            }
        }

        private static Rejection rejection(Event event, RejectionCode code, String problem) {
            return ImmutableRejection.builder().event(event.id()).code(code).message("at " + event.at() + " " + problem).build();
        }

        private void reject(String key, Rejection rejection, long timestamp) {
            context.forward(new Record<>(key, new Rejected(rejection), timestamp));
        }
    }

    /** Stage 2, keyed by partner. */
    private static final class PartnerStage implements Processor<String, Attributed, String, String> {
        private final int sourcePartitions;
        private ProcessorContext<String, String> context;
        private KeyValueStore<String, PartnerState> partners;
        private EventTimeSequencer sequencer;

        PartnerStage(int sourcePartitions) {
            this.sourcePartitions = sourcePartitions;
        }

        @Override
        public void init(ProcessorContext<String, String> context) {
            this.context = context;
            this.partners = context.getStateStore(PARTNERS);
            KeyValueStore<Bytes, byte[]> buffer = context.getStateStore(BUFFER);
            KeyValueStore<Integer, Instant> marks = context.getStateStore(MARKS);
            this.sequencer = new EventTimeSequencer(buffer, marks, sourcePartitions);
        }

        @Override
        public void process(Record<String, Attributed> record) {
            Attributed a = record.value();
            // credits sort before a run of the same instant; a mark is a promise only
            if (a instanceof Credit c) {
                sequencer.offer(c.at(), "1/" + c.event() + "/" + c.partner(), ATTRIBUTED.toBytes(c));
            } else if (a instanceof Run r) {
                // the copies from every source are one run: same key, same payload
                sequencer.offer(r.at(), "2/" + r.event(), ATTRIBUTED.toBytes(new Run(0, r.at(), r.event())));
            }
            sequencer.advance(a.source(), a.at());
            for (byte[] due : sequencer.release()) {
                Attributed next = ATTRIBUTED.fromBytes(due);
                if (next instanceof Credit c) {
                    credit(c, record.timestamp());
                } else if (next instanceof Run r) {
                    payout(r, record.timestamp());
                } else {
                    throw new IllegalStateException("a mark is never buffered: " + next);
                }
            }
        }

        private void credit(Credit c, long timestamp) {
            PartnerState s = partners.get(c.partner());
            int credits = (s == null ? 0 : s.credits()) + 1;
            Map<String, Long> unpaid = new TreeMap<>(s == null ? Map.of() : s.unpaid());
            long earned = c.minor() * (credits <= 2 ? 10 : 20) / 100;
            unpaid.merge(c.currency(), earned, Long::sum);
            partners.put(c.partner(), new PartnerState(credits, unpaid));
            context.forward(new Record<>(c.partner(), "entry " + ShapeReference.entry(c.event(), c.partner(), c.currency(), earned),
                    timestamp));
        }

        private void payout(Run r, long timestamp) {
            List<KeyValue<String, PartnerState>> paid = new ArrayList<>();
            try (KeyValueIterator<String, PartnerState> it = partners.all()) {
                while (it.hasNext()) {
                    KeyValue<String, PartnerState> kv = it.next();
                    kv.value.unpaid().forEach((currency, sum) -> {
                        if (sum > 0) {
                            context.forward(new Record<>(kv.key, "payout " + ShapeReference.payout(r.event(), kv.key, currency, sum),
                                    timestamp));
                        }
                    });
                    if (kv.value.unpaid().values().stream().anyMatch(v -> v > 0)) {
                        paid.add(kv);
                    }
                }
            }
            for (KeyValue<String, PartnerState> kv : paid) {
                Map<String, Long> left = new TreeMap<>(kv.value.unpaid());
                left.replaceAll((currency, sum) -> sum > 0 ? 0L : sum);
                partners.put(kv.key, new PartnerState(kv.value.credits(), left));
            }
        }
    }
}
