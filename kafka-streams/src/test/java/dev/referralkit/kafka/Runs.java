package dev.referralkit.kafka;

import dev.referralkit.kafka.Ingest.Sequenced;
import dev.referralkit.kafka.ReferralTopology.Settings;
import dev.referralkit.kafka.ReferralTopology.Topics;
import dev.referralkit.program.Partner;
import dev.referralkit.program.Program;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Runs the topology on {@link TopologyTestDriver}s.
 *
 * <p>{@link #whole}: the factory's own topology, as an application runs it, in one driver (one partition:
 * a driver has one partition per topic; repartition topics and the bookings topic go round inside it).
 *
 * <p>{@link #partitioned}: N customer and N partner partitions. One driver holds the router, N instances of
 * the customer stage (each told which partition it plays, each with its own store) and N of the partner
 * stage; each stage has one input topic whose record key names the instance that reads it (a driver's cost
 * per record grows with its source topics). This class plays the broker between them, moving every record to
 * the partitions Kafka would (the topology's own partitioners, or murmur2 of the key as the producer's default
 * partitioner), in an order a seeded scheduler picks: which partition moves next, how many records a partner
 * partition takes from which of its two logs (customer stage, bookings), and when the router's wall clock
 * ticks (a mark). Kafka promises only that each writer's order per partition is kept, and so does the
 * scheduler. It counts the records that reached a partner partition out of position order, to show the
 * sequencer had work to do.
 */
final class Runs {
    static final Topics TOPICS = Topics.withPrefix("");
    private static final String ROUTED = "routed";
    private static final String EVENTS_IN = "events-in";
    private static final String PARTNERS_IN = "partners-in";
    private static final String ATTRIBUTED_OUT = "attributed-out";
    private static final String BOOKINGS_OUT = "bookings-out";

    private Runs() {
    }

    static Properties props(String name, Path stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "referralkit-" + name);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve(name).toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        return props;
    }

    /**
     * The factory's topology with one partition in one driver.
     *
     * @param program  the program
     * @param partners its partners
     * @param inputs   the ingest records
     * @param kind     the stores
     * @param stateDir where a driver may keep files
     * @return what the output topics held, in order
     */
    static Reference.Outputs whole(Program program, List<Partner> partners, List<Reference.Input> inputs, StoreKind kind,
            Path stateDir) {
        ReferralTopology app = ReferralTopology.builder(program, partners).topics(TOPICS).stores(kind).build();
        try (TopologyTestDriver driver = new TopologyTestDriver(app.topology(), props("whole", stateDir))) {
            TestInputTopic<byte[], byte[]> ingest = driver.createInputTopic(TOPICS.ingest(), new ByteArraySerializer(),
                    new ByteArraySerializer());
            for (Reference.Input in : inputs) {
                ingest.pipeInput(in.key(), in.value());
            }
            driver.advanceWallClockTime(ReferralTopology.DEFAULT_MARK_INTERVAL); // the router's mark releases the last positions
            return new Reference.Outputs(read(driver, TOPICS.entries()), read(driver, TOPICS.payouts()),
                    read(driver, TOPICS.rejections()), read(driver, TOPICS.bindings().orElseThrow()),
                    read(driver, TOPICS.notifications().orElseThrow()));
        }
    }

    private static List<String> read(TopologyTestDriver driver, String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), new StringDeserializer()).readValuesToList();
    }

    /** What a partitioned run gave. */
    record Result(Reference.Outputs outputs, int outOfOrder, int sent) {
    }

    /**
     * The stages over {@code partitions} partitions, records moved as Kafka would in a seeded order.
     *
     * @param program    the program
     * @param partners   its partners
     * @param inputs     the ingest records
     * @param partitions how many customer and partner partitions
     * @param seed       the scheduler's seed
     * @param stateDir   where the driver may keep files
     * @return what the output topics held, how many records reached a partner partition out of order, and how
     *         many messages a partner partition sent another
     */
    static Result partitioned(Program program, List<Partner> partners, List<Reference.Input> inputs, int partitions, long seed,
            Path stateDir) {
        Settings s = new Settings(program, partners, partitions, TOPICS, StoreKind.IN_MEMORY, ReferralTopology.DEFAULT_MARK_INTERVAL);
        StreamsBuilder builder = new StreamsBuilder();
        Ingest.routerOnly(builder, TOPICS.ingest(), ROUTED, s.markInterval());
        // one input topic per stage, the record key naming the partition that reads it (the stages read only
        // values): a driver's cost per record grows with its source topics
        KStream<String, Sequenced> events = builder.stream(EVENTS_IN, Consumed.with(Serdes.String(), Ingest.SERDE).withName(EVENTS_IN));
        KStream<String, Staged> toPartners = builder.stream(PARTNERS_IN, Consumed.with(Serdes.String(), Staged.SERDE)
                .withName(PARTNERS_IN));
        for (int i = 0; i < partitions; i++) {
            String q = Integer.toString(i);
            KStream<byte[], Sequenced> mine = events.filter((k, v) -> k.equals(q), Named.as("events-" + q))
                    .selectKey((k, v) -> Ingest.EVERY_PARTITION, Named.as("events-key-" + q));
            ReferralTopology.customerStage(builder, mine, s, "-" + q, i)
                    .to(ATTRIBUTED_OUT, Produced.with(Serdes.String(), Staged.SERDE).withName("attributed-out-" + q));
            ReferralTopology.partnerStage(builder, toPartners.filter((k, v) -> k.equals(q), Named.as("partners-" + q)), s, "-" + q, i)
                    .to(BOOKINGS_OUT, Produced.with(Serdes.String(), Staged.SERDE).withName("bookings-out-" + q));
        }
        SplittableRandom random = new SplittableRandom(seed);
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props("partitioned", stateDir))) {
            TestInputTopic<byte[], byte[]> ingest = driver.createInputTopic(TOPICS.ingest(), new ByteArraySerializer(),
                    new ByteArraySerializer());
            TestOutputTopic<byte[], Sequenced> routed = driver.createOutputTopic(ROUTED, new ByteArrayDeserializer(), Ingest.SERDE);
            TestInputTopic<String, Sequenced> eventsIn = driver.createInputTopic(EVENTS_IN, new StringSerializer(), Ingest.SERDE);
            TestInputTopic<String, Staged> partnersIn = driver.createInputTopic(PARTNERS_IN, new StringSerializer(), Staged.SERDE);
            TestOutputTopic<String, Staged> attributedOut = driver.createOutputTopic(ATTRIBUTED_OUT, new StringDeserializer(),
                    Staged.SERDE);
            TestOutputTopic<String, Staged> bookingsOut = driver.createOutputTopic(BOOKINGS_OUT, new StringDeserializer(), Staged.SERDE);
            ArrayDeque<Reference.Input> toRouter = new ArrayDeque<>(inputs);
            List<ArrayDeque<TestRecord<byte[], Sequenced>>> customerLogs = queues(partitions);
            List<ArrayDeque<TestRecord<String, Staged>>> attributedLogs = queues(partitions);
            List<ArrayDeque<TestRecord<String, Staged>>> bookingsLogs = queues(partitions);
            long[] latest = new long[partitions];
            int[] outOfOrder = {0};
            int[] sent = {0};
            boolean flushed = false;
            while (true) {
                List<Runnable> moves = new ArrayList<>();
                if (!toRouter.isEmpty()) {
                    moves.add(() -> {
                        Reference.Input in = toRouter.poll();
                        ingest.pipeInput(in.key(), in.value());
                    });
                }
                for (int q = 0; q < partitions; q++) {
                    int source = q;
                    if (!customerLogs.get(q).isEmpty()) {
                        moves.add(() -> {
                            eventsIn.pipeInput(Integer.toString(source), customerLogs.get(source).poll().value());
                            for (TestRecord<String, Staged> out : attributedOut.readRecordsToList()) {
                                route(Staged.PARTITIONER, out, out.key().getBytes(StandardCharsets.UTF_8), attributedLogs);
                            }
                        });
                    }
                }
                for (int p = 0; p < partitions; p++) {
                    int target = p;
                    if (!attributedLogs.get(p).isEmpty() || !bookingsLogs.get(p).isEmpty()) {
                        moves.add(() -> {
                            for (int n = 1 + random.nextInt(4); n > 0; n--) {
                                boolean fromBookings = attributedLogs.get(target).isEmpty()
                                        || !bookingsLogs.get(target).isEmpty() && random.nextBoolean();
                                ArrayDeque<TestRecord<String, Staged>> log = fromBookings ? bookingsLogs.get(target) : attributedLogs.get(target);
                                TestRecord<String, Staged> next = log.poll();
                                if (next == null) {
                                    break;
                                }
                                if (next.value() instanceof Staged.Message m) {
                                    if (m.position() < latest[target]) {
                                        outOfOrder[0]++;
                                    }
                                    latest[target] = Math.max(latest[target], m.position());
                                }
                                partnersIn.pipeInput(Integer.toString(target), next.value());
                            }
                            for (TestRecord<String, Staged> out : bookingsOut.readRecordsToList()) {
                                if (out.value() instanceof Staged.Sent) {
                                    sent[0]++;
                                }
                                route(Staged.PARTITIONER, out, out.key().getBytes(StandardCharsets.UTF_8), bookingsLogs);
                            }
                        });
                    }
                }
                if (moves.isEmpty() && flushed) {
                    break;
                }
                if (moves.isEmpty() || random.nextInt(20) == 0 || toRouter.isEmpty() && !flushed) {
                    // the router's wall clock ticks: a mark for every customer partition
                    driver.advanceWallClockTime(s.markInterval());
                    flushed = toRouter.isEmpty();
                } else {
                    moves.get(random.nextInt(moves.size())).run();
                }
                for (TestRecord<byte[], Sequenced> out : routed.readRecordsToList()) {
                    route(Ingest.PARTITIONER, out, out.key(), customerLogs);
                }
            }
            Reference.Outputs outputs = new Reference.Outputs(read(driver, TOPICS.entries()), read(driver, TOPICS.payouts()),
                    read(driver, TOPICS.rejections()), read(driver, TOPICS.bindings().orElseThrow()),
                    read(driver, TOPICS.notifications().orElseThrow()));
            return new Result(outputs, outOfOrder[0], sent[0]);
        }
    }

    private static <T> List<ArrayDeque<T>> queues(int n) {
        List<ArrayDeque<T>> queues = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            queues.add(new ArrayDeque<>());
        }
        return queues;
    }

    /** Appends a record to the logs of the partitions Kafka would write it to. */
    private static <K, V> void route(StreamPartitioner<K, V> partitioner, TestRecord<K, V> out, byte[] serialisedKey,
            List<ArrayDeque<TestRecord<K, V>>> logs) {
        Set<Integer> targets = partitioner.partitions("topic", out.key(), out.value(), logs.size())
                .orElseGet(() -> Set.of(Utils.toPositive(Utils.murmur2(serialisedKey)) % logs.size()));
        targets.forEach(p -> logs.get(p).add(out));
    }
}
