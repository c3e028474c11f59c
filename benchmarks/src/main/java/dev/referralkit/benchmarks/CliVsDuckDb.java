package dev.referralkit.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.referralkit.json.ReferralKitJson;
import java.io.BufferedReader;
import java.io.IOException;
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
 * JSON Lines events (streaming), runs the engine and writes every entry; DuckDB ({@code SET threads = 1}, in
 * memory, through JDBC) loads the same file and computes the same payouts in SQL. Both payout totals, per
 * partner and in all, must agree to the cent, or the run stops (an exception, exit status 1).
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
 * <li><b>Both sides run as child processes</b>, measured alike ({@link ChildProcess}): wall time, CPU time
 *     (user + system) and peak resident set.</li>
 * <li><b>The command line</b> runs as a user runs it: {@code java -jar referralkit.jar run --program … --partners
 *     … --events … --entries … --json --no-progress}, JVM start included.</li>
 * <li><b>DuckDB</b> runs in a JVM of its own ({@code CliVsDuckDb --duckdb-child DIR}), which first loads
 *     DuckDB's native library (a throw-away connection), then times, on a new in-memory connection, loading
 *     the JSONL file and computing the payouts: DuckDB's <em>query</em> time, the figure the target compares
 *     against ("no more wall time than DuckDB needs to load the same JSONL and compute the same payouts").
 *     Its process's wall time (JVM start and library extraction included) is printed beside it.</li>
 * <li><b>Check</b>: the command line's balances (pending + available + paid, per partner), the sum of its
 *     entries file per partner and DuckDB's payouts per partner are equal as exact decimals; no event was
 *     rejected.</li>
 * <li><b>Output</b>: per run the wall time, CPU time and peak RSS of each side and the ratios (command line /
 *     DuckDB query: the target is at most 1 on wall time); then the medians. The runs alternate which side
 *     goes first.</li>
 * </ul>
 */
public final class CliVsDuckDb {
    private CliVsDuckDb() {
    }

    /** What the arguments say. */
    record Options(int events, int customers, Path dir, int runs, Path jar, List<String> javaOptions) {
    }

    /** One DuckDB child run: the process as measured, and the query's own wall time inside it. */
    record Duck(ChildProcess.Measured process, long queryNanos, Map<String, BigDecimal> payouts) {
    }

    /**
     * @param args see the class comment
     * @throws Exception if a file cannot be written or read, SQL fails or the results differ
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--duckdb-child")) {
            duckdbChild(Path.of(args[1]));
            return;
        }
        Options o = options(args);
        prepare(o);
        System.out.printf("W1: %,d events, %,d customers, 1,000 partners in %s; command line %s %s%n", o.events(), o.customers(),
                o.dir(), o.jar(), o.javaOptions());
        List<Long> cliWall = new ArrayList<>();
        List<Long> cliCpu = new ArrayList<>();
        List<Long> cliRss = new ArrayList<>();
        List<Long> duckQuery = new ArrayList<>();
        List<Long> duckWall = new ArrayList<>();
        List<Long> duckCpu = new ArrayList<>();
        List<Long> duckRss = new ArrayList<>();
        for (int run = 1; run <= o.runs(); run++) {
            ChildProcess.Measured cli = null;
            Duck duck = null;
            for (int side = 0; side < 2; side++) {
                boolean cliNow = (side == 0) == (run % 2 == 1);
                if (cliNow) {
                    cli = runCli(o.jar(), o.javaOptions(), o.dir());
                } else {
                    duck = runDuckDb(o.dir());
                }
            }
            Map<String, BigDecimal> balances = cliBalances(o.dir().resolve("cli-out.json"));
            Map<String, BigDecimal> entries = entryTotals(o.dir().resolve("entries.jsonl"));
            check("the command line's balances", balances, "its entries file", entries);
            check("the command line", balances, "DuckDB", duck.payouts());
            cliWall.add(cli.wallNanos());
            cliCpu.add(cli.cpuNanos());
            cliRss.add(cli.peakRssKb());
            duckQuery.add(duck.queryNanos());
            duckWall.add(duck.process().wallNanos());
            duckCpu.add(duck.process().cpuNanos());
            duckRss.add(duck.process().peakRssKb());
            System.out.printf("run %d: command line %.2f s wall, %.2f s CPU, %,d MB peak RSS; DuckDB query %.2f s (process %.2f s wall, "
                    + "%.2f s CPU, %,d MB peak RSS); command line / DuckDB query %.2f (wall); %,d partners equal, payouts %s%n", run,
                    cli.wallNanos() / 1e9, cli.cpuNanos() / 1e9, cli.peakRssKb() / 1024, duck.queryNanos() / 1e9,
                    duck.process().wallNanos() / 1e9, duck.process().cpuNanos() / 1e9, duck.process().peakRssKb() / 1024,
                    (double) cli.wallNanos() / duck.queryNanos(), balances.size(), total(balances).toPlainString());
        }
        System.out.printf("median of %d runs: command line %.2f s wall, %.2f s CPU, %,d MB peak RSS; DuckDB (1 thread) query %.2f s, "
                + "process %.2f s wall, %.2f s CPU, %,d MB peak RSS; command line / DuckDB query = %.2f (wall); "
                + "command line / DuckDB process = %.2f (wall), %.2f (CPU), %.2f (peak RSS)%n", o.runs(), median(cliWall) / 1e9,
                median(cliCpu) / 1e9, median(cliRss) / 1024, median(duckQuery) / 1e9, median(duckWall) / 1e9, median(duckCpu) / 1e9,
                median(duckRss) / 1024, (double) median(cliWall) / median(duckQuery), (double) median(cliWall) / median(duckWall),
                (double) median(cliCpu) / median(duckCpu), (double) median(cliRss) / median(duckRss));
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
        requireJar(jar);
        return new Options(events, customers, dir, runs, jar, javaOptions);
    }

    static void requireJar(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(jar + " is not the command line's jar: build it with ./mvnw -B -q -DskipTests package"
                    + " -pl examples,benchmarks -am, or give --jar");
        }
    }

    /** Writes W1 once per directory (outside the timing). */
    static void prepare(Options o) throws IOException {
        generate("W1", o.events(), o.customers(), o.dir());
    }

