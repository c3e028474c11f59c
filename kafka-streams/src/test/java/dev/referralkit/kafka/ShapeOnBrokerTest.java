package dev.referralkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.referralkit.kafka.ShapeTopology.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topology on a real broker: Kafka's own in-JVM KRaft test cluster (one combined broker and
 * controller, from {@code kafka-test-common-runtime}; no Docker, no ZooKeeper), a one-partition
 * ingest topic and 4 customer and partner partitions, two application instances with
 * {@code exactly_once_v2}. One instance stops without leaving the group
 * while records are still flowing, as a crashed instance would: the group notices after the session
 * timeout, the survivor takes over its tasks, restores their stores from the changelogs and goes on
 * from the last committed transaction. Read with {@code read_committed}, the output equals the
 * single-JVM answer exactly: no entry, payout or rejection lost or written twice.
 */
class ShapeOnBrokerTest {
    private static final int PARTITIONS = 4;
    private static final Topics TOPICS = Topics.standard();

    @TempDir
    Path stateDir;

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    @SuppressWarnings("try") // KafkaClusterTestKit.close() may throw InterruptedException; the test declares Exception
    void anInstanceThatStopsMidStreamLosesAndDuplicatesNothing() throws Exception {
        List<ShapeHistories.Input> history = ShapeHistories.generate(7, 3000, 300);
        ShapeReference.Outputs expected = ShapeReference.run(history);
        assertThat(expected.entries().size()).as("entries expected").isGreaterThan(800);
        assertThat(expected.payouts().size()).as("payouts expected").isGreaterThan(100);

        try (KafkaClusterTestKit cluster = startCluster()) {
            String bootstrap = cluster.bootstrapServers();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                admin.createTopics(List.of(new NewTopic(TOPICS.ingest(), 1, (short) 1),
                        new NewTopic(TOPICS.entries(), PARTITIONS, (short) 1), new NewTopic(TOPICS.payouts(), PARTITIONS, (short) 1),
                        new NewTopic(TOPICS.rejections(), PARTITIONS, (short) 1))).all().get();
            }
            KafkaStreams first = start(bootstrap, "first");
            KafkaStreams second = start(bootstrap, "second");
            try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap);
                    KafkaConsumer<String, String> consumer = committedReader(bootstrap)) {
                Outputs seen = new Outputs();
                int half = history.size() / 2;
                send(producer, history.subList(0, half));
                // both instances are processing; wait until output flows, then stop one mid-stream
                seen.readUntil(consumer, expected.entries().size() / 8, Duration.ofSeconds(60));
                assertThat(activeTasks(second)).as("the second instance works before it stops").isPositive();
                send(producer, history.subList(half, history.size() * 3 / 4));
                second.close(Duration.ofSeconds(10)); // does not leave the group: like a crash, seen after the session timeout
                send(producer, history.subList(history.size() * 3 / 4, history.size()));
                int all = expected.entries().size() + expected.payouts().size() + expected.rejections().size();
                seen.readUntil(consumer, all, Duration.ofSeconds(90));
                seen.readFor(consumer, Duration.ofSeconds(2)); // anything written twice would show up now

                assertThat(second.state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);
                assertThat(first.state()).isEqualTo(KafkaStreams.State.RUNNING);
                assertThat(activeTasks(first)).as("the survivor runs the router and every task of both stages")
                        .isEqualTo(1 + 2 * PARTITIONS);
                // a payout run's key hashes to one partition: payouts in several partner partitions show the broadcast
                assertThat(expected.payouts().stream().map(p -> p.split(" ")[1])
                        .map(partner -> PartitionedDrivers.partition(partner.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                                PARTITIONS)).distinct().count()).isGreaterThan(1);
                assertThat(seen.sorted()).isEqualTo(expected);
            } finally {
                first.close(Duration.ofSeconds(10));
                second.close(Duration.ofSeconds(10));
            }
        }
    }

    private static int activeTasks(KafkaStreams streams) {
        return streams.metadataForLocalThreads().stream().mapToInt(t -> t.activeTasks().size()).sum();
    }

    private static KafkaClusterTestKit startCluster() throws Exception {
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "4")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("transaction.state.log.num.partitions", "4")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("group.min.session.timeout.ms", "1000")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        return cluster;
    }

    private KafkaStreams start(String bootstrap, String instance) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "shape-on-broker");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve(instance).toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 2000);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 500);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), 5000);
        KafkaStreams streams = new KafkaStreams(ShapeTopology.build(TOPICS, PARTITIONS, StoreKind.PERSISTENT), props);
        streams.start();
        return streams;
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<String, String> committedReader(String bootstrap) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "shape-reader", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(TOPICS.entries(), TOPICS.payouts(), TOPICS.rejections()));
        return consumer;
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, List<ShapeHistories.Input> records) {
        for (ShapeHistories.Input in : records) {
            producer.send(new ProducerRecord<>(TOPICS.ingest(), in.key(), in.value()));
        }
        producer.flush();
    }

    /** What the committed output topics held so far. */
    private static final class Outputs {
        final List<String> entries = new ArrayList<>();
        final List<String> payouts = new ArrayList<>();
        final List<String> rejections = new ArrayList<>();

        int size() {
            return entries.size() + payouts.size() + rejections.size();
        }

        void readUntil(KafkaConsumer<String, String> consumer, int atLeast, Duration limit) {
            long deadline = System.nanoTime() + limit.toNanos();
            while (size() < atLeast && System.nanoTime() < deadline) {
                poll(consumer);
            }
        }

        void readFor(KafkaConsumer<String, String> consumer, Duration span) {
            long deadline = System.nanoTime() + span.toNanos();
            while (System.nanoTime() < deadline) {
                poll(consumer);
            }
        }

        private void poll(KafkaConsumer<String, String> consumer) {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                (r.topic().equals(TOPICS.entries()) ? entries : r.topic().equals(TOPICS.payouts()) ? payouts : rejections)
                        .add(r.value());
            }
        }

        ShapeReference.Outputs sorted() {
            return new ShapeReference.Outputs(entries, payouts, rejections).sorted();
        }
    }
}
