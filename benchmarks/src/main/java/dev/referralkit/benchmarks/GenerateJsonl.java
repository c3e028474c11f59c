package dev.referralkit.benchmarks;

import dev.referralkit.event.Event;
import dev.referralkit.json.ReferralKitJson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Writes a workload as files for the command line: {@code program.json}, {@code partners.json} and
 * {@code events.jsonl}, to measure streaming end to end:
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.referralkit.benchmarks.GenerateJsonl W4 1000 1000000 /tmp/w4 100000
 * /usr/bin/time -v java -Xmx256m -jar examples/target/referralkit.jar run --program /tmp/w4/program.json \
 *     --partners /tmp/w4/partners.json --events /tmp/w4/events.jsonl --entries /tmp/w4/entries.jsonl
 * </pre>
 */
public final class GenerateJsonl {
    private GenerateJsonl() {
    }

    static final String USAGE = "usage: GenerateJsonl WORKLOAD PARTNERS EVENTS DIR [CUSTOMERS]\n"
            + "  WORKLOAD   W1, W2, W3, W4 or W5 (benchmarks/README.md, Workloads)\n"
            + "  PARTNERS   number of partners (Zipf-distributed), at least 1\n"
            + "  EVENTS     number of events, at least 1\n"
            + "  DIR        output directory: program.json, partners.json, events.jsonl (created if missing)\n"
            + "  CUSTOMERS  at most this many customers (default: EVENTS / 4)\n"
            + "e.g. GenerateJsonl W4 1000 1000000 /tmp/w4 100000";

    /**
     * Writes the files; with wrong arguments prints the usage on standard error and exits 2.
     *
     * @param args workload, partners, events, output directory, customers (default events / 4)
     * @throws IOException if writing fails
     */
    public static void main(String[] args) throws IOException {
        int status = run(System.out, System.err, args);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * @return the exit status: 0 written, 2 wrong arguments (usage on {@code err})
     */
    static int run(PrintStream out, PrintStream err, String... args) throws IOException {
        if (args.length < 4 || args.length > 5) {
            err.println(USAGE);
            return 2;
        }
        Workloads.Workload workload;
        try {
            workload = Workloads.Workload.valueOf(args[0]);
        } catch (IllegalArgumentException e) {
            return usage(err, "WORKLOAD \"" + args[0] + "\" is not one of " + Arrays.stream(Workloads.Workload.values())
                    .map(Enum::name).collect(Collectors.joining(", ")));
        }
        Integer partners = positive(args[1]);
        Integer events = positive(args[2]);
        Integer customers = args.length > 4 ? positive(args[4]) : events == null ? null : Math.max(1, events / 4);
        if (partners == null) {
            return usage(err, "PARTNERS \"" + args[1] + "\" is not a whole number of at least 1");
        }
        if (events == null) {
            return usage(err, "EVENTS \"" + args[2] + "\" is not a whole number of at least 1");
        }
        if (customers == null) {
            return usage(err, "CUSTOMERS \"" + args[4] + "\" is not a whole number of at least 1");
        }
        Workloads.Data data = Workloads.generate(workload, partners, events, customers, 20261121L);
        Path dir = Path.of(args[3]);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("program.json"), ReferralKitJson.write(data.program));
        Files.writeString(dir.resolve("partners.json"), ReferralKitJson.write(data.partners));
        try (BufferedWriter writer = Files.newBufferedWriter(dir.resolve("events.jsonl"), StandardCharsets.UTF_8)) {
            for (Event e : data.events) {
                writer.write(ReferralKitJson.write(e));
                writer.newLine();
            }
        }
        out.println("wrote " + data.events.size() + " events, " + data.customers + " customers to " + dir);
        return 0;
    }

    private static int usage(PrintStream err, String problem) {
        err.println("GenerateJsonl: " + problem);
        err.println(USAGE);
        return 2;
    }

    private static Integer positive(String text) {
        try {
            int n = Integer.parseInt(text);
            return n >= 1 ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
