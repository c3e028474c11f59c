package dev.referralkit.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.referralkit.json.ReferralKitJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that the command line streams a large W4 workload (20 % of every payment in a customer's first 12
 * months, a 50.00 payout minimum, 5 % refunds and clawbacks, monthly payout runs) within a small heap:
 * it runs {@code run --program … --events … --entries …} with {@code -Xmx256m} (or the given limit) as a child
 * process and stops unless it exits 0 with every event accepted and one entry line per entry counted.
 * Prints wall time, CPU time and peak resident set.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.referralkit.benchmarks.CliHeapCheck \
 *     [EVENTS [CUSTOMERS [DIR [XMX]]]] [--jar examples/target/referralkit.jar]
 * </pre>
 * Defaults: 1,000,000 events over 130,000 customers (1,000 Zipf partners) in {@code /tmp/referralkit-cli-w4},
 * {@code -Xmx256m}. The files are made once per directory, outside the timing.
 */
public final class CliHeapCheck {
    private CliHeapCheck() {
    }

    /**
     * @param args see the class comment
     * @throws Exception if a file cannot be written or read, or the command line fails
     */
    public static void main(String[] args) throws Exception {
        List<String> positional = new ArrayList<>();
        Path jar = Path.of("examples/target/referralkit.jar");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--jar") && i + 1 < args.length) {
                jar = Path.of(args[++i]);
            } else if (args[i].startsWith("--")) {
                throw new IllegalArgumentException("unknown option " + args[i]
                        + "; usage: CliHeapCheck [EVENTS [CUSTOMERS [DIR [XMX]]]] [--jar referralkit.jar]");
            } else {
                positional.add(args[i]);
            }
        }
        int events = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 1_000_000;
        int customers = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 130_000;
        Path dir = Path.of(positional.size() > 2 ? positional.get(2) : "/tmp/referralkit-cli-w4");
        String xmx = positional.size() > 3 ? positional.get(3) : "256m";
        CliVsDuckDb.requireJar(jar);
        CliVsDuckDb.generate("W4", events, customers, dir);
        ChildProcess.Measured m = CliVsDuckDb.runCli(jar, List.of("-Xmx" + xmx), dir);
        long[] counts = check(dir);
        System.out.printf("W4, %,d events over %,d customers, -Xmx%s: completed; %,d accepted, %,d entries, %,d payouts; "
                + "%.2f s wall (%,.0f events/s, JVM start included), %.2f s CPU, %,d MB peak RSS%n", events, customers, xmx,
                counts[0], counts[1], counts[2], m.wallNanos() / 1e9, events * 1e9 / m.wallNanos(), m.cpuNanos() / 1e9,
                m.peakRssKb() / 1024);
    }

    /** @return accepted events, entries and payouts, after checking that none was rejected and every entry was written */
    static long[] check(Path dir) throws IOException {
        JsonNode counts = ReferralKitJson.mapper().readTree(dir.resolve("cli-out.json").toFile()).path("counts");
        long rejected = counts.path("rejected").asLong(-1);
        if (rejected != 0) {
            throw new IllegalStateException("the command line rejected " + rejected + " events: " + counts);
        }
        long entries = counts.path("entries").asLong(-1);
        long lines;
        try (var stream = Files.lines(dir.resolve("entries.jsonl"))) {
            lines = stream.count();
        }
        if (lines != entries) {
            throw new IllegalStateException("the command line counted " + entries + " entries, its entries file has " + lines + " lines");
        }
        return new long[] {counts.path("accepted").asLong(), entries, counts.path("payouts").asLong()};
    }
}
