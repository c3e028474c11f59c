package dev.referralkit.benchmarks;

import dev.referralkit.event.Event;
import dev.referralkit.json.ReferralKitJson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

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

    /**
     * @param args workload, partners, events, output directory, customers (default events / 4)
     * @throws IOException if writing fails
     */
    public static void main(String[] args) throws IOException {
        int events = Integer.parseInt(args[2]);
        int customers = args.length > 4 ? Integer.parseInt(args[4]) : events / 4;
        Workloads.Data data = Workloads.generate(Workloads.Workload.valueOf(args[0]), Integer.parseInt(args[1]),
                events, customers, 20261121L);
        Path dir = Path.of(args[3]);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("program.json"), ReferralKitJson.write(data.program));
        Files.writeString(dir.resolve("partners.json"), ReferralKitJson.write(data.partners));
        try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("events.jsonl"), StandardCharsets.UTF_8)) {
            for (Event e : data.events) {
                out.write(ReferralKitJson.write(e));
                out.newLine();
            }
        }
        System.out.println("wrote " + data.events.size() + " events, " + data.customers + " customers to " + dir);
    }
}
