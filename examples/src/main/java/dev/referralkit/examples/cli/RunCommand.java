package dev.referralkit.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.engine.Outcome;
import dev.referralkit.engine.ReferralEngine;
import dev.referralkit.engine.ReferralProgram;
import dev.referralkit.engine.Scenario;
import dev.referralkit.event.Event;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.ledger.Balance;
import dev.referralkit.ledger.Entry;
import dev.referralkit.ledger.Payout;
import dev.referralkit.ledger.Rejection;
import dev.referralkit.ledger.Result;
import dev.referralkit.program.Program;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code run SCENARIO.json [--json]}, or streaming: {@code run --program P.json --events E.jsonl
 * [--partners X.json] [--as-of T] [--entries OUT.jsonl] [--json]}.
 *
 * <p>Streaming keeps only the engine's state: entries go to {@code OUT.jsonl} as they are made, the
 * report holds payouts, balances, counts and the first {@value #SHOWN_REJECTIONS} rejections. A line
 * that is not a JSON object is an input error (exit 2, with its line number); a well-formed event
 * the engine refuses is a rejection, like in a scenario.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Process a scenario, or a program with a JSON Lines event stream, and print the report.")
final class RunCommand implements Callable<Integer> {
    static final int SHOWN_REJECTIONS = 1000;

    @Parameters(arity = "0..1", paramLabel = "SCENARIO.json", description = "a scenario file")
    Path scenario;

    @Option(names = "--program", paramLabel = "P.json", description = "a program object")
    Path program;

    @Option(names = "--events", paramLabel = "E.jsonl", description = "events, one JSON object per line")
    Path events;

    @Option(names = "--partners", paramLabel = "X.json", description = "an array of partners")
    Path partners;

    @Option(names = "--as-of", paramLabel = "T", description = "instant of the balances (default: the last event's at)")
    String asOf;

    @Option(names = "--entries", paramLabel = "OUT.jsonl", description = "write entries here, one JSON object per line")
    Path entriesOut;

    @Option(names = "--json", description = "print the result as JSON (FORMATS.md §3)")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (scenario != null) {
            if (program != null || events != null || partners != null || entriesOut != null || asOf != null) {
                throw new InputException("run", "give a SCENARIO.json, or --program and --events, not both");
            }
            return runScenario(out);
        }
        if (program == null || events == null) {
            throw new InputException("run", "give a SCENARIO.json, or --program P.json and --events E.jsonl");
        }
        return stream(out);
    }

    private int runScenario(PrintWriter out) {
        Scenario s = Files2.parse(scenario, Scenario::parse);
        Result result = s.run();
        if (json) {
            out.println(ReferralKitJson.mapper().valueToTree(result).toPrettyString());
            return 0;
        }
        out.println("Scenario: " + (s.name().isEmpty() ? scenario.toString() : s.name()));
        out.println();
        Report.entries(out, result.entries());
        Report.payouts(out, result.payouts());
        Report.balances(out, result.balances(), s.asOf().toString());
        Report.bindings(out, result.bindings());
        Report.rejections(out, result.rejected(), result.rejected().size());
        return 0;
    }

    private int stream(PrintWriter out) throws IOException {
        Program p = Files2.parse(program, Program::parse);
        List<dev.referralkit.program.Partner> partnerList = partners == null ? List.of()
                : Files2.parse(partners, ReferralProgram::parsePartners);
        ReferralEngine engine;
        try {
            engine = ReferralEngine.create(ReferralProgram.of(p, partnerList));
        } catch (ReferralKitException e) {
            throw new InputException(partners == null ? program.toString() : partners.toString(), e.getMessage());
        }
        Instant until = asOf == null ? null : parseAsOf(asOf);
        List<Payout> payouts = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        Map<String, Long> codes = new TreeMap<>();
        long lines = 0;
        long eventCount = 0;
        long entryCount = 0;
        Instant last = null;
        boolean progress = System.console() != null;
        long started = System.nanoTime();
        BufferedWriter entriesWriter = entriesOut == null ? null : Files.newBufferedWriter(entriesOut, StandardCharsets.UTF_8);
        try (BufferedReader reader = open(events)) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines++;
                if (line.isBlank()) {
                    continue;
                }
                // fast path: a well-formed event is read once; anything else is read again as a tree, to tell
                // an input error (not a JSON object: exit 2) from an event the engine rejects
                Event event = null;
                try {
                    event = ReferralKitJson.mapper().readValue(line, Event.class);
                } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
                    event = null;
                }
                Outcome outcome;
                if (event != null) {
                    eventCount++;
                    outcome = engine.process(event);
                } else {
                    JsonNode node;
                    try {
                        node = ReferralKitJson.readTree(line, RejectionCode.INVALID_EVENT);
                    } catch (ReferralKitException e) {
                        throw new InputException(events + ":" + lines, e.getMessage());
                    }
                    if (!node.isObject()) {
                        throw new InputException(events + ":" + lines, "an event is a JSON object");
                    }
                    eventCount++;
                    outcome = engine.process(node);
                }
                if (outcome.isAccepted() && event != null) {
                    last = last == null || event.at().isAfter(last) ? event.at() : last;
                }
                for (Entry e : outcome.entries()) {
                    entryCount++;
                    if (entriesWriter != null) {
                        entriesWriter.write(ReferralKitJson.write(e));
                        entriesWriter.newLine();
                    }
                }
                payouts.addAll(outcome.payouts());
                if (outcome.rejection().isPresent()) {
                    Rejection r = outcome.rejection().get();
                    codes.merge(r.code().name(), 1L, Long::sum);
                    if (rejected.size() < SHOWN_REJECTIONS) {
                        rejected.add(r);
                    }
                }
                if (progress && eventCount % 100_000 == 0) {
                    double seconds = (System.nanoTime() - started) / 1e9;
                    System.err.printf("\r%,d events, %,d/s, %,d rejected", eventCount, (long) (eventCount / seconds),
                            codes.values().stream().mapToLong(Long::longValue).sum());
                }
            }
        } finally {
            if (entriesWriter != null) {
                entriesWriter.close();
            }
        }
        if (progress && eventCount >= 100_000) {
            System.err.println();
        }
        Instant when = until != null ? until : last == null ? Instant.EPOCH : last;
        List<Balance> balances = engine.balances(when);
        long rejectedCount = codes.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("events", eventCount);
        counts.put("accepted", eventCount - rejectedCount);
        counts.put("rejected", rejectedCount);
        counts.put("entries", entryCount);
        counts.put("payouts", (long) payouts.size());
        codes.forEach((code, n) -> counts.put("rejected " + code, n));
        if (json) {
            ObjectNode root = ReferralKitJson.mapper().createObjectNode();
            root.set("payouts", ReferralKitJson.mapper().valueToTree(payouts));
            root.set("balances", ReferralKitJson.mapper().valueToTree(balances));
            root.set("rejected", ReferralKitJson.mapper().valueToTree(rejected));
            root.set("counts", ReferralKitJson.mapper().valueToTree(counts));
            out.println(root.toPrettyString());
            return 0;
        }
        Report.counts(out, counts);
        Report.payouts(out, payouts);
        Report.balances(out, balances, when.toString());
        Report.rejections(out, rejected, rejectedCount);
        if (entriesOut != null) {
            out.println("Entries written to " + entriesOut);
        }
        return 0;
    }

    private static BufferedReader open(Path path) throws IOException {
        try {
            return Files.newBufferedReader(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InputException(path.toString(), "no such file");
        }
    }

    private static Instant parseAsOf(String text) {
        try {
            return Instant.from(DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text));
        } catch (java.time.DateTimeException e) {
            throw new InputException("--as-of", "\"" + text + "\" is not an ISO-8601 instant with Z or an offset");
        }
    }
}
