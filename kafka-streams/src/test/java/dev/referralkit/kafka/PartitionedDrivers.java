package dev.referralkit.kafka;

import dev.referralkit.kafka.Ingest.Sequenced;
import dev.referralkit.kafka.ShapeTopology.Attributed;
import dev.referralkit.kafka.ShapeTopology.Topics;
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
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Runs {@link ShapeTopology} over N partitions with {@link TopologyTestDriver}s, playing the broker
 * between them. A test driver has one partition per topic, so partition-count independence cannot be
 * shown with one driver. Here the router is one driver, each customer partition q a driver of the
 * customer stage alone (told that it is partition q), each partner partition p a driver of the
 * partner stage alone, and this class moves records between them as Kafka would: to the partitions
 * the topology's own partitioners name, or by the murmur2 hash of the serialised key (the default
 * partitioner). A seeded scheduler decides which driver moves next (the router, a customer partition
 * or a batch for a partner partition) and when the router's wall clock ticks (a mark), keeping each
 * writer's order per partition, which is all Kafka promises.
 */
final class PartitionedDrivers {
    private static final String EVENTS = "events";
    private static final String ATTRIBUTED = "attributed";

    private PartitionedDrivers() {
    }

    static ShapeReference.Outputs run(List<ShapeHistories.Input> history, int partitions, long seed, StoreKind kind,
            Path stateDir) {
        Topics topics = Topics.standard();
        SplittableRandom random = new SplittableRandom(seed);
        List<TopologyTestDriver> drivers = new ArrayList<>();
        try {
            TopologyTestDriver router = new TopologyTestDriver(ShapeTopology.routerOnly(topics, EVENTS), props("router", stateDir));
            drivers.add(router);
            TestInputTopic<byte[], byte[]> ingest = router.createInputTopic(topics.ingest(), new ByteArraySerializer(),
                    new ByteArraySerializer());
            TestOutputTopic<byte[], Sequenced> routed = router.createOutputTopic(EVENTS, new ByteArrayDeserializer(), Ingest.SERDE);

            List<TestInputTopic<byte[], Sequenced>> events = new ArrayList<>();
            List<TestOutputTopic<String, Attributed>> attributed = new ArrayList<>();
            List<TestOutputTopic<String, String>> rejections = new ArrayList<>();
            for (int q = 0; q < partitions; q++) {
                TopologyTestDriver d = new TopologyTestDriver(ShapeTopology.customerStageOnly(topics, EVENTS, ATTRIBUTED, q, kind),
                        props("customers-" + q, stateDir));
                drivers.add(d);
                events.add(d.createInputTopic(EVENTS, new ByteArraySerializer(), Ingest.SERDE));
                attributed.add(d.createOutputTopic(ATTRIBUTED, new StringDeserializer(), ShapeTopology.ATTRIBUTED));
                rejections.add(d.createOutputTopic(topics.rejections(), new StringDeserializer(), new StringDeserializer()));
            }
            List<TestInputTopic<String, Attributed>> toPartnerStage = new ArrayList<>();
            List<TestOutputTopic<String, String>> entries = new ArrayList<>();
            List<TestOutputTopic<String, String>> payouts = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                TopologyTestDriver d = new TopologyTestDriver(ShapeTopology.partnerStageOnly(topics, ATTRIBUTED, partitions, kind),
                        props("partners-" + p, stateDir));
                drivers.add(d);
                toPartnerStage.add(d.createInputTopic(ATTRIBUTED, new StringSerializer(), ShapeTopology.ATTRIBUTED));
                entries.add(d.createOutputTopic(topics.entries(), new StringDeserializer(), new StringDeserializer()));
                payouts.add(d.createOutputTopic(topics.payouts(), new StringDeserializer(), new StringDeserializer()));
            }

            ArrayDeque<ShapeHistories.Input> toRouter = new ArrayDeque<>(history);
            List<ArrayDeque<TestRecord<byte[], Sequenced>>> customerLogs = queues(partitions);
            List<ArrayDeque<TestRecord<String, Attributed>>> partnerLogs = queues(partitions);
            List<String> rejected = new ArrayList<>();
            boolean flushed = false;
            while (true) {
                List<Runnable> moves = new ArrayList<>();
                if (!toRouter.isEmpty()) {
                    moves.add(() -> {
                        ShapeHistories.Input in = toRouter.poll();
                        ingest.pipeInput(in.key(), in.value());
                    });
                }
                for (int q = 0; q < partitions; q++) {
                    int source = q;
                    if (!customerLogs.get(q).isEmpty()) {
                        moves.add(() -> {
                            events.get(source).pipeInput(customerLogs.get(source).poll());
                            for (TestRecord<String, Attributed> out : attributed.get(source).readRecordsToList()) {
                                route(ShapeTopology.PARTITIONER, out, out.key().getBytes(StandardCharsets.UTF_8), partnerLogs);
                            }
                            rejected.addAll(rejections.get(source).readValuesToList());
                        });
                    }
                }
                for (int p = 0; p < partitions; p++) {
                    int target = p;
                    if (!partnerLogs.get(p).isEmpty()) {
                        moves.add(() -> {
                            for (int n = 1 + random.nextInt(4); n > 0 && !partnerLogs.get(target).isEmpty(); n--) {
                                toPartnerStage.get(target).pipeInput(partnerLogs.get(target).poll());
                            }
                        });
                    }
                }
                if (moves.isEmpty() && flushed) {
                    break;
                }
                if (moves.isEmpty() || random.nextInt(20) == 0 || toRouter.isEmpty() && !flushed) {
                    // the router's wall clock ticks: a mark for every customer partition
                    router.advanceWallClockTime(ShapeTopology.MARK_INTERVAL);
                    flushed = toRouter.isEmpty();
                } else {
                    moves.get(random.nextInt(moves.size())).run();
                }
                for (TestRecord<byte[], Sequenced> out : routed.readRecordsToList()) {
                    route(Ingest.PARTITIONER, out, out.key(), customerLogs);
                }
            }
            List<String> allEntries = new ArrayList<>();
            List<String> allPayouts = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                allEntries.addAll(entries.get(p).readValuesToList());
                allPayouts.addAll(payouts.get(p).readValuesToList());
            }
            return new ShapeReference.Outputs(allEntries, allPayouts, rejected).sorted();
        } finally {
            drivers.forEach(TopologyTestDriver::close);
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
                .orElseGet(() -> Set.of(partition(serialisedKey, logs.size())));
        targets.forEach(p -> logs.get(p).add(out));
    }

    /** The producer's default partition for a key: murmur2 of its bytes. */
    static int partition(byte[] key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key)) % partitions;
    }

    static Properties props(String name, Path stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "shape-" + name);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve(name).toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        return props;
    }
}
