package dev.referralkit.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.referralkit.json.ReferralKitJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The command line end to end against DuckDB, side by side in one run, on workload W1 (20 % of a
 * customer's first payment, last touch within 30 days; 1,000 Zipf partners): the command line reads the
 * JSON Lines events, runs the engine and writes every entry; DuckDB ({@code SET threads = 1}, in memory,
 * through JDBC) loads the same file and computes the same payouts in SQL. Both payout totals, per partner
 * and in all, must agree to the cent, or the run stops.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.referralkit.benchmarks.CliVsDuckDb \
 *     [EVENTS [CUSTOMERS [DIR [RUNS]]]] [--jar examples/target/referralkit.jar] [--java-option -Xmx256m]...
 * </pre>
 *
 * <ul>
 * <li><b>Files</b>, made once per directory outside the timing ({@link GenerateJsonl}'s {@code program.json},
 *     {@code partners.json}, {@code events.jsonl}); defaults: 1,000,000 events over 250,000 customers in
 *     {@code /tmp/referralkit-cli-bench}.</li>
 * <li><b>The command line</b> runs as a child process, as a user runs it: {@code java -jar referralkit.jar run
 *     --program … --partners … --events … --entries … --json --no-progress}, JVM start included. Its CPU time
 *     is the child's user + system time (Linux: the harness's {@code /proc/self/stat} fields {@code cutime}
 *     and {@code cstime}, which count the children it waited for).</li>
 * <li><b>DuckDB</b> runs in this process on a new in-memory connection per run: its CPU time is this
 *     process's over the query (DuckDB's thread, the JVM's own threads too). Its native library is loaded by a
 *     warm-up query first, so DuckDB is timed warm while the command line starts cold.</li>
 * <li><b>Check</b>: the command line's balances (pending + available + paid, per partner), the sum of its
 *     entries file per partner and DuckDB's payouts per partner are equal as exact decimals; no event was
 *     rejected.</li>
 * <li><b>Output</b>: per run the wall and CPU time of each side and their ratios (command line / DuckDB:
 *     the target is at most 1 on wall time); then the medians. The runs alternate which side goes first.</li>
 * </ul>
 */
public final class CliVsDuckDb {
    private CliVsDuckDb() {
    }

    /** What the arguments say. */
    record Options(int events, int customers, Path dir, int runs, Path jar, List<String> javaOptions) {
    }

    /**
     * @param args see the class comment
     * @throws Exception if a file cannot be written or read, SQL fails or the results differ
     */
    public static void main(String[] args) throws Exception {
        Options o = options(args);
        prepare(o);
        duckdbPayouts(o.dir()); // loads DuckDB's native library, outside the timing
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<Long> cliWall = new ArrayList<>();
        List<Long> cliCpu = new ArrayList<>();
        List<Long> duckWall = new ArrayList<>();
        List<Long> duckCpu = new ArrayList<>();
        for (int run = 1; run <= o.runs(); run++) {
            long[] cli = null;
            long[] duck = null;
            Map<String, BigDecimal> sql = null;
            for (int side = 0; side < 2; side++) {
                boolean cliNow = (side == 0) == (run % 2 == 1);
                if (cliNow) {
                    cli = runCli(o);
                } else {
                    System.gc();
                    long c0 = os.getProcessCpuTime();
                    long t0 = System.nanoTime();
                    sql = duckdbPayouts(o.dir());
                    duck = new long[] {System.nanoTime() - t0, os.getProcessCpuTime() - c0};
                }
            }
            Map<String, BigDecimal> balances = cliBalances(o.dir().resolve("cli-out.json"));
            Map<String, BigDecimal> entries = entryTotals(o.dir().resolve("entries.jsonl"));
            check("the command line's balances", balances, "its entries file", entries);
            check("the command line", balances, "DuckDB", sql);
            cliWall.add(cli[0]);
            cliCpu.add(cli[1]);
            duckWall.add(duck[0]);
            duckCpu.add(duck[1]);
            System.out.printf("run %d: command line %.2f s (CPU %.2f s), DuckDB %.2f s (CPU %.2f s), wall ratio %.2f, CPU ratio %.2f;"
                    + " %,d partners equal, payouts %s%n", run, cli[0] / 1e9, cli[1] / 1e9, duck[0] / 1e9, duck[1] / 1e9,
                    (double) cli[0] / duck[0], (double) cli[1] / duck[1], balances.size(), total(balances).toPlainString());
        }
        System.out.printf("median of %d runs: command line %.2f s, DuckDB (1 thread) %.2f s, command line / DuckDB = %.2f (wall); "
                + "%.2f s / %.2f s = %.2f (CPU, GC and JIT included)%n", o.runs(), median(cliWall) / 1e9, median(duckWall) / 1e9,
                (double) median(cliWall) / median(duckWall), median(cliCpu) / 1e9, median(duckCpu) / 1e9,
                (double) median(cliCpu) / median(duckCpu));
    }

