package dev.referralkit.benchmarks;

import dev.referralkit.engine.Outcome;
import dev.referralkit.engine.ReferralEngine;
import dev.referralkit.engine.ReferralProgram;
import dev.referralkit.event.Event;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.ledger.Entry;
import dev.referralkit.program.Partner;
import dev.referralkit.program.Program;
import dev.referralkit.reports.LedgerFiles;
import dev.referralkit.reports.MoneyFigures;
import dev.referralkit.reports.PartnerReport;
import dev.referralkit.reports.PeriodFigures;
import dev.referralkit.reports.Report;
import dev.referralkit.reports.ReportBuilder;
import dev.referralkit.reports.ReportOptions;
import java.io.BufferedWriter;
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
import java.util.Optional;
import java.util.TreeMap;

/**
 * The report from files against DuckDB computing the same per-partner, per-month figures in SQL
 * from the same JSON Lines files, side by side in one run, both results checked equal.
 *
 * <pre>
 * java -Xmx12g -cp benchmarks/target/benchmarks.jar dev.referralkit.benchmarks.ReportVsDuckDb [EVENTS] [DIR] [RUNS]
 * </pre>
 *
 * <p>Once per directory (outside the timing) it writes workload W4 (recurring commissions, refunds
 * and clawbacks, monthly payout runs; 1,000 Zipf partners; a quarter as many customers as events)
 * as {@code program.json}, {@code partners.json}, {@code events.jsonl}, then runs the engine over it
 * and writes what it made: {@code entries.jsonl} and {@code bindings.jsonl}. Each run then times,
 * alternately, {@link LedgerFiles} feeding a {@link ReportBuilder} and building the whole report (every
 * figure, not only those compared), and DuckDB ({@code SET threads = 1}) reading the three files
 * with {@code read_json} and computing clicks, conversions, gross revenue, refunds, commissions and
 * payouts per partner and month. The figures compared are those both compute; the ratio is report
 * time over DuckDB time (the target is at most 2).
 */
public final class ReportVsDuckDb {
    private static final String[] FIGURES = {"clicks", "conversions", "grossRevenue", "refunds", "commissions", "paid"};

    private ReportVsDuckDb() {
    }

