package dev.referralkit.kafka;

import dev.referralkit.RejectionCode;
import dev.referralkit.event.Event;
import dev.referralkit.event.Payment;
import dev.referralkit.event.PayoutRun;
import dev.referralkit.event.Touch;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.kafka.Ingest.Sequenced;
import dev.referralkit.ledger.ImmutableRejection;
import dev.referralkit.ledger.Rejection;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
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
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * A test topology with the shape of ReferralKit's, a toy in place of the engine, to prove the
 * module's infrastructure on real Kafka components before the engine's stages are wired in.
 *
 * <p>Shape: the one-partition ingest topic → {@link Ingest} (positions; keyed records to their
 * customer's partition, keyless ones and marks to every partition) → the <b>customer stage</b>, a
 * processor over persistent stores (customer → partner of the last touch and last event time; the
 * partition's latest payout run) that sends bad records to the rejections topic → attributed
 * records on a repartition topic keyed by partner, payout runs and marks <b>broadcast</b> to every
 * partition → the <b>partner stage</b>, a processor over persistent stores (per-partner state, and
 * the {@link Sequencer}'s buffer and marks) → entries and payouts topics keyed by partner.
 *
 * <p>Toy rules, order-sensitive on purpose like tiers: an event earlier than its customer's last is
 * {@code OUT_OF_ORDER}, one not after the last payout run {@code LATE_EVENT}; a payment of a touched
 * customer credits the partner of the last touch; a partner's first two credits earn 10 % of the
 * amount in minor units, later ones 20 % (rounded down); a payout run pays every partner its unpaid
 * sum per currency. {@link ShapeReference} computes the same in one JVM.
 */
final class ShapeTopology {
    static final String CUSTOMERS = "shape-customers";
    static final String RUNS = "shape-runs";
    static final String PARTNERS = "shape-partners";
    static final String BUFFER = "shape-buffer";
    static final String MARKS = "shape-marks";
    static final String REPARTITION = "shape-attributed";
    static final Duration MARK_INTERVAL = Duration.ofMillis(50);
    /** The routing key of records for every partner partition. */
    static final String EVERY_PARTITION = "*";

    private ShapeTopology() {
    }

    /** The topics a host sees. */
    record Topics(String ingest, String entries, String payouts, String rejections) {
        static Topics standard() {
            return new Topics("ingest", "entries", "payouts", "rejections");
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

        /** @return its input position; also the sender's promise that nothing earlier follows */
        long position();
    }

    record Credit(int source, long position, String event, String partner, String currency, long minor) implements Attributed {
    }

    record Run(int source, long position, String event) implements Attributed {
    }

    record Mark(int source, long position) implements Attributed {
    }

    static final VersionedSerde<Attributed> ATTRIBUTED = VersionedSerde.of("attributed record", 1, (a, out) -> {
        if (a instanceof Credit c) {
            out.writeByte('C');
            out.writeInt(c.source());
            out.writeLong(c.position());
            out.writeUTF(c.event());
            out.writeUTF(c.partner());
            out.writeUTF(c.currency());
            out.writeLong(c.minor());
        } else if (a instanceof Run r) {
            out.writeByte('R');
            out.writeInt(r.source());
            out.writeLong(r.position());
            out.writeUTF(r.event());
        } else {
            out.writeByte('M');
            out.writeInt(a.source());
            out.writeLong(a.position());
        }
    }, in -> {
        int tag = in.readByte();
        return switch (tag) {
            case 'C' -> new Credit(in.readInt(), in.readLong(), in.readUTF(), in.readUTF(), in.readUTF(), in.readLong());
            case 'R' -> new Run(in.readInt(), in.readLong(), in.readUTF());
            case 'M' -> new Mark(in.readInt(), in.readLong());
            default -> throw new IOException("record tag " + tag + " is not C, R or M");
        };
    });

    /** A customer's record: the partner of the last touch (if any) and the time of the last event. */
    record CustomerState(String partner, Instant last) {
    }

    static final VersionedSerde<CustomerState> CUSTOMER_STATE = VersionedSerde.of("customer record", 1, (c, out) -> {
        out.writeBoolean(c.partner() != null);
        if (c.partner() != null) {
            out.writeUTF(c.partner());
        }
        writeInstant(out, c.last());
    }, in -> new CustomerState(in.readBoolean() ? in.readUTF() : null, readInstant(in)));

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

    static final VersionedSerde<Instant> INSTANT = VersionedSerde.of("instant", 1, (at, out) -> writeInstant(out, at),
            ShapeTopology::readInstant);

    /** Payout runs and marks go to every partner partition; credits to their partner's partition. */
    static final Broadcast<String, Attributed> PARTITIONER = Broadcast.when(a -> !(a instanceof Credit));

    private static void writeInstant(DataOutput out, Instant at) throws IOException {
        out.writeLong(at.getEpochSecond());
        out.writeInt(at.getNano());
    }

    private static Instant readInstant(DataInput in) throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }

    /**
     * The whole topology, as an application runs it.
     *
     * @param topics     the topics
     * @param partitions how many customer and partner partitions
     * @param kind       where the stores keep their data
     * @return the topology
     */
    static Topology build(Topics topics, int partitions, StoreKind kind) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<byte[], Sequenced> events = Ingest.sequenced(builder, topics.ingest(), partitions, MARK_INTERVAL);
        KStream<String, Attributed> attributed = customerStage(builder, events, topics, kind, ctx -> ctx.taskId().partition())
                .repartition(Repartitioned.<String, Attributed>as(REPARTITION)
                        .withKeySerde(Serdes.String()).withValueSerde(ATTRIBUTED).withStreamPartitioner(PARTITIONER));
        partnerStage(builder, attributed, topics, partitions, kind);
        return builder.build();
    }

    /** @return the router alone, from the ingest topic to {@code through} */
    static Topology routerOnly(Topics topics, String through) {
        StreamsBuilder builder = new StreamsBuilder();
        Ingest.routerOnly(builder, topics.ingest(), through, MARK_INTERVAL);
        return builder.build();
    }

    /** @return the customer stage alone, from {@code from} to {@code through}, playing partition {@code source} */
    static Topology customerStageOnly(Topics topics, String from, String through, int source, StoreKind kind) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<byte[], Sequenced> events = builder.stream(from, Consumed.with(Serdes.ByteArray(), Ingest.SERDE));
        customerStage(builder, events, topics, kind, ctx -> source)
                .to(through, Produced.with(Serdes.String(), ATTRIBUTED).withStreamPartitioner(PARTITIONER));
        return builder.build();
    }

    /** @return the partner stage alone, reading {@code through} from {@code sources} customer partitions */
    static Topology partnerStageOnly(Topics topics, String through, int sources, StoreKind kind) {
        StreamsBuilder builder = new StreamsBuilder();
        partnerStage(builder, builder.stream(through, Consumed.with(Serdes.String(), ATTRIBUTED)), topics, sources, kind);
        return builder.build();
    }

    private static KStream<String, Attributed> customerStage(StreamsBuilder builder, KStream<byte[], Sequenced> events,
            Topics topics, StoreKind kind, ToIntFunction<ProcessorContext<String, Out>> sourceOf) {
        builder.addStateStore(Stores.keyValueStoreBuilder(kind.supplier(CUSTOMERS), Serdes.String(), CUSTOMER_STATE));
        builder.addStateStore(Stores.keyValueStoreBuilder(kind.supplier(RUNS), Serdes.String(), INSTANT));
        KStream<String, Out> out = events.process(() -> new CustomerStage(sourceOf), Named.as("customer-stage"), CUSTOMERS, RUNS);
        out.filter((k, v) -> v instanceof Rejected, Named.as("rejected"))
                .mapValues(v -> ReferralKitJson.write(((Rejected) v).rejection()), Named.as("rejection-json"))
                .to(topics.rejections(), Produced.with(Serdes.String(), Serdes.String()));
        return out.filter((k, v) -> v instanceof Attributed, Named.as("attributed"))
                .mapValues(v -> (Attributed) v, Named.as("as-attributed"));
    }

    private static void partnerStage(StreamsBuilder builder, KStream<String, Attributed> attributed, Topics topics,
            int sources, StoreKind kind) {
        builder.addStateStore(Stores.keyValueStoreBuilder(kind.supplier(PARTNERS), Serdes.String(), PARTNER_STATE));
        builder.addStateStore(Sequencer.bufferStore(BUFFER, kind));
        builder.addStateStore(Sequencer.marksStore(MARKS, kind));
        KStream<String, String> out = attributed.process(() -> new PartnerStage(sources), Named.as("partner-stage"),
                PARTNERS, BUFFER, MARKS);
        out.filter((k, v) -> v.startsWith("entry "), Named.as("entries"))
                .mapValues(v -> v.substring("entry ".length()), Named.as("entry-text"))
                .to(topics.entries(), Produced.with(Serdes.String(), Serdes.String()));
        out.filter((k, v) -> v.startsWith("payout "), Named.as("payouts"))
                .mapValues(v -> v.substring("payout ".length()), Named.as("payout-text"))
                .to(topics.payouts(), Produced.with(Serdes.String(), Serdes.String()));
    }

    /** Stage 1, keyed by customer. */
    private static final class CustomerStage implements Processor<byte[], Sequenced, String, Out> {
        private static final String LAST_RUN = "run";
        private final ToIntFunction<ProcessorContext<String, Out>> sourceOf;
        private ProcessorContext<String, Out> context;
        private KeyValueStore<String, CustomerState> customers;
        private KeyValueStore<String, Instant> runs;

        CustomerStage(ToIntFunction<ProcessorContext<String, Out>> sourceOf) {
            this.sourceOf = sourceOf;
        }

        @Override
        public void init(ProcessorContext<String, Out> context) {
            this.context = context;
            this.customers = context.getStateStore(CUSTOMERS);
            this.runs = context.getStateStore(RUNS);
        }

        private int source() {
            return sourceOf.applyAsInt(context);
        }

        @Override
        public void process(Record<byte[], Sequenced> record) {
            Sequenced in = record.value();
            if (in.kind() == Ingest.Kind.MARK) {
                context.forward(new Record<>(EVERY_PARTITION, new Mark(source(), in.position()), record.timestamp()));
                return;
            }
            // a record for every partition is read by every partition alike: one of them reports its rejection
            boolean reports = !in.everyPartition() || source() == 0;
            EventInput.Read read = EventInput.read(in.key(), in.value());
            if (read instanceof EventInput.Refused r) {
                if (reports) {
                    context.forward(new Record<>(r.key(), new Rejected(r.rejection()), record.timestamp()));
                }
                return;
            }
            Event event = ((EventInput.Accepted) read).event();
            String customer = event.customerId().orElse(null);
            CustomerState state = customer == null ? null : customers.get(customer);
            Instant run = runs.get(LAST_RUN);
            Rejection refused = null;
            if (run != null && !event.at().isAfter(run)) {
                refused = rejection(event, RejectionCode.LATE_EVENT, "is not after the latest payout run at " + run);
            } else if (state != null && event.at().isBefore(state.last())) {
                refused = rejection(event, RejectionCode.OUT_OF_ORDER, "is before the customer's last event at " + state.last());
            }
            if (refused != null) {
                if (reports) {
                    context.forward(new Record<>(customer, new Rejected(refused), record.timestamp()));
                }
                return;
            }
            // leads, refunds and partner changes mean nothing to the toy
            String partner = state == null ? null : state.partner();
            if (event instanceof Touch t) {
                partner = t.partner();
            } else if (event instanceof Payment p && partner != null) {
                context.forward(new Record<>(partner, new Credit(source(), in.position(), p.id(), partner,
                        p.currency().getCurrencyCode(), p.money().toMinorUnits()), record.timestamp()));
            } else if (event instanceof PayoutRun r) {
                runs.put(LAST_RUN, r.at());
                context.forward(new Record<>(EVERY_PARTITION, new Run(source(), in.position(), r.id()), record.timestamp()));
            }
            if (customer != null) {
                customers.put(customer, new CustomerState(partner, event.at()));
            }
        }

        private static Rejection rejection(Event event, RejectionCode code, String problem) {
            return ImmutableRejection.builder().event(event.id()).code(code).message("at " + event.at() + " " + problem).build();
        }
    }

    /** Stage 2, keyed by partner. */
    private static final class PartnerStage implements Processor<String, Attributed, String, String> {
        private final int sources;
        private ProcessorContext<String, String> context;
        private KeyValueStore<String, PartnerState> partners;
        private Sequencer sequencer;

        PartnerStage(int sources) {
            this.sources = sources;
        }

        @Override
        public void init(ProcessorContext<String, String> context) {
            this.context = context;
            this.partners = context.getStateStore(PARTNERS);
            KeyValueStore<Bytes, byte[]> buffer = context.getStateStore(BUFFER);
            KeyValueStore<Integer, Long> marks = context.getStateStore(MARKS);
            this.sequencer = new Sequencer(buffer, marks, sources);
        }

        @Override
        public void process(Record<String, Attributed> record) {
            Attributed a = record.value();
            // a mark is a promise only
            if (a instanceof Credit c) {
                sequencer.offer(c.position(), "credit/" + c.partner(), ATTRIBUTED.toBytes(c));
            } else if (a instanceof Run r) {
                // the copies from every source are one run: same key, same payload
                sequencer.offer(r.position(), "run", ATTRIBUTED.toBytes(new Run(0, r.position(), r.event())));
            }
            sequencer.advance(a.source(), a.position());
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