    static Options options(String[] args) {
        List<String> positional = new ArrayList<>();
        Path jar = Path.of("examples/target/referralkit.jar");
        List<String> javaOptions = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--jar") && i + 1 < args.length) {
                jar = Path.of(args[++i]);
            } else if (args[i].equals("--java-option") && i + 1 < args.length) {
                javaOptions.add(args[++i]);
            } else if (args[i].startsWith("--")) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; usage: CliVsDuckDb [EVENTS [CUSTOMERS [DIR [RUNS]]]]"
                        + " [--jar referralkit.jar] [--java-option OPTION]...");
            } else {
                positional.add(args[i]);
            }
        }
        int events = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 1_000_000;
        int customers = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 250_000;
        Path dir = Path.of(positional.size() > 2 ? positional.get(2) : "/tmp/referralkit-cli-bench");
        int runs = positional.size() > 3 ? Integer.parseInt(positional.get(3)) : 3;
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(jar + " is not the command line's jar: build it with ./mvnw -B -q -DskipTests package"
                    + " -pl examples,benchmarks -am, or give --jar");
        }
        return new Options(events, customers, dir, runs, jar, javaOptions);
    }

    /** Writes W1 once per directory (outside the timing). */
    static void prepare(Options o) throws IOException {
        if (Files.isRegularFile(o.dir().resolve("events.jsonl"))) {
            return;
        }
        int status = GenerateJsonl.run(System.out, System.err, "W1", "1000", Integer.toString(o.events()), o.dir().toString(),
                Integer.toString(o.customers()));
        if (status != 0) {
            throw new IllegalStateException("could not write the workload to " + o.dir());
        }
    }

    /** @return wall and CPU nanoseconds of one command line run */
    static long[] runCli(Options o) throws IOException, InterruptedException {
        Path dir = o.dir();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(o.javaOptions());
        command.addAll(List.of("-jar", o.jar().toString(), "run", "--program", dir.resolve("program.json").toString(),
                "--partners", dir.resolve("partners.json").toString(), "--events", dir.resolve("events.jsonl").toString(),
                "--entries", dir.resolve("entries.jsonl").toString(), "--json", "--no-progress"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(dir.resolve("cli-out.json").toFile())
                .redirectError(dir.resolve("cli-err.txt").toFile());
        System.gc();
        long c0 = childrenCpuNanos();
        long t0 = System.nanoTime();
        Process p = pb.start();
        int status = p.waitFor();
        long wall = System.nanoTime() - t0;
        long cpu = childrenCpuNanos() - c0;
        if (status != 0) {
            throw new IllegalStateException("the command line exited " + status + ": " + Files.readString(dir.resolve("cli-err.txt")));
        }
        return new long[] {wall, cpu};
    }

    /** User + system time of this process's waited-for children (Linux {@code /proc/self/stat}, 100 ticks a second). */
    static long childrenCpuNanos() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields after the command: state is field 3 of stat(5), so cutime (16) and cstime (17) are at 13 and 14
        return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) * 10_000_000L;
    }

    /**
     * The payouts of W1 in SQL: a customer's first payment pays 20 % (rounded half-even to the cent) to the
     * partner of the customer's last touch at or before it, within the 30-day window.
     *
     * @return payouts per partner
     */
    static Map<String, BigDecimal> duckdbPayouts(Path dir) throws SQLException {
        String events = dir.resolve("events.jsonl").toString().replace("'", "''");
        String sql = "WITH ev AS (SELECT * FROM read_json('" + events + "', format = 'newline_delimited', columns = {"
                + "type: 'VARCHAR', id: 'VARCHAR', \"at\": 'TIMESTAMPTZ', partner: 'VARCHAR', customer: 'VARCHAR', "
                + "amount: 'DECIMAL(18,2)'})),\n"
                + "firsts AS (SELECT customer, arg_min(amount, \"at\") AS amount, min(\"at\") AS \"at\" FROM ev "
                + "WHERE type = 'payment' GROUP BY customer),\n"
                + "bound AS (SELECT f.customer, any_value(f.amount) AS amount, arg_max(t.partner, t.\"at\") AS partner FROM firsts f "
                + "JOIN ev t ON t.type = 'touch' AND t.customer = f.customer AND t.\"at\" <= f.\"at\" "
                + "AND t.\"at\" >= f.\"at\" - INTERVAL 30 DAY GROUP BY f.customer)\n"
                + "SELECT partner, sum(round_even(amount * 0.20, 2)) FROM bound GROUP BY partner";
        Map<String, BigDecimal> out = new TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("SET threads = 1");
            s.execute("SET TimeZone = 'UTC'");
            try (ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    BigDecimal v = rs.getBigDecimal(2);
                    if (v.signum() != 0) {
                        out.put(rs.getString(1), v);
                    }
                }
            }
        }
        return out;
    }

    /** @return pending + available + paid per partner from {@code run --json}'s balances (USD only in W1) */
    static Map<String, BigDecimal> cliBalances(Path file) throws IOException {
        JsonNode root = ReferralKitJson.mapper().readTree(file.toFile());
        long rejected = root.path("counts").path("rejected").asLong(-1);
        if (rejected != 0) {
            throw new IllegalStateException("the command line rejected " + rejected + " events: " + root.path("rejected"));
        }
        Map<String, BigDecimal> out = new TreeMap<>();
        for (JsonNode b : root.path("balances")) {
            BigDecimal sum = new BigDecimal(b.get("pending").asText()).add(new BigDecimal(b.get("available").asText()))
                    .add(new BigDecimal(b.get("paid").asText()));
            if (sum.signum() != 0) {
                out.merge(b.get("partner").asText(), sum, BigDecimal::add);
            }
        }
        return out;
    }

    /** @return the amounts of an entries file summed per partner */
    static Map<String, BigDecimal> entryTotals(Path file) throws IOException {
        Map<String, BigDecimal> out = new TreeMap<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonNode e = ReferralKitJson.mapper().readTree(line);
                out.merge(e.get("partner").asText(), new BigDecimal(e.get("amount").asText()), BigDecimal::add);
            }
        }
        out.values().removeIf(v -> v.signum() == 0);
        return out;
    }

    /** Stops the run unless both sides have the same partners with equal amounts. */
    static void check(String oneName, Map<String, BigDecimal> one, String otherName, Map<String, BigDecimal> other) {
        if (!one.keySet().equals(other.keySet())) {
            throw new IllegalStateException(oneName + " pays " + one.size() + " partners, " + otherName + " " + other.size());
        }
        one.forEach((partner, amount) -> {
            if (amount.compareTo(other.get(partner)) != 0) {
                throw new IllegalStateException("partner " + partner + ": " + oneName + " " + amount.toPlainString() + ", " + otherName
                        + " " + other.get(partner).toPlainString());
            }
        });
        if (total(one).compareTo(total(other)) != 0) {
            throw new IllegalStateException("totals differ: " + total(one) + " and " + total(other));
        }
    }

    static BigDecimal total(Map<String, BigDecimal> amounts) {
        return amounts.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }
}
