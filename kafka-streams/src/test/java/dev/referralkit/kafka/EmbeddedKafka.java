package dev.referralkit.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * Kafka's own in-JVM KRaft test cluster ({@code kafka-test-common-runtime}, from Maven Central): one
 * combined broker and controller, no Docker, no ZooKeeper, settings for one broker (replication factor 1)
 * and fast group changes.
 */
final class EmbeddedKafka implements AutoCloseable {
    private final KafkaClusterTestKit cluster;

    private EmbeddedKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    /**
     * Starts a cluster and waits until its broker is ready.
     *
     * @return the running cluster
     * @throws Exception if it does not start
     */
    static EmbeddedKafka start() throws Exception {
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
        return new EmbeddedKafka(cluster);
    }

    /** @return the bootstrap servers */
    String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /**
     * Creates topics with replication factor 1.
     *
     * @param topics name → partitions
     * @throws Exception if the broker refuses
     */
    void createTopics(Map<String, Integer> topics) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            List<NewTopic> created = new ArrayList<>();
            topics.forEach((name, partitions) -> created.add(new NewTopic(name, partitions, (short) 1)));
            admin.createTopics(created).all().get();
        }
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
