package dev.referralkit.examples.cli;

import dev.referralkit.ReferralKitException;
import dev.referralkit.engine.Outcome;
import dev.referralkit.engine.ReferralEngine;
import dev.referralkit.engine.ReferralProgram;
import dev.referralkit.event.Event;
import dev.referralkit.event.PartnerChange;
import dev.referralkit.event.PayoutFailed;
import dev.referralkit.event.PayoutRun;
import dev.referralkit.exports.ExportResult;
import dev.referralkit.exports.OnProblem;
import dev.referralkit.exports.PayPalOptions;
import dev.referralkit.exports.PayoutExport;
import dev.referralkit.exports.PayoutExports;
import dev.referralkit.exports.SkippedPayout;
import dev.referralkit.exports.StripeOptions;
import dev.referralkit.exports.WiseOptions;
import dev.referralkit.ledger.Payout;
import dev.referralkit.ledger.Withheld;
import dev.referralkit.money.Currencies;
import dev.referralkit.program.ImmutablePartner;
import dev.referralkit.program.Partner;
import dev.referralkit.program.Program;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code payouts --program P.json --events E.jsonl [--partners X.json] --format csv|paypal|wise|stripe -o FILE
 * [--run RUN_ID] [--currency CODE] [--note TEXT] [--wise-template email|iban] [--wise-source-currency CODE]
 * [--skip-invalid]}: runs the program over the events (streamed, like {@code run}) and writes the payouts of
 * every run, or of one, as the chosen provider's file ({@code dev.referralkit.exports}).
 *
 * <p>A payout that a later {@code payout_failed} put back is left out (a later run pays its sum again) and listed;
 * payouts a run withheld (docs/payouts.md §4) are listed with why.
 *
 * <p>Destinations are the partners' attributes after the last accepted {@code partner} event. The file is
 * written to a temporary file beside {@code FILE} and moved over it, so {@code FILE} is either the old file or
 * the whole new one. A payout that cannot be exported is an input error (exit 2, one line listing every
 * such payout) unless {@code --skip-invalid} asks to write the others and list the skipped ones.
 */
@Command(name = "payouts", mixinStandardHelpOptions = true,
        description = "Run a program over its events and write the payouts as a file for a payout provider.")
final class PayoutsCommand implements Callable<Integer> {
    @Option(names = "--program", required = true, paramLabel = "P.json", description = "a program object")
    Path program;

    @Option(names = "--events", required = true, paramLabel = "E.jsonl", description = "events, one JSON object per line")
    Path events;

