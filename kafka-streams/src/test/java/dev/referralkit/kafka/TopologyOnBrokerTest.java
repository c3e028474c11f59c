package dev.referralkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.referralkit.testkit.Histories;
import dev.referralkit.program.ImmutablePartner;
import dev.referralkit.program.Partner;
import dev.referralkit.program.Program;
import dev.referralkit.testkit.History;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topology on a real broker: Kafka's own in-JVM KRaft test cluster ({@link EmbeddedKafka}), a
 * one-partition ingest topic, 4 customer and 4 partner partitions, two application instances with
 * {@code exactly_once_v2} and RocksDB stores. One instance stops without leaving the group while records
 * are still flowing, as a crashed instance would: the group notices after the session timeout, the
 * survivor takes over its tasks, restores their stores from the changelogs and goes on from the last
 * committed transaction. Read with {@code read_committed}, the output equals the single engine's: no
 * entry, payout, rejection or binding lost or written twice.
 *
 * <p>The history: {@link #history()}; one payout run in four is kept, because each run costs a hop
 * through the bookings topic (a commit interval) and the generator makes one event in ten a run.
 */
class TopologyOnBrokerTest {
    private static final int PARTITIONS = 4;

    @TempDir
    Path stateDir;

    /**
     * A program that pays on every path (clicks, leads, payments under retroactive monthly tiers, a monthly
     * bonus, two levels of parent shares) and a tree of partners; the testkit generates the
     * events (2,000, 40 customers, bad events mixed in), one payout run in four kept, refunds naming their
     * customer.
     */
    static History history() {
        Program program = Program.parse("""
                { "currency": "USD", "holdDays": 7,
                  "attribution": { "model": "last_touch", "windowDays": 365 },
                  "rewards": {
                    "click": { "type": "flat", "amount": "0.25" },
                    "lead": { "type": "cap", "reward": { "type": "flat", "amount": "5.00" }, "max": "50.00", "per": "partner_month" },
                    "payment": { "type": "tiered", "metric": "conversions", "period": "month", "mode": "retroactive",
                      "tiers": [ { "above": "0", "reward": { "type": "percent", "percent": "20" } },
                                 { "above": "2", "reward": { "type": "percent", "percent": "25" } } ] } },
                  "bonuses": [ { "metric": "conversions", "period": "month", "threshold": "2", "amount": "25.00" } ],
                  "parentShare": { "levels": [ "10", "5" ] },
                  "fx": { "EUR": "1.08", "JPY": "0.0067", "KWD": "3.25" } }""");
        List<Partner> partners = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ImmutablePartner.Builder b = ImmutablePartner.builder().id("p" + i);
            if (i > 0) {
                b.parent("p" + (i - 1) / 2);
            }
            partners.add(b.build());
        }
        History h = Histories.standard().withMaxEvents(4000).withCustomers(40).historiesFor(program, partners).generate(3);
        List<JsonNode> kept = new ArrayList<>();
        int runs = 0;
        for (JsonNode e : h.events().subList(0, Math.min(2000, h.events().size()))) {
            if (!"payout_run".equals(e.path("type").asText()) || runs++ % 4 == 0) {
                kept.add(e);
            }
        }
        return h.withEvents(Reference.withRefundCustomers(kept));
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void anInstanceThatStopsMidStreamLosesAndDuplicatesNothing() throws Exception {
        History generated = history();
        List<JsonNode> events = generated.events();
        Reference.Outputs expected = Reference.engine(generated.program(), generated.partners(), events).normalized()
                .withoutNotifications(); // this test reads entries, payouts, rejections and bindings
        System.out.printf("on a broker: %d events; expected %d entries, %d payouts, %d rejections, %d bindings%n", events.size(),
                expected.entries().size(), expected.payouts().size(), expected.rejections().size(), expected.bindings().size());
        assertThat(expected.entries().size()).as("entries expected").isGreaterThan(300);
        assertThat(expected.payouts().size()).as("payouts expected").isGreaterThan(20);
        assertThat(expected.rejections().size()).as("rejections expected").isGreaterThan(100);
        List<Reference.Input> inputs = Reference.inputs(events);

        ReferralTopology app = ReferralTopology.builder(generated.program(), generated.partners()).partitions(PARTITIONS)
                .markInterval(Duration.ofMillis(50)).build();
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopics(app.topicsToCreate());
            KafkaStreams first = start(app, kafka.bootstrapServers(), "first");
            KafkaStreams second = start(app, kafka.bootstrapServers(), "second");
            try (KafkaProducer<byte[], byte[]> producer = producer(kafka.bootstrapServers());
                    KafkaConsumer<String, String> consumer = committedReader(app, kafka.bootstrapServers())) {
                Outputs seen = new Outputs(app.topics());
                int half = inputs.size() / 2;
                send(producer, app, inputs.subList(0, half));
                // both instances are processing; wait until output flows, then stop one mid-stream
                seen.readUntil(consumer, expected.size() / 8, Duration.ofSeconds(60));
                assertThat(activeTasks(second)).as("the second instance works before it stops").isPositive();
                send(producer, app, inputs.subList(half, inputs.size() * 3 / 4));
                second.close(Duration.ofSeconds(10)); // does not leave the group: like a crash, seen after the session timeout
                send(producer, app, inputs.subList(inputs.size() * 3 / 4, inputs.size()));
                seen.readUntil(consumer, expected.size(), Duration.ofSeconds(100));
                seen.readFor(consumer, Duration.ofSeconds(2)); // anything written twice would show up now

                assertThat(second.state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);
                assertThat(first.state()).isEqualTo(KafkaStreams.State.RUNNING);
                assertThat(activeTasks(first)).as("the survivor runs the router and every task of both stages")
                        .isEqualTo(1 + 2 * PARTITIONS);
                assertThat(seen.outputs().normalized()).isEqualTo(expected);
            } finally {
                first.close(Duration.ofSeconds(10));
                second.close(Duration.ofSeconds(10));
            }
        }
    }

    private static int activeTasks(KafkaStreams streams) {
        return streams.metadataForLocalThreads().stream().mapToInt(t -> t.activeTasks().size()).sum();
    }

    private KafkaStreams start(ReferralTopology app, String bootstrap, String instance) {
        Properties props = app.streamsConfig("referralkit-on-broker", bootstrap);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve(instance).toString());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 2000);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 500);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), 5000);
        KafkaStreams streams = new KafkaStreams(app.topology(), props);
        streams.start();
        return streams;
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<String, String> committedReader(ReferralTopology app, String bootstrap) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "referralkit-reader", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer());
        ReferralTopology.Topics t = app.topics();
        consumer.subscribe(List.of(t.entries(), t.payouts(), t.rejections(), t.bindings().orElseThrow()));
        return consumer;
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, ReferralTopology app, List<Reference.Input> records) {
        for (Reference.Input in : records) {
            producer.send(new ProducerRecord<>(app.topics().ingest(), in.key(), in.value()));
        }
        producer.flush();
    }

    /** What the committed output topics held so far. */
    private static final class Outputs {
        private final ReferralTopology.Topics topics;
        private final Reference.Outputs outputs = new Reference.Outputs(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>());

        Outputs(ReferralTopology.Topics topics) {
            this.topics = topics;
        }

        Reference.Outputs outputs() {
            return outputs;
        }

        void readUntil(KafkaConsumer<String, String> consumer, int atLeast, Duration limit) {
            long deadline = System.nanoTime() + limit.toNanos();
            while (outputs.size() < atLeast && System.nanoTime() < deadline) {
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
                String t = r.topic();
                (t.equals(topics.entries()) ? outputs.entries() : t.equals(topics.payouts()) ? outputs.payouts()
                        : t.equals(topics.rejections()) ? outputs.rejections() : outputs.bindings()).add(r.value());
            }
        }
    }
}
