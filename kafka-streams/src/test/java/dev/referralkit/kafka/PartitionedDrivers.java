package dev.referralkit.kafka;

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
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Runs {@link ShapeTopology} over N partitions with {@link TopologyTestDriver}s, playing the broker
 * between them. A test driver has one partition per topic, so partition-count independence cannot be
 * shown with one driver; here each customer partition q is a driver of the customer stage alone
 * (told that it is partition q), each partner partition p a driver of the partner stage alone, and
 * this class moves records between them as Kafka would: input by the murmur2 hash of the key (as the
 * producer's default partitioner), payout runs and clocks to every customer partition, and each
 * customer-stage output to the partitions the topology's own {@link Broadcast} partitioner names
 * (or by the key's hash). A seeded scheduler interleaves the customer partitions' progress at random
 * and delivers to the partner partitions in random batches, keeping each writer's order per
 * partition, which is all Kafka promises.
 */
final class PartitionedDrivers {
    private static final String THROUGH = "through";

    private PartitionedDrivers() {
    }

    static ShapeReference.Outputs run(List<ShapeHistories.Input> history, int partitions, long seed, StoreKind kind,
            Path stateDir) {
        Topics topics = Topics.standard();
        SplittableRandom random = new SplittableRandom(seed);
        List<TopologyTestDriver> drivers = new ArrayList<>();
        try {
            List<TestInputTopic<byte[], byte[]>> inputs = new ArrayList<>();
            List<TestOutputTopic<String, Attributed>> through = new ArrayList<>();
            List<TestOutputTopic<String, String>> rejections = new ArrayList<>();
            for (int q = 0; q < partitions; q++) {
                TopologyTestDriver d = new TopologyTestDriver(ShapeTopology.customerStageOnly(topics, THROUGH, q, kind),
                        props("customers-" + q, stateDir));
                drivers.add(d);
                inputs.add(d.createInputTopic(topics.events(), new ByteArraySerializer(), new ByteArraySerializer()));
                through.add(d.createOutputTopic(THROUGH, new StringDeserializer(), ShapeTopology.ATTRIBUTED));
                rejections.add(d.createOutputTopic(topics.rejections(), new StringDeserializer(), new StringDeserializer()));
            }
            List<TestInputTopic<String, Attributed>> partnerInputs = new ArrayList<>();
            List<TestOutputTopic<String, String>> entries = new ArrayList<>();
            List<TestOutputTopic<String, String>> payouts = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                TopologyTestDriver d = new TopologyTestDriver(ShapeTopology.partnerStageOnly(topics, THROUGH, partitions, kind),
                        props("partners-" + p, stateDir));
                drivers.add(d);
                partnerInputs.add(d.createInputTopic(THROUGH, new StringSerializer(), ShapeTopology.ATTRIBUTED));
                entries.add(d.createOutputTopic(topics.entries(), new StringDeserializer(), new StringDeserializer()));
                payouts.add(d.createOutputTopic(topics.payouts(), new StringDeserializer(), new StringDeserializer()));
            }

            List<ArrayDeque<ShapeHistories.Input>> toCustomers = new ArrayList<>();
            List<ArrayDeque<TestRecord<String, Attributed>>> toPartners = new ArrayList<>();
            for (int i = 0; i < partitions; i++) {
                toCustomers.add(new ArrayDeque<>());
                toPartners.add(new ArrayDeque<>());
            }
            for (ShapeHistories.Input in : history) {
                if (in.everyPartition()) {
                    toCustomers.forEach(queue -> queue.add(in));
                } else {
                    toCustomers.get(in.key() == null ? random.nextInt(partitions) : partition(in.key(), partitions)).add(in);
                }
            }

            List<String> rejected = new ArrayList<>();
            while (true) {
                List<Integer> busy = new ArrayList<>();
                for (int q = 0; q < partitions; q++) {
                    if (!toCustomers.get(q).isEmpty()) {
                        busy.add(q);
                    }
                }
                if (busy.isEmpty()) {
                    break;
                }
                int q = busy.get(random.nextInt(busy.size()));
                ShapeHistories.Input in = toCustomers.get(q).poll();
                inputs.get(q).pipeInput(new TestRecord<>(in.key(), in.value(), in.headers()));
                for (TestRecord<String, Attributed> out : through.get(q).readRecordsToList()) {
                    Set<Integer> targets = ShapeTopology.PARTITIONER.partitions(THROUGH, out.key(), out.value(), partitions)
                            .orElseGet(() -> Set.of(partition(out.key().getBytes(StandardCharsets.UTF_8), partitions)));
                    targets.forEach(p -> toPartners.get(p).add(out));
                }
                rejected.addAll(rejections.get(q).readValuesToList());
                int p = random.nextInt(partitions);
                for (int n = random.nextInt(4); n > 0 && !toPartners.get(p).isEmpty(); n--) {
                    partnerInputs.get(p).pipeInput(toPartners.get(p).poll());
                }
            }
            for (int p = 0; p < partitions; p++) {
                while (!toPartners.get(p).isEmpty()) {
                    partnerInputs.get(p).pipeInput(toPartners.get(p).poll());
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