    /**
     * @param args events (default 10,000,000), directory (default /tmp/referralkit-report-bench), runs (default 3)
     * @throws Exception if a file cannot be written or read, or SQL fails
     */
    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        Path dir = Path.of(args.length > 1 ? args[1] : "/tmp/referralkit-report-bench");
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        if (!Files.exists(dir.resolve("bindings.jsonl"))) {
            prepare(events, dir);
        }
        ReferralProgram program = ReferralProgram.parse(Files.readString(dir.resolve("program.json")),
                Files.readString(dir.resolve("partners.json")));
        List<Long> reportNanos = new ArrayList<>();
        List<Long> duckNanos = new ArrayList<>();
        List<Long> reportCpu = new ArrayList<>();
        List<Long> duckCpu = new ArrayList<>();
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int run = 1; run <= runs; run++) {
            System.gc();
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            Report report = report(program, dir);
            long t1 = System.nanoTime();
            long c1 = os.getProcessCpuTime();
            Map<String, List<BigDecimal>> sql = duckdb(dir);
            long t2 = System.nanoTime();
            long c2 = os.getProcessCpuTime();
            reportNanos.add(t1 - t0);
            duckNanos.add(t2 - t1);
            reportCpu.add(c1 - c0);
            duckCpu.add(c2 - c1);
            Map<String, List<BigDecimal>> ours = figures(report);
            check(ours, sql);
            System.out.printf("run %d: report %.2f s (CPU %.2f s), DuckDB %.2f s (CPU %.2f s), wall ratio %.2f, CPU ratio %.2f;"
                    + " %,d partner-months equal (%,d events)%n", run, (t1 - t0) / 1e9, (c1 - c0) / 1e9, (t2 - t1) / 1e9,
                    (c2 - c1) / 1e9, (double) (t1 - t0) / (t2 - t1), (double) (c1 - c0) / (c2 - c1), ours.size(), report.events());
        }
        long r = median(reportNanos);
        long d = median(duckNanos);
        System.out.printf("median of %d runs: report %.2f s, DuckDB (1 thread) %.2f s, report / DuckDB = %.2f (wall); "
                + "%.2f s / %.2f s = %.2f (process CPU, GC and JIT included)%n", runs, r / 1e9, d / 1e9, (double) r / d,
                median(reportCpu) / 1e9, median(duckCpu) / 1e9, (double) median(reportCpu) / median(duckCpu));
    }

    static Report report(ReferralProgram program, Path dir) {
        ReportBuilder builder = ReportBuilder.create(program, ReportOptions.monthly());
        LedgerFiles.feed(builder, dir.resolve("events.jsonl"), dir.resolve("entries.jsonl"), dir.resolve("bindings.jsonl"),
                (n, read, total) -> { });
        return builder.build();
    }

    /** Per partner and month, in the program currency: the figures the SQL computes too; rows that are all zero left out. */
    static Map<String, List<BigDecimal>> figures(Report report) {
        String code = report.currency().getCurrencyCode();
        Map<String, List<BigDecimal>> out = new TreeMap<>();
        for (PartnerReport p : report.partners()) {
            for (PeriodFigures f : p.figures().periods()) {
                Optional<MoneyFigures> m = f.money(code);
                BigDecimal z = BigDecimal.ZERO;
                List<BigDecimal> row = List.of(BigDecimal.valueOf(f.clicks()), f.conversions().toBigDecimal(10),
                        m.map(MoneyFigures::grossRevenue).orElse(z), m.map(MoneyFigures::refunds).orElse(z),
                        m.map(MoneyFigures::commissions).orElse(z), m.map(MoneyFigures::paid).orElse(z));
                if (row.stream().anyMatch(v -> v.signum() != 0)) {
                    out.put(p.partner() + " " + f.period(), row);
                }
            }
        }
        return out;
    }

    static Map<String, List<BigDecimal>> duckdb(Path dir) throws SQLException {
        String events = dir.resolve("events.jsonl").toString().replace("'", "''");
        String entries = dir.resolve("entries.jsonl").toString().replace("'", "''");
        String bindings = dir.resolve("bindings.jsonl").toString().replace("'", "''");
        String sql = "WITH ev AS (SELECT * FROM read_json('" + events + "', format = 'newline_delimited', columns = {"
                + "type: 'VARCHAR', id: 'VARCHAR', \"at\": 'TIMESTAMPTZ', partner: 'VARCHAR', customer: 'VARCHAR', channel: 'VARCHAR', "
                + "amount: 'DECIMAL(18,3)', tax: 'DECIMAL(18,3)', payment: 'VARCHAR'})),\n"
                + "b AS (SELECT customer, credits[1].partner AS partner FROM read_json('" + bindings + "', format = 'newline_delimited', "
                + "columns = {customer: 'VARCHAR', event: 'VARCHAR', credits: 'STRUCT(partner VARCHAR, weight VARCHAR)[]'}) "
                + "WHERE len(credits) = 1),\n"
                + "en AS (SELECT * FROM read_json('" + entries + "', format = 'newline_delimited', columns = {"
                + "kind: 'VARCHAR', partner: 'VARCHAR', event: 'VARCHAR', amount: 'DECIMAL(18,3)'})),\n"
                + "m AS (SELECT id, strftime(\"at\", '%Y-%m') AS month FROM ev),\n"
                + "pay AS (SELECT e.id, e.customer, e.\"at\", e.amount, e.amount - coalesce(e.tax, 0) AS base, strftime(e.\"at\", '%Y-%m') AS month, "
                + "b.partner FROM ev e JOIN b USING (customer) WHERE e.type = 'payment'),\n"
                + "refunded AS (SELECT payment, sum(amount) AS r FROM ev WHERE type = 'refund' GROUP BY payment),\n"
                + "firsts AS (SELECT arg_min(id, \"at\") AS id FROM pay GROUP BY customer),\n"
                + "clicks AS (SELECT partner, strftime(\"at\", '%Y-%m') AS month, count(*) AS n FROM ev "
                + "WHERE type = 'touch' AND channel = 'link' GROUP BY ALL),\n"
                + "conv AS (SELECT p.partner, p.month, count(*) AS n FROM firsts f JOIN pay p ON p.id = f.id "
                + "LEFT JOIN refunded r ON r.payment = p.id WHERE p.amount = 0 OR coalesce(r.r, 0) <> p.amount GROUP BY ALL),\n"
                + "gross AS (SELECT partner, month, sum(base) AS g FROM pay GROUP BY ALL),\n"
                + "refunds AS (SELECT p.partner, strftime(e.\"at\", '%Y-%m') AS month, sum(e.amount) AS r FROM ev e "
                + "JOIN pay p ON p.id = e.payment WHERE e.type = 'refund' GROUP BY ALL),\n"
                + "comm AS (SELECT en.partner, m.month, sum(en.amount) FILTER (WHERE kind <> 'PAYOUT') AS c, "
                + "-sum(en.amount) FILTER (WHERE kind = 'PAYOUT') AS pd FROM en JOIN m ON m.id = en.event GROUP BY ALL)\n"
                + "SELECT partner, month, coalesce(clicks.n, 0), coalesce(conv.n, 0), coalesce(g, 0), coalesce(r, 0), "
                + "coalesce(c, 0), coalesce(pd, 0) FROM clicks FULL JOIN conv USING (partner, month) FULL JOIN gross USING (partner, month) "
                + "FULL JOIN refunds USING (partner, month) FULL JOIN comm USING (partner, month)";
        Map<String, List<BigDecimal>> out = new TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("SET threads = 1");
            s.execute("SET TimeZone = 'UTC'");
            try (ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    List<BigDecimal> row = new ArrayList<>();
                    for (int i = 3; i <= 8; i++) {
                        row.add(rs.getBigDecimal(i));
                    }
                    if (row.stream().anyMatch(v -> v.signum() != 0)) {
                        out.put(rs.getString(1) + " " + rs.getString(2), row);
                    }
                }
            }
        }
        return out;
    }

    static void check(Map<String, List<BigDecimal>> ours, Map<String, List<BigDecimal>> sql) {
        if (!ours.keySet().equals(sql.keySet())) {
            List<String> only = new ArrayList<>(ours.keySet());
            only.removeAll(sql.keySet());
            List<String> theirs = new ArrayList<>(sql.keySet());
            theirs.removeAll(ours.keySet());
            throw new IllegalStateException("partner-months differ: only in the report " + first(only) + ", only in DuckDB "
                    + first(theirs));
        }
        ours.forEach((key, row) -> {
            List<BigDecimal> other = sql.get(key);
            for (int i = 0; i < row.size(); i++) {
                if (row.get(i).compareTo(other.get(i)) != 0) {
                    throw new IllegalStateException(key + " " + FIGURES[i] + ": report " + row.get(i).toPlainString()
                            + ", DuckDB " + other.get(i).toPlainString());
                }
            }
        });
    }

    private static List<String> first(List<String> keys) {
        return keys.subList(0, Math.min(5, keys.size()));
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    /** Writes the workload and what the engine made of it; every event must be accepted (the journal is the event file). */
    static void prepare(int events, Path dir) throws IOException {
        Files.createDirectories(dir);
        Workloads.Data data = Workloads.generate(Workloads.Workload.W4, 1000, events, events / 4, 20261129L);
        Program program = data.program;
        List<Partner> partners = data.partners;
        Files.writeString(dir.resolve("program.json"), ReferralKitJson.write(program));
        Files.writeString(dir.resolve("partners.json"), ReferralKitJson.write(partners));
        ReferralEngine engine = ReferralEngine.create(program, partners);
        try (BufferedWriter ev = writer(dir.resolve("events.jsonl")); BufferedWriter en = writer(dir.resolve("entries.jsonl"));
             BufferedWriter bi = writer(dir.resolve("bindings.jsonl"))) {
            for (Event e : data.events) {
                Outcome o = engine.process(e);
                if (!o.isAccepted()) {
                    throw new IllegalStateException("the workload's event " + e.id() + " was rejected: " + o.rejection().get());
                }
                ev.write(ReferralKitJson.write(e));
                ev.newLine();
                for (Entry entry : o.entries()) {
                    en.write(ReferralKitJson.write(entry));
                    en.newLine();
                }
                if (o.binding().isPresent()) {
                    bi.write(LedgerFiles.bindingLine(o.binding().get()));
                    bi.newLine();
                }
            }
        }
        System.out.println("wrote " + data.events.size() + " events and what the engine made of them to " + dir);
    }

    private static BufferedWriter writer(Path file) throws IOException {
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }
}