    @Option(names = "--partners", paramLabel = "X.json", description = "an array of partners, with their destination attributes")
    Path partners;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "csv, paypal, wise or stripe")
    String format;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "the file to write")
    Path output;

    @Option(names = "--run", paramLabel = "RUN_ID", description = "only the payouts of this payout run")
    String run;

    @Option(names = "--currency", paramLabel = "CODE", description = "only the payouts in this currency (a PayPal file holds one)")
    String currency;

    @Option(names = "--note", paramLabel = "TEXT",
            description = "PayPal: the note to recipients; Wise: the payment reference; Stripe: the transfers' description")
    String note;

    @Option(names = "--wise-template", paramLabel = "email|iban", description = "Wise template (default: email)")
    String wiseTemplate;

    @Option(names = "--wise-source-currency", paramLabel = "CODE", description = "Wise: the currency you pay the batch with")
    String wiseSource;

    @Option(names = "--skip-invalid", description = "write the payouts that can be exported and list the others")
    boolean skipInvalid;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PayoutExport export = export();
        Currency only = currency == null ? null : input("--currency", () -> Currencies.of("currency", currency));
        Path target = output.toAbsolutePath();
        if (!Files.isDirectory(target.getParent())) {
            throw new InputException(output.toString(), "no such directory: " + target.getParent());
        }
        Program p = Files2.parse(program, Program::parse);
        Map<String, Partner> directory = new LinkedHashMap<>();
        if (partners != null) {
            for (Partner partner : Files2.parse(partners, ReferralProgram::parsePartners)) {
                directory.put(partner.id(), partner);
            }
        }
        ReferralEngine engine;
        try {
            engine = ReferralEngine.create(ReferralProgram.of(p, List.copyOf(directory.values())));
        } catch (ReferralKitException e) {
            throw new InputException(partners == null ? program.toString() : partners.toString(), e.getMessage());
        }
        Warnings.print(spec.commandLine().getErr(), program, p, partners, List.copyOf(directory.values()));
        Set<String> runs = new HashSet<>();
        List<Payout> payouts = new ArrayList<>();
        Set<String> failed = new HashSet<>();
        List<Withheld> withheld = new ArrayList<>();
        stream(engine, directory, runs, payouts, failed, withheld);
        if (run != null && !runs.contains(run)) {
            throw new InputException("--run", "\"" + run + "\" is not an accepted payout_run in " + events);
        }
        List<Payout> matching = payouts.stream()
                .filter(x -> run == null || x.run().equals(run))
                .filter(x -> only == null || x.currency().equals(only))
                .toList();
        // a payout that failed later was put back and is paid again by a later run (docs/payouts.md §3): not again here
        List<Payout> chosen = matching.stream().filter(x -> !failed.contains(payoutId(x))).toList();
        ExportResult result = writeAtomically(export, chosen, List.copyOf(directory.values()), target);
        out.println("Wrote " + result.written().size() + " payout" + (result.written().size() == 1 ? "" : "s")
                + totals(result) + " as " + export.format() + " to " + output);
        if (!result.skipped().isEmpty()) {
            out.println("Skipped " + result.skipped().size() + ":");
            for (SkippedPayout s : result.skipped()) {
                out.println("  " + s.message());
            }
        }
        if (matching.size() > chosen.size()) {
            out.println("Left out " + (matching.size() - chosen.size()) + " payout" + (matching.size() - chosen.size() == 1 ? "" : "s")
                    + " that failed later (their sums were put back for a later run):");
            matching.stream().filter(x -> failed.contains(payoutId(x))).forEach(x -> out.println("  " + payoutId(x)));
        }
        List<Withheld> shown = withheld.stream().filter(w -> run == null || w.run().equals(run))
                .filter(w -> only == null || w.currency().equals(only)).toList();
        if (!shown.isEmpty()) {
            out.println("Withheld " + shown.size() + " payout" + (shown.size() == 1 ? "" : "s") + " (carried to a later run):");
            shown.forEach(w -> out.println("  " + w.run() + " " + w.partner() + " " + w.amount().toPlainString() + " "
                    + w.currency().getCurrencyCode() + " " + w.code() + ": " + w.explanation()));
        }
        return 0;
    }

    private static String payoutId(Payout p) {
        return p.run() + "/" + p.partner() + "/" + p.currency().getCurrencyCode() + "/payout";
    }

    private PayoutExport export() {
        String text = note == null ? "" : note;
        if (wiseTemplate != null && !format.equals("wise") || wiseSource != null && !format.equals("wise")) {
            throw new InputException("--format", "--wise-template and --wise-source-currency go with --format wise");
        }
        return input("--format", () -> switch (format) {
            case "csv" -> {
                if (note != null) {
                    throw new InputException("--note", "the csv format has no note");
                }
                yield PayoutExports.csv();
            }
            case "paypal" -> input("--note", () -> PayoutExports.paypal(PayPalOptions.defaults().withNote(text)));
            case "wise" -> {
                WiseOptions options = WiseOptions.defaults().withReference(text).withTemplate(wiseTemplate());
                if (wiseSource != null) {
                    options = options.withSourceCurrency(input("--wise-source-currency",
                            () -> Currencies.of("currency", wiseSource)));
                }
                WiseOptions chosen = options;
                yield input("--note", () -> PayoutExports.wise(chosen));
            }
            case "stripe" -> input("--note", () -> PayoutExports.stripe(new StripeOptions(text)));
            default -> PayoutExports.named(format);
        });
    }

    private WiseOptions.Template wiseTemplate() {
        if (wiseTemplate == null) {
            return WiseOptions.Template.EMAIL;
        }
        return switch (wiseTemplate) {
            case "email" -> WiseOptions.Template.EMAIL;
            case "iban" -> WiseOptions.Template.IBAN;
            default -> throw new InputException("--wise-template", "\"" + wiseTemplate + "\" is not email or iban");
        };
    }

    /** Runs a step whose refusal is an input error at {@code location}. */
    private static <T> T input(String location, Supplier<T> step) {
        try {
            return step.get();
        } catch (ReferralKitException e) {
            throw new InputException(location, e.getMessage());
        }
    }

    /** Streams the events through the engine, keeping payouts, accepted runs and the partners' latest attributes. */
    private void stream(ReferralEngine engine, Map<String, Partner> directory, Set<String> runs, List<Payout> payouts, Set<String> failed,
                        List<Withheld> withheld) throws IOException {
        try (JsonLines lines = JsonLines.open(events)) {
            while (lines.advance()) {
                if (lines.blank()) {
                    continue;
                }
                EventLine read = EventLine.read(lines);
                Event event = read.event();
                Outcome outcome = read.processBy(engine);
                if (outcome.isAccepted() && event instanceof PartnerChange change) {
                    directory.put(change.partner(), changed(directory.get(change.partner()), change));
                } else if (outcome.isAccepted() && event instanceof PayoutRun payoutRun) {
                    runs.add(payoutRun.id());
                } else if (outcome.isAccepted() && event instanceof PayoutFailed failure) {
                    failed.add(failure.payout());
                }
                payouts.addAll(outcome.payouts());
                withheld.addAll(outcome.withheld());
            }
        }
    }

    /** A partner as a {@code partner} event leaves it (absent keys keep their value; attributes are replaced whole). */
    private static Partner changed(Partner before, PartnerChange change) {
        ImmutablePartner.Builder b = ImmutablePartner.builder();
        if (before == null) {
            b.id(change.partner());
        } else {
            b.from(before);
        }
        change.status().ifPresent(b::status);
        change.group().ifPresent(b::group);
        change.parent().ifPresent(b::parent);
        change.attributes().ifPresent(b::attributes);
        return b.build();
    }

    private ExportResult writeAtomically(PayoutExport export, List<Payout> payouts, List<Partner> partnerList, Path target)
            throws IOException {
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
        boolean moved = false;
        try {
            ExportResult result;
            try (BufferedWriter writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                result = export.write(payouts, partnerList, writer, skipInvalid ? OnProblem.SKIP : OnProblem.REFUSE);
            } catch (ReferralKitException e) {
                throw new InputException(partners == null ? events.toString() : partners.toString(), e.getMessage());
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
            return result;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private static String totals(ExportResult result) {
        if (result.totals().isEmpty()) {
            return "";
        }
        return result.totals().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue().toPlainString())
                .collect(Collectors.joining(", ", " (", ")"));
    }
}
