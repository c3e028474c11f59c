package dev.referralkit.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.referralkit.RejectionCode;
import dev.referralkit.engine.Outcome;
import dev.referralkit.engine.ReferralEngine;
import dev.referralkit.engine.state.RecordCodec;
import dev.referralkit.event.Channel;
import dev.referralkit.event.Event;
import dev.referralkit.event.ImmutableLead;
import dev.referralkit.event.ImmutablePayment;
import dev.referralkit.event.ImmutablePayoutRun;
import dev.referralkit.event.ImmutableRefund;
import dev.referralkit.event.ImmutableTouch;
import dev.referralkit.event.Payment;
import dev.referralkit.event.Refund;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.kafka.ReferralTopology;
import dev.referralkit.kafka.StoreKind;
import dev.referralkit.program.ImmutablePartner;
import dev.referralkit.program.Partner;
import dev.referralkit.program.Program;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The Kafka Streams topology against the single engine, side by side in one run (README "When one
 * machine is not enough", benchmarks/README.md).
 *
 * <pre>
 * KafkaTopologyBenchmark throughput WORKLOAD PARTNERS EVENTS [in_memory|persistent] [ROUNDS]
 * KafkaTopologyBenchmark broker WORKLOAD PARTNERS EVENTS [PARTITIONS] [THREADS]
 * KafkaTopologyBenchmark state CUSTOMERS [PARTNERS]
 * </pre>
 *
 * <p><b>throughput</b>: the same events, as the JSON bytes a host would write to the ingest topic (a refund
 * naming its customer), through one {@code ReferralEngine} (each record read as JSON, then processed)
 * and through the factory's topology with one partition in a {@code TopologyTestDriver}: the router, both
 * stages, every serde, the sequencer and the stores, in one thread, with no broker. The driver commits
 * after every record (flushing the record caches into the stores), where an application commits every
 * 100 ms to 30 s, so its figure is a floor of the topology's single-thread rate, not a prediction of a
 * cluster's. One warm-up round, then ROUNDS (default 3) measured, each printing both rates and their ratio.
 *
 * <p><b>broker</b>: the same events written to the ingest topic of Kafka's in-JVM KRaft test broker
 * before the application starts, then one application instance (THREADS stream threads, default 1; N
 * partitions, default 1; RocksDB stores; {@code exactly_once_v2}, its default 100 ms commit interval)
 * processes them; the rate counts from the first committed entry to the last (the group's start is left
 * out) and, beside it, from the instance's start. The broker, the application and the reading consumer
 * share the machine's cores, so this too is a floor, and the ratio to one engine in the same run is the
 * figure to compare.
 *
 * <p><b>state</b>: the bytes (keys and values as stored, which is also what the compacted changelog topics
 * hold) of each state store of the topology, per customer and per payment, measured at the margin as
 * {@code StateBreakdown} does: N customers each touched and bound by a lead, then N payments (20 %,
 * recurring) in two halves, each half followed by a payout run that settles its entries, so that what is
 * left per payment is what a later refund needs. Beside them, the single engine's state in the same
 * binary form ({@code RecordCodec}).
 */
public final class KafkaTopologyBenchmark {
    private static final String CUSTOMERS = "referralkit-customers";
    private static final String PARTNERS = "referralkit-partners";
    private static final String CONTROL = "referralkit-partner-control";

    private KafkaTopologyBenchmark() {
    }

    /**
     * @param args see the class comment
     * @throws Exception if no temporary directory can be made or the broker fails
     */
    public static void main(String[] args) throws Exception {
        System.exit(run(System.out, System.err, args));
    }

    static int run(PrintStream out, PrintStream err, String... args) throws Exception {
        String usage = "usage: KafkaTopologyBenchmark throughput WORKLOAD PARTNERS EVENTS [in_memory|persistent] [ROUNDS]\n"
                + "       KafkaTopologyBenchmark broker WORKLOAD PARTNERS EVENTS [PARTITIONS] [THREADS]\n"
                + "       KafkaTopologyBenchmark state CUSTOMERS [PARTNERS]";
        try {
            if (args.length >= 4 && args[0].equals("throughput")) {
                Workloads.Workload w = Workloads.Workload.valueOf(args[1]);
                StoreKind kind = args.length > 4 ? StoreKind.valueOf(args[4].toUpperCase(Locale.ROOT)) : StoreKind.IN_MEMORY;
                int rounds = args.length > 5 ? Integer.parseInt(args[5]) : 3;
                throughput(out, w, Integer.parseInt(args[2]), Integer.parseInt(args[3]), kind, rounds);
                return 0;
            }
            if (args.length >= 4 && args[0].equals("broker")) {
                Workloads.Workload w = Workloads.Workload.valueOf(args[1]);
                broker(out, w, Integer.parseInt(args[2]), Integer.parseInt(args[3]), args.length > 4 ? Integer.parseInt(args[4]) : 1,
                        args.length > 5 ? Integer.parseInt(args[5]) : 1);
                return 0;
            }
            if (args.length >= 2 && args[0].equals("state")) {
                state(out, Integer.parseInt(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 1_000);
                return 0;
            }
        } catch (IllegalArgumentException e) {
            err.println(usage + "\n" + e.getMessage());
            return 2;
        }
        err.println(usage);
        return 2;
    }

    /** One ingest record. */
    private record Input(byte[] key, byte[] value) {
    }

    private static List<Input> inputs(List<Event> events) {
        Map<String, String> customerOf = new HashMap<>();
        List<Input> inputs = new ArrayList<>(events.size());
        for (Event e : events) {
            if (e instanceof Payment p) {
                customerOf.put(p.id(), p.customer());
            }
            Event shown = e instanceof Refund r && r.customer().isEmpty()
                    ? ImmutableRefund.copyOf(r).withCustomer(customerOf.get(r.payment())) : e;
            String customer = shown.customerId().orElse(null);
            inputs.add(new Input(customer == null ? null : customer.getBytes(StandardCharsets.UTF_8),
                    ReferralKitJson.write(shown).getBytes(StandardCharsets.UTF_8)));
        }
        return inputs;
    }

    private static void throughput(PrintStream out, Workloads.Workload w, int partners, int eventCount, StoreKind kind, int rounds)
            throws IOException {
        Workloads.Data data = Workloads.generate(w, partners, eventCount, 42);
        List<Input> inputs = inputs(data.events);
        out.printf("%s, %d partners, %d events, %s stores; one thread; events/s%n", w, partners, inputs.size(),
                kind.name().toLowerCase(Locale.ROOT));
        out.println("| round | engine (JSON in) | topology (TopologyTestDriver, 1 partition) | topology / engine |");
        out.println("|---|---:|---:|---:|");
        for (int round = 0; round <= rounds; round++) {
            long t0 = System.nanoTime();
            long engineEntries = engine(data.program, data.partners, inputs);
            long t1 = System.nanoTime();
            long topologyEntries = topology(data.program, data.partners, inputs, kind);
            long t2 = System.nanoTime();
            if (engineEntries != topologyEntries) {
                throw new IllegalStateException("the topology made " + topologyEntries + " entries, the engine " + engineEntries);
            }
            double engineRate = inputs.size() * 1e9 / (t1 - t0);
            double topologyRate = inputs.size() * 1e9 / (t2 - t1);
            out.printf("| %s | %,.0f | %,.0f | %.2f |%n", round == 0 ? "warm-up" : Integer.toString(round), engineRate, topologyRate,
                    topologyRate / engineRate);
        }
    }

    private static void broker(PrintStream out, Workloads.Workload w, int partners, int eventCount, int partitions, int threads)
            throws Exception {
        Workloads.Data data = Workloads.generate(w, partners, eventCount, 42);
        List<Input> inputs = inputs(data.events);
        engine(data.program, data.partners, inputs); // warm-up
        long t0 = System.nanoTime();
        long expected = engine(data.program, data.partners, inputs);
        double engineRate = inputs.size() * 1e9 / (System.nanoTime() - t0);
        ReferralTopology app = ReferralTopology.builder(data.program, data.partners).partitions(partitions).build();
        Path dir = Files.createTempDirectory("referralkit-benchmark-");
        try (KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build()) {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            String bootstrap = cluster.bootstrapServers();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                List<NewTopic> topics = new ArrayList<>();
                app.topicsToCreate().forEach((name, n) -> topics.add(new NewTopic(name, n, (short) 1)));
                admin.createTopics(topics).all().get();
            }
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.LINGER_MS_CONFIG, 20), new ByteArraySerializer(), new ByteArraySerializer())) {
                for (Input in : inputs) {
                    producer.send(new ProducerRecord<>(app.topics().ingest(), in.key(), in.value()));
                }
            }
            Properties props = app.streamsConfig("referralkit-benchmark", bootstrap);
            props.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
            props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
            props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.GROUP_ID_CONFIG, "referralkit-benchmark-reader", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new StringDeserializer());
                    KafkaStreams streams = new KafkaStreams(app.topology(), props)) {
                consumer.subscribe(List.of(app.topics().entries()));
                long start = System.nanoTime();
                streams.start();
                long first = 0;
                long last = 0;
                long seen = 0;
                long deadline = start + java.util.concurrent.TimeUnit.MINUTES.toNanos(30);
                while (seen < expected && System.nanoTime() < deadline) {
                    int n = consumer.poll(java.time.Duration.ofMillis(100)).count();
                    if (n > 0) {
                        last = System.nanoTime();
                        first = first == 0 ? last : first;
                        seen += n;
                    }
                }
                if (seen != expected) {
                    throw new IllegalStateException("the topology committed " + seen + " entries, the engine made " + expected);
                }
                double steady = inputs.size() * 1e9 / (last - first);
                double whole = inputs.size() * 1e9 / (last - start);
                out.printf("%s, %d partners, %d events, %d partition(s), %d thread(s), RocksDB, exactly_once_v2; events/s%n", w, partners,
                        inputs.size(), partitions, threads);
                out.println("| engine (JSON in) | topology, first to last entry | topology, from start | topology / engine |");
                out.println("|---:|---:|---:|---:|");
                out.printf("| %,.0f | %,.0f | %,.0f | %.2f |%n", engineRate, steady, whole, steady / engineRate);
                streams.close(java.time.Duration.ofSeconds(30));
            }
        } finally {
            delete(dir);
        }
    }

    private static long engine(Program program, List<Partner> partners, List<Input> inputs) {
        ReferralEngine engine = ReferralEngine.create(program, partners);
        long entries = 0;
        for (Input in : inputs) {
            JsonNode node = ReferralKitJson.readTree(new String(in.value(), StandardCharsets.UTF_8), RejectionCode.INVALID_EVENT);
            Outcome o = engine.process(node);
            entries += o.entries().size();
        }
        return entries;
    }

    private static Properties props(Path stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "referralkit-benchmark");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        return props;
    }

    private static long topology(Program program, List<Partner> partners, List<Input> inputs, StoreKind kind) throws IOException {
        ReferralTopology app = ReferralTopology.builder(program, partners).stores(kind).topics(ReferralTopology.Topics.withPrefix("")
                .withoutBindings()).build();
        Path dir = Files.createTempDirectory("referralkit-benchmark-");
        try (TopologyTestDriver driver = new TopologyTestDriver(app.topology(), props(dir))) {
            TestInputTopic<byte[], byte[]> ingest = driver.createInputTopic("ingest", new ByteArraySerializer(), new ByteArraySerializer());
            var entries = driver.createOutputTopic("entries", new StringDeserializer(), new StringDeserializer());
            long count = 0;
            for (Input in : inputs) {
                ingest.pipeInput(in.key(), in.value());
                count += entries.getQueueSize();
                entries.readValuesToList();
            }
            driver.advanceWallClockTime(ReferralTopology.DEFAULT_MARK_INTERVAL);
            return count + entries.readValuesToList().size();
        } finally {
            delete(dir);
        }
    }

    private static void state(PrintStream out, int n, int partnerCount) throws IOException {
        Program program = Program.parse("{\"currency\":\"USD\",\"holdDays\":0,\"rewards\":{\"payment\":{\"type\":\"recurring\","
                + "\"reward\":{\"type\":\"percent\",\"percent\":\"20\"}}}}");
        List<Partner> partners = new ArrayList<>();
        for (int i = 0; i < partnerCount; i++) {
            partners.add(ImmutablePartner.builder().id("partner-" + i).build());
        }
        ReferralTopology app = ReferralTopology.builder(program, partners).stores(StoreKind.IN_MEMORY)
                .topics(ReferralTopology.Topics.withPrefix("").withoutBindings()).build();
        ReferralEngine engine = ReferralEngine.create(program, partners);
        Path dir = Files.createTempDirectory("referralkit-benchmark-");
        try (TopologyTestDriver driver = new TopologyTestDriver(app.topology(), props(dir))) {
            TestInputTopic<byte[], byte[]> ingest = driver.createInputTopic("ingest", new ByteArraySerializer(), new ByteArraySerializer());
            Instant t = Instant.parse("2026-01-01T00:00:00Z");
            Map<String, long[]> marks = new LinkedHashMap<>();
            marks.put("start", bytes(driver, engine));
            for (int c = 0; c < n; c++) {
                if (c == n / 2) {
                    marks.put("customers/2", bytes(driver, engine));
                }
                String customer = "customer-" + c;
                send(ingest, engine, ImmutableTouch.builder().id("touch-" + c).at(t).partner("partner-" + (c % partnerCount))
                        .customer(customer).channel(Channel.LINK).build());
                send(ingest, engine, ImmutableLead.builder().id("lead-" + c).at(t.plusSeconds(1)).customer(customer).build());
            }
            marks.put("customers", bytes(driver, engine));
            Currency usd = Currency.getInstance("USD");
            for (int c = 0; c < n; c++) {
                boolean second = c >= n / 2;
                if (c == n / 2) {
                    send(ingest, engine, ImmutablePayoutRun.builder().id("run-1").at(t.plusSeconds(3)).build());
                    driver.advanceWallClockTime(ReferralTopology.DEFAULT_MARK_INTERVAL);
                    marks.put("payments/2", bytes(driver, engine));
                }
                send(ingest, engine, ImmutablePayment.builder().id("invoice-" + c).at(t.plusSeconds(second ? 4 : 2))
                        .customer("customer-" + c).amount(new BigDecimal("49.00")).currency(usd).build());
            }
            send(ingest, engine, ImmutablePayoutRun.builder().id("run-2").at(t.plusSeconds(5)).build());
            driver.advanceWallClockTime(ReferralTopology.DEFAULT_MARK_INTERVAL);
            marks.put("payments", bytes(driver, engine));
            long[] c1 = marks.get("customers/2");
            long[] c2 = marks.get("customers");
            long[] p1 = marks.get("payments/2");
            long[] p2 = marks.get("payments");
            int half = n - n / 2;
            out.printf("state-store bytes (keys + values), %d customers, %d partners, measured over the second half%n", n, partnerCount);
            out.println("| | customer stage | partner stage | partner control | topology | one engine (same codec) |");
            out.println("|---|---:|---:|---:|---:|---:|");
            out.printf("| per customer (touched, bound by a lead) | %.1f | %.1f | %.1f | %.1f | %.1f |%n", per(c1, c2, 0, half),
                    per(c1, c2, 1, half), per(c1, c2, 2, half), per(c1, c2, 0, half) + per(c1, c2, 1, half) + per(c1, c2, 2, half),
                    per(c1, c2, 3, half));
            out.printf("| per payment (20 %%, entries settled) | %.1f | %.1f | %.1f | %.1f | %.1f |%n", per(p1, p2, 0, half),
                    per(p1, p2, 1, half), per(p1, p2, 2, half), per(p1, p2, 0, half) + per(p1, p2, 1, half) + per(p1, p2, 2, half),
                    per(p1, p2, 3, half));
            long[] s0 = marks.get("start");
            out.printf("| per partner, before any event (every stage keeps all partners) | %.1f | %.1f | %.1f | %.1f | %.1f |%n",
                    s0[0] / (double) partnerCount, s0[1] / (double) partnerCount, s0[2] / (double) partnerCount,
                    (s0[0] + s0[1] + s0[2]) / (double) partnerCount, s0[3] / (double) partnerCount);
        } finally {
            delete(dir);
        }
    }

    private static double per(long[] before, long[] after, int i, int count) {
        return (after[i] - before[i]) / (double) count;
    }

    private static void send(TestInputTopic<byte[], byte[]> ingest, ReferralEngine engine, Event e) {
        String customer = e.customerId().orElse(null);
        ingest.pipeInput(customer == null ? null : customer.getBytes(StandardCharsets.UTF_8),
                ReferralKitJson.write(e).getBytes(StandardCharsets.UTF_8));
        engine.process(e);
    }

    /** @return the bytes of the customer store, the partner store, the control store, and the engine's records */
    private static long[] bytes(TopologyTestDriver driver, ReferralEngine engine) {
        long[] engineBytes = {0};
        engine.forEachRecord(r -> engineBytes[0] += RecordCodec.key(r).length + RecordCodec.value(r).length);
        return new long[] {storeBytes(driver, CUSTOMERS), storeBytes(driver, PARTNERS), storeBytes(driver, CONTROL), engineBytes[0]};
    }

    private static long storeBytes(TopologyTestDriver driver, String name) {
        KeyValueStore<Bytes, byte[]> store = driver.getKeyValueStore(name);
        long total = 0;
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                total += kv.key.get().length + kv.value.length;
            }
        }
        return total;
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
