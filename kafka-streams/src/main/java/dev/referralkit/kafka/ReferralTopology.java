package dev.referralkit.kafka;

import dev.referralkit.binding.BindingModels;
import dev.referralkit.engine.ReferralProgram;
import dev.referralkit.engine.stage.PartnerChanges;
import dev.referralkit.engine.state.StateStore;
import dev.referralkit.kafka.Ingest.Sequenced;
import dev.referralkit.program.Partner;
import dev.referralkit.program.Program;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * The topology factory: ReferralKit's two stages as a Kafka Streams application, giving the entries and
 * payouts of one {@code ReferralEngine} over any number of partitions.
 *
 * <pre>{@code
 * ReferralTopology app = ReferralTopology.builder(program, partners).partitions(8).build();
 * // create app.topicsToCreate() (name -> partitions) once, then on every instance:
 * KafkaStreams streams = new KafkaStreams(app.topology(), app.streamsConfig("referrals", "broker:9092"));
 * streams.start();
 * }</pre>
 *
 * <h2>Topics and keys</h2>
 * <table>
 * <caption>what flows where</caption>
 * <tr><th>topic</th><th>partitions</th><th>key</th><th>value</th></tr>
 * <tr><td>ingest (the host's)</td><td>1</td><td>customer id; none for payout runs, partner changes, registrations
 *     and their decisions</td>
 *     <td>one event, FORMATS.md §2 JSON, in processing order</td></tr>
 * <tr><td>{@code <app>-events-repartition}</td><td>N</td><td>customer id</td><td>position + record; unkeyed
 *     records and marks to every partition</td></tr>
 * <tr><td>{@code <app>-attributed-repartition}</td><td>N</td><td>partner id</td><td>{@code PartnerMessage}s
 *     with position and index; accepted unkeyed events and marks to every partition</td></tr>
 * <tr><td>bookings (the host creates it)</td><td>N</td><td>partner id</td><td>parent shares and reversals for
 *     another partner's partition; "closed" of a payout run to every partition</td></tr>
 * <tr><td>entries, payouts</td><td>any</td><td>partner id</td><td>FORMATS.md §3 JSON</td></tr>
 * <tr><td>rejections</td><td>any</td><td>the input key (customer id, or none)</td><td>FORMATS.md §3 JSON</td></tr>
 * <tr><td>bindings (optional)</td><td>any</td><td>customer id</td><td>FORMATS.md §3 JSON</td></tr>
 * <tr><td>notifications (optional)</td><td>any</td><td>partner id</td><td>a partner notification (docs/lifecycle.md
 *     §5): {@code "type"} then its fields, entries and payouts as FORMATS.md §3 JSON</td></tr>
 * </table>
 * Registrations and their decisions name no customer: like partner changes they are unkeyed, and every
 * customer partition keeps every registration (a binding in any partition may need one). Level reviews
 * run in the partner stage at payout runs; a customer partition's copy of a partner keeps the group of
 * its definition, which the customer stage reads only to decide a missing exchange rate
 * ({@code MISSING_FX_RATE}) — with levels whose groups' plans differ in converting currencies, give the
 * program every rate it needs.
 * Internal topics and state stores hold versioned binary records (a format version byte first,
 * {@link VersionedSerde}, {@code MessageCodec}, {@code RecordCodec}); output topics hold FORMATS.md JSON,
 * whose rule is FORMATS.md's: extended, never broken.
 *
 * <h2>How, and why it gives the single engine's answer</h2>
 * <ol>
 *   <li><b>Order.</b> SPEC §3 processes events in the order given, and both stages depend on it. The
 *       host writes every event to a one-partition ingest topic: its offsets are the order. A router
 *       (one task, no parsing, no state) stamps each record with its offset, its <em>position</em>,
 *       and sends it to its customer's partition, or to every partition when it has no key
 *       ({@code Ingest}).</li>
 *   <li><b>Customer stage</b> ({@code CustomerProcessor}): each customer partition runs the engine's
 *       customer side over its own store (a Kafka key-value store holding the engine's records:
 *       {@code engine}, {@code event} ids, {@code customer}s, {@code payment}s and a copy of the
 *       partners), in position order, exactly as {@code ReferralEngine.process} does: idempotency and
 *       lateness, references, ordering, binding, the allocation of a payment over its credits, and every
 *       rejection, {@code MISSING_FX_RATE} included. A payout run and a partner change reach every
 *       customer partition, which each keep the latest run (for {@code LATE_EVENT}) and the partners.
 *       Every accepted event's {@code PartnerMessage}s go to their partner's partition, in the order the
 *       stage made them (position, index).</li>
 *   <li><b>Partner stage</b> ({@code PartnerProcessor}): a partner partition receives messages from every
 *       customer partition, interleaved by timing. A {@code Sequencer} holds them in a store ordered by
 *       (position, index) and releases them only when every customer partition has promised that
 *       nothing earlier follows (every record it sends is such a promise, and the router's periodic
 *       marks speak for idle partitions). Released messages run through {@code PartnerStage.apply} in the
 *       single engine's order.</li>
 *   <li><b>Parent shares</b>: an entry's shares are made by the stage of the partner whose entry it is
 *       ({@code PartnerMessage.Booked}). A share for a partner of the same partition is booked at once,
 *       depth-first, as in one process; one for another partition goes there on the bookings topic and is
 *       booked when it arrives. Booking only opens an entry in the ancestor's book, so its moment matters
 *       to one thing only: which payout run settles it; the next point says why the right one does.</li>
 *   <li><b>Payout runs reach every partition, in two rounds.</b> In one process a run closes every
 *       partner's periods (in id order) and then pays every partner, and a share booked while closing is
 *       paid in the same run. Released at its position, a run makes each partner partition close its own
 *       partners, send the shares that made, and then tell every partner partition "closed" on the
 *       bookings topic, after everything it sent before. A partition pays its partners only when every
 *       partition has said "closed", and processes nothing after the run until then. Kafka keeps each
 *       writer's order within a partition, so by then every share made before the run, or while closing
 *       it, has been booked: the run settles exactly the entries it settles in one process. A share that
 *       arrives early, from an event after the run, is available only after the run (every accepted event
 *       is after the latest run), so no run settles it too soon.</li>
 *   <li><b>Exactly once.</b> Every stage keeps its state in changelogged stores and runs under
 *       {@code processing.guarantee=exactly_once_v2} ({@link #streamsConfig}): the output, the store
 *       changes and the input offsets of a task commit together, so an instance that stops mid-stream
 *       loses and duplicates nothing.</li>
 * </ol>
 * <p>With one partition, the entries, payouts and rejections are those of {@code ReferralEngine}, in the
 * same order. With N, the same, each entries and payouts partition in its own order; a payout lists the
 * same entries, possibly in another order where a share crossed partitions (the list is in booking order).
 *
 * <h2>Decisions</h2>
 * <ul>
 *   <li><b>A refund names its customer.</b> A refund names a payment, which lives in its customer's
 *       partition. Resolving the customer through a store keyed by payment would need one more
 *       repartition and a second ordering problem (the refund would reach its customer's partition out of
 *       position order). The host wrote the payment and knows its customer, so the topology requires
 *       {@code customer} on a refund (extension of FORMATS.md §2, checked against the payment as in one
 *       process); a refund without it goes to the rejections topic ({@code INVALID_EVENT}, field
 *       {@code customer}), never to every partition.</li>
 *   <li><b>Event ids are remembered per customer partition.</b> An event is checked for {@code DUPLICATE}
 *       against the ids its own partition accepted. A re-delivery always lands where the original did (same
 *       customer, or every partition for an unkeyed event), so re-deliveries are caught as in one process.
 *       An id reused by <em>another</em> customer in another partition is not: SPEC §3 requires ids to be
 *       unique within a program, and checking it across partitions would need every event to visit a
 *       partition keyed by its id and come back, before the customer stage could decide. In the same way, a
 *       payout run or partner change that reuses a customer event's id is refused by that customer's
 *       partition only: keep ids unique.</li>
 *   <li><b>Rejections are keyed by the input key</b> (the customer), not by partner: a rejection is about
 *       an event, and most rejected events credit no partner. The partner stage never refuses what the
 *       customer stage accepted; if it ever did, that is reported on the rejections topic, keyed by
 *       partner, and logged as an error.</li>
 *   <li><b>The initial partners</b> are given to the factory and put into every stage's store when a task
 *       starts, as {@code ReferralEngine.create} does; {@code partner} events change every copy at their
 *       position. The partners' own plans (which volumes are tracked) are read from the initial list, as
 *       one engine does for its lifetime.</li>
 * </ul>
 *
 * <h2>What grows with what</h2>
 * <p><b>State:</b> the customer stage's stores grow with customers (a {@code customer} record each) and
 * payments (a {@code payment} record each, dropped after the refund window), spread over N partitions;
 * every customer and partner partition also holds all partners. The partner stage's grow with partners
 * (books, volumes, caps, unsettled entries) and with payments (an {@code earning} per credited partner).
 * {@code benchmarks/README.md} gives the bytes per customer and per payment. <b>Throughput:</b> the router
 * is one task and bounds the whole topology (copying bytes); the customer stage scales with N; a partner
 * partition waits for the slowest customer partition, and a payout run costs one more hop through the
 * bookings topic (one commit interval under exactly-once).
 */
public final class ReferralTopology {
    /** The customer stage's store. */
    static final String CUSTOMERS = "referralkit-customers";
    /** The partner stage's store. */
    static final String PARTNERS = "referralkit-partners";
    /** The partner stage's sequencer (buffer and marks), payout-run rounds and refund-window index. */
    static final String CONTROL = "referralkit-partner-control";
    /** Default interval of the router's marks. */
    public static final Duration DEFAULT_MARK_INTERVAL = Duration.ofMillis(100);

    private final Settings settings;

    private ReferralTopology(Settings settings) {
        this.settings = settings;
    }

    /**
     * The topics a host sees. Every name must be distinct.
     *
     * @param ingest     the host's input topic, exactly one partition
     * @param bookings   shares and payout-run rounds between partner partitions; exactly N partitions; the host
     *                   creates it (Kafka Streams creates only its internal topics)
     * @param entries    entries, keyed by partner
     * @param payouts    payouts, keyed by partner
     * @param rejections    rejections, keyed by the input key
     * @param bindings      bindings, keyed by customer, if wanted
     * @param notifications partner notifications (docs/lifecycle.md §5), keyed by partner, if wanted
     */
    public record Topics(String ingest, String bookings, String entries, String payouts, String rejections,
                         Optional<String> bindings, Optional<String> notifications) {
        /**
         * Topics without a notifications topic.
         *
         * @param ingest     the host's input topic
         * @param bookings   between partner partitions
         * @param entries    entries
         * @param payouts    payouts
         * @param rejections rejections
         * @param bindings   bindings, if wanted
         */
        public Topics(String ingest, String bookings, String entries, String payouts, String rejections, Optional<String> bindings) {
            this(ingest, bookings, entries, payouts, rejections, bindings, Optional.empty());
        }

        /** Checks the names. */
        public Topics {
            Objects.requireNonNull(bindings, "bindings");
            Objects.requireNonNull(notifications, "notifications");
            Set<String> names = new TreeSet<>();
            for (String name : List.of(ingest, bookings, entries, payouts, rejections)) {
                if (name == null || name.isBlank()) {
                    throw new IllegalArgumentException("a topic name must not be blank");
                }
                if (!names.add(name)) {
                    throw new IllegalArgumentException("topic " + name + " is named twice: every topic needs its own name");
                }
            }
            if (bindings.isPresent() && !names.add(bindings.get())) {
                throw new IllegalArgumentException("topic " + bindings.get() + " is named twice: every topic needs its own name");
            }
            if (notifications.isPresent() && !names.add(notifications.get())) {
                throw new IllegalArgumentException("topic " + notifications.get() + " is named twice: every topic needs its own name");
            }
        }

        /**
         * @param prefix put before every name, e.g. {@code "referrals."}
         * @return {@code <prefix>ingest}, {@code bookings}, {@code entries}, {@code payouts}, {@code rejections},
         *         {@code bindings} and {@code notifications}
         */
        public static Topics withPrefix(String prefix) {
            return new Topics(prefix + "ingest", prefix + "bookings", prefix + "entries", prefix + "payouts", prefix + "rejections",
                    Optional.of(prefix + "bindings"), Optional.of(prefix + "notifications"));
        }

        /** @return the same topics without a bindings topic */
        public Topics withoutBindings() {
            return new Topics(ingest, bookings, entries, payouts, rejections, Optional.empty(), notifications);
        }

        /** @return the same topics without a notifications topic */
        public Topics withoutNotifications() {
            return new Topics(ingest, bookings, entries, payouts, rejections, bindings, Optional.empty());
        }
    }

    /**
     * A builder for a program and its initial partners.
     *
     * @param program  the program
     * @param partners its initial partners (more join through {@code partner} events)
     * @return the builder: 1 partition, topics prefixed {@code referralkit-}, RocksDB stores
     */
    public static Builder builder(Program program, List<Partner> partners) {
        return new Builder(program, partners);
    }

    /**
     * @param program the program and its partners
     * @return the builder
     */
    public static Builder builder(ReferralProgram program) {
        return builder(program.program(), program.partners());
    }

    /** Builds a {@link ReferralTopology}. Not thread-safe. */
    public static final class Builder {
        private final Program program;
        private final List<Partner> partners;
        private int partitions = 1;
        private Topics topics = Topics.withPrefix("referralkit-");
        private StoreKind stores = StoreKind.PERSISTENT;
        private Duration markInterval = DEFAULT_MARK_INTERVAL;

        private Builder(Program program, List<Partner> partners) {
            this.program = Objects.requireNonNull(program, "program");
            this.partners = List.copyOf(partners);
        }

        /**
         * @param n how many customer and partner partitions (tasks of each stage), 1 to 10,000; fixed for the
         *          application's life (state is partitioned by it)
         * @return this builder
         */
        public Builder partitions(int n) {
            if (n < 1 || n > 10_000) {
                throw new IllegalArgumentException("partitions " + n + " is outside 1-10000");
            }
            this.partitions = n;
            return this;
        }

        /**
         * @param topics the topics
         * @return this builder
         */
        public Builder topics(Topics topics) {
            this.topics = Objects.requireNonNull(topics, "topics");
            return this;
        }

        /**
         * @param kind where the stores keep their data
         * @return this builder
         */
        public Builder stores(StoreKind kind) {
            this.stores = Objects.requireNonNull(kind, "kind");
            return this;
        }

        /**
         * @param interval how often the router promises idle partitions' progress (wall clock); a partner
         *                 partition waits at most about this long for a customer partition without traffic
         * @return this builder
         */
        public Builder markInterval(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("mark interval " + interval + " must be positive");
            }
            this.markInterval = interval;
            return this;
        }

        /**
         * @return the topology factory's result
         * @throws dev.referralkit.ReferralKitException {@code INVALID_PROGRAM} as {@code ReferralEngine.create}
         */
        public ReferralTopology build() {
            program.validate();
            BindingModels.named(program.attribution().model());
            PartnerChanges.checkInitial(program, partners);
            return new ReferralTopology(new Settings(program, partners, partitions, topics, stores, markInterval));
        }
    }

    /** @return the topology, for {@code new KafkaStreams(topology, config)} */
    public Topology topology() {
        return build(settings);
    }

    /**
     * The topics the host creates before the first instance starts (Kafka Streams creates its internal
     * repartition and changelog topics itself).
     *
     * @return topic name → partition count: the ingest topic 1, every other N
     */
    public Map<String, Integer> topicsToCreate() {
        Map<String, Integer> topics = new LinkedHashMap<>();
        Topics t = settings.topics();
        topics.put(t.ingest(), 1);
        topics.put(t.bookings(), settings.partitions());
        topics.put(t.entries(), settings.partitions());
        topics.put(t.payouts(), settings.partitions());
        topics.put(t.rejections(), settings.partitions());
        t.bindings().ifPresent(b -> topics.put(b, settings.partitions()));
        t.notifications().ifPresent(n -> topics.put(n, settings.partitions()));
        return topics;
    }

    /**
     * The configuration every instance needs: {@code processing.guarantee=exactly_once_v2}, the
     * application id and the brokers. Add the rest (state directory, threads, replication factor) to it.
     *
     * @param applicationId    the application id, the same on every instance
     * @param bootstrapServers the brokers
     * @return the properties
     */
    public Properties streamsConfig(String applicationId, String bootstrapServers) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        return props;
    }

    /** @return the topics */
    public Topics topics() {
        return settings.topics();
    }

    /** @return how many partitions each stage has */
    public int partitions() {
        return settings.partitions();
    }

    /** Everything a stage needs to know. */
    record Settings(Program program, List<Partner> partners, int partitions, Topics topics, StoreKind stores, Duration markInterval) {
        /** @return the partner partition of a partner: the producer's default partition of its id as key */
        int partitionOf(String partner) {
            return partitionOf(partner, partitions);
        }

        static int partitionOf(String key, int partitions) {
            return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
        }

        /** Puts the initial partners not yet in a stage's store, as {@code ReferralEngine.open} does. */
        void addInitialPartners(StateStore store) {
            // as ReferralEngine.open: the program's fingerprints, then the partners not yet stored, placed at their level
            dev.referralkit.engine.ReferralEngine.prepare(program, partners, store);
        }
    }

    /**
     * The partner stage's store names.
     *
     * @param state   the engine's records
     * @param control the sequencer's buffer and marks, payout-run rounds and the refund-window index
     */
    record StoreNames(String state, String control) {
        static StoreNames suffixed(String suffix) {
            return new StoreNames(PARTNERS + suffix, CONTROL + suffix);
        }
    }

    static Topology build(Settings s) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<byte[], Sequenced> events = Ingest.sequenced(builder, s.topics().ingest(), s.partitions(), s.markInterval());
        KStream<String, Staged> attributed = customerStage(builder, events, s, "", -1)
                .repartition(Repartitioned.<String, Staged>as("attributed").withKeySerde(Serdes.String())
                        .withValueSerde(Staged.SERDE).withStreamPartitioner(Staged.PARTITIONER).withNumberOfPartitions(s.partitions()));
        KStream<String, Staged> bookings = builder.stream(s.topics().bookings(),
                Consumed.with(Serdes.String(), Staged.SERDE).withName("bookings"));
        partnerStage(builder, attributed.merge(bookings, Named.as("to-partner-stage")), s, "", -1)
                .to(s.topics().bookings(), Produced.with(Serdes.String(), Staged.SERDE).withName("bookings-out")
                        .withStreamPartitioner(checked(s.topics().bookings(), s.partitions())));
        return builder.build();
    }

    /** The bookings topic must have the partner stage's partitions: a share goes to its partner's task. */
    private static StreamPartitioner<String, Staged> checked(String topic, int partitions) {
        return new StreamPartitioner<>() {
            @Override
            public Optional<Set<Integer>> partitions(String t, String key, Staged value, int numPartitions) {
                if (numPartitions != partitions) {
                    throw new IllegalStateException("topic " + topic + " has " + numPartitions + " partitions; the topology was built for "
                            + partitions + ", and a share must reach its partner's task: create it with " + partitions + " partitions");
                }
                return Staged.PARTITIONER.partitions(t, key, value, numPartitions);
            }
        };
    }

    /**
     * The customer stage over a stream of sequenced records.
     *
     * @param builder        the builder
     * @param events         the sequenced records
     * @param s              the settings
     * @param suffix         appended to store and processor names (several stages in one test topology)
     * @param fixedPartition the partition played, or -1 for the task's partition
     * @return the records for the partner stage, not yet routed
     */
    static KStream<String, Staged> customerStage(StreamsBuilder builder, KStream<byte[], Sequenced> events, Settings s, String suffix,
            int fixedPartition) {
        String store = CUSTOMERS + suffix;
        builder.addStateStore(KafkaStateStore.builder(store, s.stores()));
        KStream<String, CustomerProcessor.Out> out = events.process(() -> new CustomerProcessor(s, store, fixedPartition),
                Named.as("customer-stage" + suffix), store);
        out.filter((k, v) -> v instanceof CustomerProcessor.Emit e && e.topic() == CustomerProcessor.Topic.REJECTIONS,
                        Named.as("customer-rejections" + suffix))
                .mapValues(v -> ((CustomerProcessor.Emit) v).json(), Named.as("customer-rejection-json" + suffix))
                .to(s.topics().rejections(), Produced.with(Serdes.String(), Serdes.String()).withName("customer-rejections-out" + suffix));
        s.topics().bindings().ifPresent(topic -> out
                .filter((k, v) -> v instanceof CustomerProcessor.Emit e && e.topic() == CustomerProcessor.Topic.BINDINGS,
                        Named.as("bindings" + suffix))
                .mapValues(v -> ((CustomerProcessor.Emit) v).json(), Named.as("binding-json" + suffix))
                .to(topic, Produced.with(Serdes.String(), Serdes.String()).withName("bindings-out" + suffix)));
        return out.filter((k, v) -> v instanceof CustomerProcessor.Forward, Named.as("to-partners" + suffix))
                .mapValues(v -> ((CustomerProcessor.Forward) v).staged(), Named.as("staged" + suffix));
    }

    /**
     * The partner stage over the records for it.
     *
     * @param builder        the builder
     * @param in             records from the customer stage and from other partner partitions
     * @param s              the settings
     * @param suffix         appended to store and processor names
     * @param fixedPartition the partition played, or -1 for the task's partition
     * @return the records for other partner partitions, not yet routed
     */
    static KStream<String, Staged> partnerStage(StreamsBuilder builder, KStream<String, Staged> in, Settings s, String suffix,
            int fixedPartition) {
        StoreNames names = StoreNames.suffixed(suffix);
        builder.addStateStore(KafkaStateStore.builder(names.state(), s.stores()));
        builder.addStateStore(KafkaStateStore.builder(names.control(), s.stores()));
        KStream<String, PartnerProcessor.Out> out = in.process(() -> new PartnerProcessor(s, names, fixedPartition),
                Named.as("partner-stage" + suffix), names.state(), names.control());
        emit(out, PartnerProcessor.Topic.ENTRIES, s.topics().entries(), suffix);
        emit(out, PartnerProcessor.Topic.PAYOUTS, s.topics().payouts(), suffix);
        emit(out, PartnerProcessor.Topic.REJECTIONS, s.topics().rejections(), suffix);
        s.topics().notifications().ifPresent(n -> emit(out, PartnerProcessor.Topic.NOTIFICATIONS, n, suffix));
        return out.filter((k, v) -> v instanceof PartnerProcessor.Forward, Named.as("to-other-partners" + suffix))
                .mapValues(v -> ((PartnerProcessor.Forward) v).staged(), Named.as("sent" + suffix));
    }

    private static void emit(KStream<String, PartnerProcessor.Out> out, PartnerProcessor.Topic which, String topic, String suffix) {
        String name = which.name().toLowerCase(java.util.Locale.ROOT) + suffix;
        out.filter((k, v) -> v instanceof PartnerProcessor.Emit e && e.topic() == which, Named.as("partner-" + name))
                .mapValues(v -> ((PartnerProcessor.Emit) v).json(), Named.as("partner-" + name + "-json"))
                .to(topic, Produced.with(Serdes.String(), Serdes.String()).withName("partner-" + name + "-out"));
    }
}
