package dev.referralkit.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.engine.Outcome;
import dev.referralkit.engine.ReferralEngine;
import dev.referralkit.engine.ReferralProgram;
import dev.referralkit.engine.Scenario;
import dev.referralkit.event.Event;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.program.Partner;
import dev.referralkit.program.Period;
import dev.referralkit.program.Program;
import dev.referralkit.reports.ChannelCosts;
import dev.referralkit.reports.LedgerFiles;
import dev.referralkit.reports.Reciprocity;
import dev.referralkit.reports.ReportBuilder;
import dev.referralkit.reports.ReportFormat;
import dev.referralkit.reports.ReportOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code report --program P.json --events E.jsonl [--partners X.json] [--period month] [--format html|csv|json]
 * -o FILE}: the program's report ({@code dev.referralkit.reports}), from its events re-run through the engine,
 * or from a journal with the entries and bindings the engine made ({@code --entries}, {@code --bindings}), or
 * from a scenario. Shows progress on stderr when it is a terminal, or always with {@code --progress}.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write a program's report (per partner and period, cohorts, channels, reciprocity, leaderboard) "
                + "as HTML, CSV or JSON.")
final class ReportCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "SCENARIO.json", description = "a scenario file, instead of --program and --events")
    Path scenario;

    @Option(names = "--program", paramLabel = "P.json", description = "a program object")
    Path program;

    @Option(names = "--events", paramLabel = "E.jsonl", description = "events, one JSON object a line (re-run through the engine; "
            + "with --entries and --bindings, the journal of accepted events)")
    Path events;

    @Option(names = "--partners", paramLabel = "X.json", description = "an array of partners")
    Path partners;

    @Option(names = "--entries", paramLabel = "ENTRIES.jsonl", description = "the entries the engine made (run --entries); needs --bindings")
    Path entries;

    @Option(names = "--bindings", paramLabel = "BINDINGS.jsonl", description = "the bindings the engine made, one a line; needs --entries")
    Path bindings;

    @Option(names = "--period", paramLabel = "P", defaultValue = "month", description = "month (default), quarter or year")
    String period;

    @Option(names = "--format", paramLabel = "F", description = "html, csv or json (default: from the -o extension, else html)")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "where to write the report")
    Path output;

    @Option(names = "--business", paramLabel = "NAME", defaultValue = "program", description = "the name of the business running "
            + "the program (reciprocity; default program)")
    String business;

    @Option(names = "--counterpart", paramLabel = "NAME=DIR", description = "another business's program for reciprocity: DIR holds "
            + "program.json, events.jsonl and optionally partners.json (repeatable)")
    Map<String, Path> counterparts = new TreeMap<>();

    @Option(names = "--costs", paramLabel = "COSTS.json", description = "acquisition spend per channel and period (docs/reports.md)")
    Path costs;

    @Option(names = "--as-of", paramLabel = "T", description = "instant of the balances (default: the last event's at)")
    String asOf;

    @Option(names = "--progress", negatable = true,
            description = "show events so far and events/s on stderr (default: when stderr is a terminal)")
    Boolean progress;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        ReportFormat fmt = format();
        ReportOptions options = new ReportOptions(period(), business, Optional.ofNullable(costs)
                .map(c -> Files2.parse(c, ChannelCosts::parse)));
        Progress shown = Progress.of(progress, spec.commandLine().getErr());
        dev.referralkit.reports.Report report;
        if (scenario != null) {
            if (program != null || events != null || partners != null || entries != null || bindings != null) {
                throw new InputException("report", "give a SCENARIO.json, or --program and --events, not both");
            }
            Scenario s = Files2.parse(scenario, Scenario::parse);
            Warnings.print(spec.commandLine().getErr(), scenario, s.warnings());
            ReferralProgram rp = ReferralProgram.of(s.program(), s.partners());
            ReportBuilder builder = ReportBuilder.create(rp, options);
            ReferralEngine engine = ReferralEngine.create(rp);
            for (JsonNode node : s.events()) {
                Event event = null;
                try {
                    event = ReferralKitJson.read(node, Event.class, RejectionCode.INVALID_EVENT);
                } catch (ReferralKitException e) {
                    builder.accept(null, engine.process(node));
                    continue;
                }
                builder.accept(event, engine.process(event));
            }
            Instant last = builder.lastEventAt().orElse(Instant.EPOCH);
            Instant when = asOf != null ? parseAsOf(asOf) : s.asOf().isBefore(last) ? last : s.asOf();
            if (when.isBefore(last)) {
                throw new InputException("--as-of", asOf + " is before the last event's instant " + last);
            }
            report = builder.build(when);
        } else {
            if (program == null || events == null) {
                throw new InputException("report", "give a SCENARIO.json, or --program P.json and --events E.jsonl");
            }
            if ((entries == null) != (bindings == null)) {
                throw new InputException("report", "--entries and --bindings go together (or neither, to re-run the engine)");
            }
            ReferralProgram rp = referralProgram(program, partners);
            Warnings.print(spec.commandLine().getErr(), program, rp.program(), partners, rp.partners());
            ReportBuilder builder = ReportBuilder.create(rp, options);
            if (entries != null) {
                long[] read = new long[1];
                try {
                    LedgerFiles.feed(builder, events, entries, bindings, (n, bytes, total) -> {
                        read[0] = n;
                        shown.update(n, 0);
                    });
                } catch (ReferralKitException | UncheckedIOException e) {
                    shown.abandon();
                    throw new InputException("report", e.getMessage());
                }
                shown.finish(read[0], 0);
            } else {
                rerun(rp, events, builder, shown);
            }
            Instant when = asOf == null ? builder.lastEventAt().orElse(Instant.EPOCH) : parseAsOf(asOf);
            if (builder.lastEventAt().isPresent() && when.isBefore(builder.lastEventAt().get())) {
                throw new InputException("--as-of", asOf + " is before the last event's instant " + builder.lastEventAt().get());
            }
            report = builder.build(when);
        }
        if (!counterparts.isEmpty()) {
            List<dev.referralkit.reports.Report> all = new ArrayList<>();
            all.add(report);
            for (Map.Entry<String, Path> c : counterparts.entrySet()) {
                all.add(counterpart(c.getKey(), c.getValue(), options, shown));
            }
            report = report.withReciprocity(Reciprocity.combine(all));
        }
        try (Writer w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            fmt.write(report, w);
        } catch (NoSuchFileException e) {
            throw new InputException(output.toString(), "cannot be written: no such directory");
        }
        out.println("Report written to " + output + " (" + fmt.extension() + ", " + report.partners().size() + " partners, "
                + report.referred().periods().size() + " periods, " + report.events() + " events)");
        return 0;
    }

    private static ReferralProgram referralProgram(Path programFile, Path partnersFile) {
        Program p = Files2.parse(programFile, Program::parse);
        List<Partner> list = partnersFile == null ? List.of() : Files2.parse(partnersFile, ReferralProgram::parsePartners);
        try {
            ReferralProgram rp = ReferralProgram.of(p, list);
            ReferralEngine.create(rp); // refuses a bad plan or partner list here, naming the file
            return rp;
        } catch (ReferralKitException e) {
            throw new InputException(partnersFile == null ? programFile.toString() : partnersFile.toString(), e.getMessage());
        }
    }

    private dev.referralkit.reports.Report counterpart(String name, Path dir, ReportOptions options, Progress shown) throws IOException {
        Path partnersFile = dir.resolve("partners.json");
        ReferralProgram rp = referralProgram(dir.resolve("program.json"), Files.exists(partnersFile) ? partnersFile : null);
        Warnings.print(spec.commandLine().getErr(), dir.resolve("program.json"), rp.program(),
                Files.exists(partnersFile) ? partnersFile : null, rp.partners());
        ReportBuilder builder = ReportBuilder.create(rp, options.withBusiness(name));
        rerun(rp, dir.resolve("events.jsonl"), builder, shown);
        return builder.build();
    }

    /** Re-runs the engine over an event file, line by line, as {@code run} streams it. */
    private static void rerun(ReferralProgram rp, Path file, ReportBuilder builder, Progress shown) throws IOException {
        ReferralEngine engine = ReferralEngine.create(rp);
        long count = 0;
        long rejected = 0;
        try (JsonLines lines = JsonLines.open(file)) {
            while (lines.advance()) {
                if (lines.blank()) {
                    continue;
                }
                EventLine read;
                try {
                    read = EventLine.read(lines);
                } catch (InputException e) {
                    shown.abandon();
                    throw e;
                }
                Outcome outcome = read.processBy(engine);
                builder.accept(read.event(), outcome);
                count++;
                if (!outcome.isAccepted()) {
                    rejected++;
                }
                shown.update(count, rejected);
            }
        }
        shown.finish(count, rejected);
    }

    private ReportFormat format() {
        String f = format;
        if (f == null) {
            String name = output.getFileName().toString().toLowerCase(Locale.ROOT);
            f = name.endsWith(".csv") ? "csv" : name.endsWith(".json") ? "json" : "html";
        }
        switch (f.toLowerCase(Locale.ROOT)) {
            case "html":
                return ReportFormat.HTML;
            case "csv":
                return ReportFormat.CSV;
            case "json":
                return ReportFormat.JSON;
            default:
                throw new InputException("--format", "\"" + f + "\" is not html, csv or json");
        }
    }

    private Period period() {
        switch (period.toLowerCase(Locale.ROOT)) {
            case "month":
                return Period.MONTH;
            case "quarter":
                return Period.QUARTER;
            case "year":
                return Period.YEAR;
            default:
                throw new InputException("--period", "\"" + period + "\" is not month, quarter or year");
        }
    }

    private static Instant parseAsOf(String text) {
        try {
            return Instant.from(DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text));
        } catch (DateTimeException e) {
            throw new InputException("--as-of", "\"" + text + "\" is not an ISO-8601 instant with Z or an offset");
        }
    }
}
