package dev.referralkit.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.referralkit.ReferralKitException;
import dev.referralkit.engine.Outcome;
import dev.referralkit.engine.ReferralEngine;
import dev.referralkit.engine.ReferralProgram;
import dev.referralkit.engine.Scenario;
import dev.referralkit.event.Event;
import dev.referralkit.jdbc.DurableEngine;
import dev.referralkit.jdbc.StoreException;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.ledger.Balance;
import dev.referralkit.ledger.Balances;
import dev.referralkit.ledger.Entry;
import dev.referralkit.ledger.ImmutableResult;
import dev.referralkit.ledger.Payout;
import dev.referralkit.ledger.Rejection;
import dev.referralkit.ledger.Result;
import dev.referralkit.program.Partner;
import dev.referralkit.program.Program;
import java.io.IOException;
import java.io.PrintWriter;
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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code run SCENARIO.json [--as-of T] [--json]}, or streaming: {@code run --program P.json --events E.jsonl
 * [--partners X.json] [--as-of T] [--entries OUT.jsonl] [--json] [--[no-]progress]}.
 *
 * <p>Streaming keeps only the engine's state: entries go to {@code OUT.jsonl} as they are made (through a
 * temporary file moved into place when the run succeeds, see {@link EntriesFile}), the report holds
 * payouts, balances, counts and the first {@value #SHOWN_REJECTIONS} rejections. A line that is not UTF-8
 * or not a JSON object is an input error (exit 2, with its line number); a well-formed event the engine
 * refuses is a rejection, like in a scenario. {@code --as-of} sets the instant of the balances in both
 * modes; for a scenario it overrides the scenario's {@code asOf}.
 *
 * <p>With {@code --store URL} the stream goes through a {@link DurableEngine}: it continues from what the
 * store holds, and every {@code --batch} events (1,000 by default) are stored in one transaction before
 * the next are read. Events already stored are {@code DUPLICATE}s and write nothing, so running the same
 * file again reports every event it accepted before as {@code DUPLICATE}. A store that cannot be used
 * (unreachable, wrong credentials, a schema newer than this program, a program other than the store's)
 * is one line and exit 2; what earlier transactions stored stays, whole, and a new run continues from
 * it.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Process a scenario, or a program with a JSON Lines event stream, and print the report.")
final class RunCommand implements Callable<Integer> {
    static final int SHOWN_REJECTIONS = 1000;

    @Parameters(arity = "0..1", paramLabel = "SCENARIO.json", description = "a scenario file")
    Path scenario;

    @Option(names = "--program", paramLabel = "P.json", description = "a program object (streaming)")
    Path program;

    @Option(names = "--events", paramLabel = "E.jsonl", description = "events, one JSON object per line, UTF-8 (streaming)")
    Path events;

    @Option(names = "--partners", paramLabel = "X.json", description = "an array of partners (streaming)")
    Path partners;

    @Option(names = "--as-of", paramLabel = "T",
            description = "instant of the balances, ISO-8601 with Z or an offset (default: the scenario's asOf, else the last event's at)")
    String asOf;

    @Option(names = "--entries", paramLabel = "OUT.jsonl",
            description = "write entries here, one JSON object per line; written to a temporary file and moved into place on success (streaming)")
    Path entriesOut;

    @Option(names = "--json", description = "print the result as JSON (FORMATS.md §3)")
    boolean json;

    @Mixin
    StoreOptions store = new StoreOptions();

    /** Events per transaction with {@code --store} when {@code --batch} is not given. */
    static final int DEFAULT_BATCH = 1_000;

    @Option(names = "--batch", paramLabel = "N",
            description = "with --store: events per transaction (default: " + DEFAULT_BATCH + ")")
    Integer batch;

    @Option(names = "--progress", negatable = true,
            description = "show events so far and events/s on stderr (default: when stderr is a terminal; streaming)")
    Boolean progress;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (scenario != null) {
            List<String> streamingOnly = new ArrayList<>();
            if (program != null) {
                streamingOnly.add("--program");
            }
            if (events != null) {
                streamingOnly.add("--events");
            }
            if (partners != null) {
                streamingOnly.add("--partners");
            }
            if (entriesOut != null) {
                streamingOnly.add("--entries");
            }
            if (store.given()) {
                streamingOnly.add("--store");
            }
            if (batch != null) {
                streamingOnly.add("--batch");
            }
            if (store.user != null) {
                streamingOnly.add("--user");
            }
            if (store.password != null) {
                streamingOnly.add("--password");
            }
            if (!streamingOnly.isEmpty()) {
                throw new InputException("run", String.join(", ", streamingOnly) + (streamingOnly.size() == 1 ? " is" : " are")
                        + " for streaming (--program P.json --events E.jsonl), not with a SCENARIO.json, which holds its"
                        + " program, partners and events (its entries are in the report)");
            }
            return runScenario(out);
        }
        if (program == null || events == null) {
            throw new InputException("run", "give a SCENARIO.json, or --program P.json and --events E.jsonl");
        }
        store.checkAlone("run");
        if (batch != null && !store.given()) {
            throw new InputException("run", "--batch is for a --store URL (events per transaction)");
        }
        if (batch != null && (batch < 1 || batch > 100_000)) {
            throw new InputException("--batch", batch + " is not between 1 and 100000");
        }
        return stream(out);
    }

    private int runScenario(PrintWriter out) {
        Instant until = asOf == null ? null : parseAsOf(asOf);
        Scenario s = Files2.parse(scenario, Scenario::parse);
        Warnings.print(spec.commandLine().getErr(), scenario, s.warnings());
        Configurations.engine(s.program(), s.partners(), scenario.toString(), "/program", scenario.toString(), "/partners");
        Result result = s.run();
        Instant when = until != null ? until : s.asOf();
        if (until != null) {
            result = ImmutableResult.copyOf(result).withBalances(Balances.derive(result.entries(), result.payouts(), until));
        }
        if (json) {
            out.println(ReferralKitJson.mapper().valueToTree(result).toPrettyString());
            return 0;
        }
        out.println("Scenario: " + (s.name().isEmpty() ? scenario.toString() : s.name()));
        out.println();
        Report.entries(out, result.entries());
        Report.payouts(out, result.payouts());
        Report.balances(out, result.balances(), when.toString());
        Report.bindings(out, result.bindings());
        Report.rejections(out, result.rejected(), result.rejected().size());
        return 0;
    }

    private int stream(PrintWriter out) throws IOException {
        Instant until = asOf == null ? null : parseAsOf(asOf);
        Program p = Files2.parse(program, Program::parse);
        List<Partner> partnerList = partners == null ? List.of() : Files2.parse(partners, ReferralProgram::parsePartners);
        ReferralEngine memory = Configurations.engine(p, partnerList, program.toString(), "",
                partners == null ? program.toString() : partners.toString(), "");
        Warnings.print(spec.commandLine().getErr(), program, p, partners, partnerList);
        if (!store.given()) {
            try (PayoutSpool payouts = new PayoutSpool()) {
                return stream(out, until, Sink.of(memory), payouts);
            }
        }
        // an events file that cannot be opened is refused before the store is touched
        JsonLines.open(events).close();
        DurableEngine durable;
        try {
            durable = DurableEngine.open(store.dataSource(), p, partnerList);
        } catch (StoreException e) {
            throw store.failure(e);
        } catch (ReferralKitException e) {
            // the store was made with another program: the engine says what changed
            throw new InputException(program.toString(), e.getMessage());
        }
        try (durable) {
            try (PayoutSpool payouts = new PayoutSpool()) {
                return stream(out, until, Sink.of(durable, batch == null ? DEFAULT_BATCH : batch), payouts);
            }
        } catch (StoreException e) {
            throw store.failure(e);
        }
    }

    /** An event (null when it could not be read) and its outcome. */
    private record Processed(Event event, Outcome outcome) {
    }

    /** Where the events go: the in-memory engine, or a durable engine in batches of one transaction. */
    private interface Sink {
        /** Takes a readable event; returns the outcomes of the events it finished, in order. */
        List<Processed> add(Event event);

        /** Processes an event that could not be read; returns the outcomes finished, in order, its last. */
        List<Processed> addUnreadable(JsonNode node);

        /** Ends the stream; returns the outcomes finished, in order. */
        List<Processed> finish();

        List<Balance> balances(Instant asOf);

        static Sink of(ReferralEngine engine) {
            return new Sink() {
                @Override
                public List<Processed> add(Event event) {
                    return List.of(new Processed(event, engine.process(event)));
                }

                @Override
                public List<Processed> addUnreadable(JsonNode node) {
                    return List.of(new Processed(null, engine.process(node)));
                }

                @Override
                public List<Processed> finish() {
                    return List.of();
                }

                @Override
                public List<Balance> balances(Instant asOf) {
                    return engine.balances(asOf);
                }
            };
        }

        static Sink of(DurableEngine engine, int batchSize) {
            List<Event> pending = new ArrayList<>(batchSize);
            return new Sink() {
                @Override
                public List<Processed> add(Event event) {
                    pending.add(event);
                    return pending.size() < batchSize ? List.of() : finish();
                }

                @Override
                public List<Processed> addUnreadable(JsonNode node) {
                    List<Processed> done = new ArrayList<>(finish());
                    done.add(new Processed(null, engine.process(node))); // refused as it is read: writes nothing
                    return done;
                }

                @Override
                public List<Processed> finish() {
                    if (pending.isEmpty()) {
                        return List.of();
                    }
                    List<Outcome> outcomes = engine.processAll(pending);
                    List<Processed> done = new ArrayList<>(outcomes.size());
                    for (int i = 0; i < outcomes.size(); i++) {
                        done.add(new Processed(pending.get(i), outcomes.get(i)));
                    }
                    pending.clear();
                    return done;
                }

                @Override
                public List<Balance> balances(Instant asOf) {
                    return engine.balances(asOf);
                }
            };
        }
    }

    private int stream(PrintWriter out, Instant until, Sink engine, PayoutSpool payouts) throws IOException {
        long eventCount = 0;
        Progress shown = Progress.of(progress, spec.commandLine().getErr());
        EntriesFile entriesFile = null;
        Tally tally = null;
        try (JsonLines lines = JsonLines.open(events)) {
            entriesFile = entriesOut == null ? null : EntriesFile.open(entriesOut);
            tally = new Tally(entriesFile, payouts);
            while (lines.advance()) {
                if (lines.blank()) {
                    continue;
                }
                EventLine read = EventLine.read(lines);
                eventCount++;
                List<Processed> outcomes = read.event() != null ? engine.add(read.event()) : engine.addUnreadable(read.node());
                for (Processed done : outcomes) {
                    tally.add(done);
                }
                shown.update(eventCount, tally.rejectedCount);
            }
            for (Processed done : engine.finish()) {
                tally.add(done);
            }
            if (entriesFile != null) {
                entriesFile.commit();
            }
            shown.finish(eventCount, tally.rejectedCount);
        } finally {
            shown.abandon();
            if (entriesFile != null) {
                entriesFile.close();
            }
        }
        List<Rejection> rejected = tally.rejected;
        long rejectedCount = tally.rejectedCount;
        Instant when = until != null ? until : tally.last == null ? Instant.EPOCH : tally.last;
        List<Balance> balances = engine.balances(when);
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("events", eventCount);
        counts.put("accepted", eventCount - rejectedCount);
        counts.put("rejected", rejectedCount);
        counts.put("entries", tally.entryCount);
        counts.put("payouts", payouts.size());
        tally.codes.forEach((code, n) -> counts.put("rejected " + code, n));
        if (json) {
            // written as it is read, so that the payouts are never all in the heap at once (as the tree's pretty string)
            com.fasterxml.jackson.databind.ObjectMapper mapper = ReferralKitJson.mapper();
            com.fasterxml.jackson.core.JsonGenerator g = mapper.getFactory().createGenerator(out)
                    .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET).useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeArrayFieldStart("payouts");
            payouts.forEach(payout -> {
                try {
                    mapper.writeTree(g, payout);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            g.writeEndArray();
            g.writeFieldName("balances");
            mapper.writeTree(g, mapper.valueToTree(balances));
            g.writeFieldName("rejected");
            mapper.writeTree(g, mapper.valueToTree(rejected));
            g.writeFieldName("counts");
            mapper.writeTree(g, mapper.valueToTree(counts));
            g.writeEndObject();
            g.flush();
            out.println();
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

    /** What the outcomes said, as the report shows it; entries go to the entries file as they come. */
    private static final class Tally {
        final EntriesFile entriesFile;
        final PayoutSpool payouts;
        final List<Rejection> rejected = new ArrayList<>();
        final Map<String, Long> codes = new TreeMap<>();
        long entryCount;
        long rejectedCount;
        Instant last;

        Tally(EntriesFile entriesFile, PayoutSpool payouts) {
            this.entriesFile = entriesFile;
            this.payouts = payouts;
        }

        void add(Processed done) throws IOException {
            Outcome outcome = done.outcome();
            if (outcome.isAccepted() && done.event() != null) {
                Instant at = done.event().at();
                last = last == null || at.isAfter(last) ? at : last;
            }
            for (Entry e : outcome.entries()) {
                entryCount++;
                if (entriesFile != null) {
                    entriesFile.write(e);
                }
            }
            for (Payout payout : outcome.payouts()) {
                payouts.add(payout);
            }
            if (outcome.rejection().isPresent()) {
                Rejection r = outcome.rejection().get();
                rejectedCount++;
                codes.merge(r.code().name(), 1L, Long::sum);
                if (rejected.size() < SHOWN_REJECTIONS) {
                    rejected.add(r);
                }
            }
        }
    }

    static Instant parseAsOf(String text) {
        try {
            return Instant.from(DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text));
        } catch (java.time.DateTimeException e) {
            throw new InputException("--as-of", "\"" + text + "\" is not an ISO-8601 instant with Z or an offset");
        }
    }
}
