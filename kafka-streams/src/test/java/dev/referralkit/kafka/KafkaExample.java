package dev.referralkit.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import dev.referralkit.RejectionCode;
import dev.referralkit.engine.Scenario;
import dev.referralkit.json.ReferralKitJson;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
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
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * A runnable ReferralKit application on Kafka (README, "When one machine is not enough").
 *
 * <pre>
 * KafkaExample [--bootstrap HOST:PORT] [--scenario FILE] [--partitions N] [--instances M] [--application-id ID]
 *              [--state-dir DIR] [--run]
 * </pre>
 *
 * <p>It reads a scenario file (FORMATS.md: program, partners, events; default
 * {@code examples/scenarios/saas-quickstart.json}), builds the topology with {@link ReferralTopology},
 * creates the topics it needs (those that do not exist yet), starts M application instances in this JVM
 * (default 2) over N partitions (default 4) with {@code exactly_once_v2}, writes the scenario's events to
 * the ingest topic (refunds given the customer of their payment), and prints every entry, payout and
 * rejection as it is committed. Then it compares them with one {@code ReferralEngine} and stops.
 *
 * <p>Without {@code --bootstrap} it starts Kafka's in-JVM KRaft test broker first, so it runs anywhere
 * with only a JDK. With {@code --bootstrap} it uses that cluster; with {@code --run} it does not send the
 * scenario's events but runs until interrupted (Ctrl-C), processing whatever the host writes to the ingest
 * topic: that is how an instance of a real deployment starts.
 */
public final class KafkaExample {
    private KafkaExample() {
    }

    /**
     * @param args the command line
     * @throws Exception if Kafka fails
     */
    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * @param args the command line
     * @param out  where results go
     * @param err  where usage errors go
     * @return the exit status: 0 when the output equals one engine's, 1 when not, 2 for a bad command line
     * @throws Exception if Kafka fails
     */
    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Map<String, String> options = new HashMap<>();
        Set<String> flags = Set.of("--run");
        for (int i = 0; i < args.length; i++) {
            if (flags.contains(args[i])) {
                options.put(args[i], "true");
            } else if (args[i].startsWith("--") && i + 1 < args.length
                    && Set.of("--bootstrap", "--scenario", "--partitions", "--instances", "--application-id", "--state-dir").contains(args[i])) {
                options.put(args[i], args[++i]);
            } else {
                err.println("usage: KafkaExample [--bootstrap HOST:PORT] [--scenario FILE] [--partitions N] [--instances M] "
                        + "[--application-id ID] [--state-dir DIR] [--run]; " + args[i] + " is not an option");
                return 2;
            }
        }
        Path file = Path.of(options.getOrDefault("--scenario", defaultScenario()));
        Scenario scenario = Scenario.parse(Files.readString(file));
        int partitions = Integer.parseInt(options.getOrDefault("--partitions", "4"));
        int instances = Integer.parseInt(options.getOrDefault("--instances", "2"));
        String applicationId = options.getOrDefault("--application-id", "referralkit-example");
        Path stateDir = options.containsKey("--state-dir") ? Path.of(options.get("--state-dir")) : Files.createTempDirectory("referralkit-");