    /** Writes a workload's files with 1,000 partners, unless the directory has its events already. */
    static void generate(String workload, int events, int customers, Path dir) throws IOException {
        if (Files.isRegularFile(dir.resolve("events.jsonl"))) {
            return;
        }
        int status = GenerateJsonl.run(System.out, System.err, workload, "1000", Integer.toString(events), dir.toString(),
                Integer.toString(customers));
        if (status != 0) {
            throw new IllegalStateException("could not write the workload to " + dir);
        }
    }

    /** Runs the command line over a directory's files; stops unless it exits 0. */
    static ChildProcess.Measured runCli(Path jar, List<String> javaOptions, Path dir) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ChildProcess.java());
        command.addAll(javaOptions);
        command.addAll(List.of("-jar", jar.toString(), "run", "--program", dir.resolve("program.json").toString(),
                "--partners", dir.resolve("partners.json").toString(), "--events", dir.resolve("events.jsonl").toString(),
                "--entries", dir.resolve("entries.jsonl").toString(), "--json", "--no-progress"));
        ChildProcess.Measured m = ChildProcess.run(command, dir.resolve("cli-out.json"), dir.resolve("cli-err.txt"));
        if (m.status() != 0) {
            throw new IllegalStateException("the command line exited " + m.status() + ": " + Files.readString(dir.resolve("cli-err.txt")));
        }
        return m;
    }

    /** Runs DuckDB in a JVM of its own over a directory's events; stops unless it exits 0. */
    static Duck runDuckDb(Path dir) throws IOException, InterruptedException {
        Path out = dir.resolve("duckdb-out.tsv");
        ChildProcess.Measured m = ChildProcess.run(List.of(ChildProcess.java(), "-cp", System.getProperty("java.class.path"),
                CliVsDuckDb.class.getName(), "--duckdb-child", dir.toString()), out, dir.resolve("duckdb-err.txt"));
        if (m.status() != 0) {
            throw new IllegalStateException("DuckDB's process exited " + m.status() + ": " + Files.readString(dir.resolve("duckdb-err.txt")));
        }
        long query = -1;
        Map<String, BigDecimal> payouts = new TreeMap<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            if (f[0].equals("query_nanos")) {
                query = Long.parseLong(f[1]);
            } else {
                payouts.put(f[0], new BigDecimal(f[1]));
            }
        }
        if (query < 0) {
            throw new IllegalStateException("DuckDB's process did not report its query time: " + out);
        }
        return new Duck(m, query, payouts);
    }

    /** DuckDB's side, in its own JVM: loads the native library, then times one query; prints payouts and the time. */
    static void duckdbChild(Path dir) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("SELECT 1"); // loads (and extracts) the native library, outside the timing
        }
        long t0 = System.nanoTime();
        Map<String, BigDecimal> payouts = duckdbPayouts(dir);
        long query = System.nanoTime() - t0;
        StringBuilder out = new StringBuilder();
        payouts.forEach((partner, amount) -> out.append(partner).append('\t').append(amount.toPlainString()).append('\n'));
        out.append("query_nanos\t").append(query).append('\n');
        System.out.print(out);
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