        ReferralTopology app = ReferralTopology.builder(scenario.program(), scenario.partners()).partitions(partitions).build();
        EmbeddedKafka embedded = options.containsKey("--bootstrap") ? null : EmbeddedKafka.start();
        try {
            String bootstrap = embedded == null ? options.get("--bootstrap") : embedded.bootstrapServers();
            out.println("Kafka at " + bootstrap + (embedded == null ? "" : " (in-JVM KRaft test broker)") + "; " + partitions
                    + " partitions, " + instances + " instance(s), application id " + applicationId);
            createMissingTopics(bootstrap, app.topicsToCreate(), out);
            List<KafkaStreams> running = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                Properties props = app.streamsConfig(applicationId, bootstrap);
                props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve("instance-" + i).toString());
                props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
                if (embedded != null) {
                    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
                }
                KafkaStreams streams = new KafkaStreams(app.topology(), props);
                streams.start();
                running.add(streams);
            }
            try {
                if (options.containsKey("--run")) {
                    CountDownLatch stop = new CountDownLatch(1);
                    Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
                    out.println("running; write events to " + app.topics().ingest() + " (key: the customer id; none for payout runs "
                            + "and partner changes); Ctrl-C stops");
                    stop.await();
                    return 0;
                }
                return sendAndCompare(app, bootstrap, scenario, out);
            } finally {
                running.forEach(s -> s.close(Duration.ofSeconds(10)));
            }
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private static String defaultScenario() {
        Path here = Path.of("examples", "scenarios", "saas-quickstart.json");
        return Files.exists(here) ? here.toString() : Path.of("..", "examples", "scenarios", "saas-quickstart.json").toString();
    }

    private static void createMissingTopics(String bootstrap, Map<String, Integer> topics, PrintStream out) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            topics.forEach((name, partitions) -> {
                if (!existing.contains(name)) {
                    missing.add(new NewTopic(name, java.util.Optional.of(partitions), java.util.Optional.empty()));
                    out.println("creating topic " + name + " with " + partitions + (partitions == 1 ? " partition" : " partitions"));
                }
            });
            admin.createTopics(missing).all().get();
        }
    }

    private static int sendAndCompare(ReferralTopology app, String bootstrap, Scenario scenario, PrintStream out) {
        List<JsonNode> events = Reference.withRefundCustomers(scenario.events());
        Reference.Outputs expected = Reference.engine(scenario.program(), scenario.partners(), events);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (Reference.Input in : Reference.inputs(events)) {
                producer.send(new ProducerRecord<>(app.topics().ingest(), in.key(), in.value()));
            }
        }
        out.println("sent " + events.size() + " events of \"" + scenario.name() + "\"");
        Reference.Outputs seen = new Reference.Outputs(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        ReferralTopology.Topics t = app.topics();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "referralkit-example-reader-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(t.entries(), t.payouts(), t.rejections()));
            int wanted = expected.entries().size() + expected.payouts().size() + expected.rejections().size();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (seen.entries().size() + seen.payouts().size() + seen.rejections().size() < wanted && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    JsonNode v = ReferralKitJson.readTree(r.value(), RejectionCode.INVALID_EVENT);
                    if (r.topic().equals(t.entries())) {
                        seen.entries().add(r.value());
                        out.printf("entry     %-10s %-40s %10s %s  available %s%n", v.get("partner").textValue(), v.get("id").textValue(),
                                v.get("amount").textValue(), v.get("currency").textValue(), v.get("availableAt").textValue());
                    } else if (r.topic().equals(t.payouts())) {
                        seen.payouts().add(r.value());
                        int n = v.get("entries").size();
                        out.printf("payout    %-10s %-40s %10s %s  %d %s%n", v.get("partner").textValue(), v.get("run").textValue(),
                                v.get("amount").textValue(), v.get("currency").textValue(), n, n == 1 ? "entry" : "entries");
                    } else {
                        seen.rejections().add(r.value());
                        out.printf("rejected  %-10s %s %s%n", v.get("event").textValue(), v.get("code").textValue(), v.get("message").textValue());
                    }
                }
            }
        }
        Reference.Outputs a = new Reference.Outputs(seen.entries(), seen.payouts(), seen.rejections(), List.of()).normalized();
        Reference.Outputs e = new Reference.Outputs(expected.entries(), expected.payouts(), expected.rejections(), List.of()).normalized();
        boolean same = a.equals(e);
        out.println(seen.entries().size() + " entries, " + seen.payouts().size() + " payouts, " + seen.rejections().size()
                + " rejections: " + (same ? "the same as one ReferralEngine" : "NOT the same as one ReferralEngine"));
        return same ? 0 : 1;
    }
}
