package dev.referralkit.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.engine.Outcome;
import dev.referralkit.engine.ReferralEngine;
import dev.referralkit.engine.ReferralProgram;
import dev.referralkit.event.Event;
import dev.referralkit.event.Payment;
import dev.referralkit.event.Refund;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.ledger.Balance;
import dev.referralkit.ledger.Binding;
import dev.referralkit.ledger.Credit;
import dev.referralkit.ledger.Entry;
import dev.referralkit.ledger.EntryKind;
import dev.referralkit.money.Money;
import dev.referralkit.money.Ratio;
import dev.referralkit.program.ImmutablePartner;
import dev.referralkit.program.Partner;
import dev.referralkit.program.Period;
import dev.referralkit.program.Program;
import dev.referralkit.testkit.Generator;
import dev.referralkit.testkit.Histories;
import dev.referralkit.testkit.History;
import dev.referralkit.testkit.Shrinker;
import dev.referralkit.testkit.quicktheories.QuickTheoriesGenerators;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;

/**
 * The report is exact: over generated histories (bad events mixed in), its figures add up to the
 * ledger's and the payments' to the minor unit, its balances are the engine's, and the same report
 * comes from the live engine and from the journal, entries and bindings files. A failure is shrunk
 * to the smallest history that still fails and shown as a scenario.
 */
class ReportProperties {
    static final long SEED = Long.getLong("referralkit.seed", 20261129L);
    static final int EXAMPLES = Integer.getInteger("referralkit.examples", 1000);

    @Test
    void generated_programs_and_histories() {
        check(Histories.standard().histories());
    }

    @Test
    void split_credit_in_several_currencies_by_quarter() {
        Program program = Program.parse("{\"currency\":\"USD\",\"holdDays\":7,\"timeZone\":\"America/New_York\","
                + "\"attribution\":{\"model\":\"linear\",\"windowDays\":60},\"fx\":{\"EUR\":\"1.08\",\"JPY\":\"0.0067\",\"KWD\":\"3.25\"},"
                + "\"rewards\":{\"click\":{\"type\":\"flat\",\"amount\":\"0.05\"},\"lead\":{\"type\":\"flat\",\"amount\":\"2.00\"},"
                + "\"payment\":{\"type\":\"recurring\",\"months\":6,\"reward\":{\"type\":\"percent\",\"percent\":\"17.5\"}}},"
                + "\"parentShare\":{\"levels\":[\"10\"]}}");
        List<Partner> partners = List.of(ImmutablePartner.builder().id("p2").build(),
                ImmutablePartner.builder().id("p10").parent("p2").build(), ImmutablePartner.builder().id("p1").build());
        check(Histories.standard().withCustomers(5).historiesFor(program, partners), Period.QUARTER);
    }

    private static void check(Generator<History> histories) {
        check(histories, Period.MONTH);
    }

    private static void check(Generator<History> histories, Period period) {
        QuickTheory.qt().withFixedSeed(SEED).withExamples(EXAMPLES).withShrinkCycles(0)
                .forAll(QuickTheoriesGenerators.of(histories))
                .checkAssert(history -> {
                    List<String> problems = problems(history, period);
                    if (!problems.isEmpty()) {
                        History small = Shrinker.minimize(history, h -> !problems(h, period).isEmpty());
                        assertThat(problems(small, period)).as("minimal history:%n%s", small.toScenarioJson()).isEmpty();
                    }
                });
    }

    /** Runs a history through the engine and the builder and lists every figure that does not add up. */
    static List<String> problems(History history, Period period) {
        ReferralProgram program = ReferralProgram.of(history.program(), history.partners());
        ReportOptions options = ReportOptions.monthly().withPeriod(period);
        ReferralEngine engine = ReferralEngine.create(program);
        ReportBuilder live = ReportBuilder.create(program, options);
        List<Entry> ledger = new ArrayList<>();
        List<Event> journal = new ArrayList<>();
        List<Binding> bindings = new ArrayList<>();
        Map<String, Payment> payments = new HashMap<>();
        Map<String, BigDecimal> refunded = new HashMap<>();
        Map<String, Binding> bindingOf = new HashMap<>();
        Instant last = null;
        boolean held = false;
        for (JsonNode node : history.events()) {
            Event event;
            try {
                event = ReferralKitJson.read(node, Event.class, RejectionCode.INVALID_EVENT);
            } catch (ReferralKitException e) {
                live.accept(null, engine.process(node));
                continue;
            }
            Outcome o = engine.process(event);
            live.accept(event, o);
            if (!o.isAccepted()) {
                continue;
            }
            held |= !o.holds().isEmpty();
            journal.add(event);
            ledger.addAll(o.entries());
            o.binding().ifPresent(b -> {
                bindings.add(b);
                bindingOf.put(b.customer(), b);
            });
            last = last == null || event.at().isAfter(last) ? event.at() : last;
            if (event instanceof Payment p) {
                payments.put(p.id(), p);
            } else if (event instanceof Refund r) {
                refunded.merge(r.payment(), r.amount(), BigDecimal::add);
            }
        }
        Report report = live.build();
        List<String> problems = new ArrayList<>();

        // commissions and payouts: per partner and currency, the report's periods add up to the ledger
        Map<String, BigDecimal> earned = new TreeMap<>();
        Map<String, BigDecimal> paid = new TreeMap<>();
        for (Entry e : ledger) {
            String key = e.partner() + " " + e.currency();
            if (e.kind() == EntryKind.PAYOUT || e.kind() == EntryKind.PAYOUT_REVERSAL) { // a failed payout pays back
                paid.merge(key, e.amount().negate(), BigDecimal::add);
            } else {
                earned.merge(key, e.amount(), BigDecimal::add);
            }
        }
        Map<String, BigDecimal> reportEarned = new TreeMap<>();
        Map<String, BigDecimal> reportPaid = new TreeMap<>();
        for (PartnerReport p : report.partners()) {
            for (PeriodFigures f : p.figures().periods()) {
                for (MoneyFigures m : f.money()) {
                    reportEarned.merge(p.partner() + " " + m.currency(), m.commissions(), BigDecimal::add);
                    reportPaid.merge(p.partner() + " " + m.currency(), m.paid(), BigDecimal::add);
                }
            }
            for (MoneyFigures m : p.figures().total().money()) {
                sameAmount(problems, "total commissions of " + p.partner() + " " + m.currency(), m.commissions(),
                        reportEarned.getOrDefault(p.partner() + " " + m.currency(), BigDecimal.ZERO));
            }
        }
        sameAmounts(problems, "commissions", earned, reportEarned);
        sameAmounts(problems, "paid", paid, reportPaid);

        // balances are the engine's
        Instant asOf = last == null ? Instant.EPOCH : last;
        List<Balance> expected = engine.balances(asOf);
        List<Balance> actual = new ArrayList<>();
        report.partners().forEach(p -> actual.addAll(p.balances()));
        actual.sort(java.util.Comparator.comparing(Balance::partner).thenComparing(x -> x.currency().getCurrencyCode()));
        // a report reads no hold changes (docs/reports.md): entries under a hold count as pending or available there,
        // so with holds only the unsettled totals and what was paid are the engine's
        if (held ? !totals(expected).equals(totals(actual)) : !render(expected).equals(render(actual))) {
            problems.add("balances: engine " + render(expected) + ", report " + render(actual));
        }

        // revenue: each partner's net revenue is its largest-remainder share of each payment's unrefunded base
        Map<String, BigDecimal> netRevenue = new TreeMap<>();
        Map<String, BigDecimal> grossRevenue = new TreeMap<>();
        long converted = 0;
        RoundingMode mode = history.program().rounding().mode();
        Map<String, Boolean> firstSeen = new HashMap<>();
        for (Event e : journal) {
            if (!(e instanceof Payment p)) {
                continue;
            }
            BigDecimal base = p.base().amount();
            BigDecimal r = refunded.getOrDefault(p.id(), BigDecimal.ZERO);
            BigDecimal refundedBase = p.amount().signum() == 0 ? BigDecimal.ZERO
                    : base.multiply(r).divide(p.amount(), Money.digits(p.currency()), mode);
            Binding b = bindingOf.get(p.customer());
            List<Credit> credits = b.credits();
            List<String> who = credits.isEmpty() ? List.of("(organic)") : credits.stream().map(Credit::partner).toList();
            List<Ratio> weights = credits.isEmpty() ? List.of(Ratio.ONE) : credits.stream().map(Credit::weight).toList();
            List<Money> net = Money.of(base.subtract(refundedBase), p.currency()).allocate(weights);
            List<Money> gross = Money.of(base, p.currency()).allocate(weights);
            for (int k = 0; k < who.size(); k++) {
                netRevenue.merge(who.get(k) + " " + p.currency(), net.get(k).amount(), BigDecimal::add);
                grossRevenue.merge(who.get(k) + " " + p.currency(), gross.get(k).amount(), BigDecimal::add);
            }
            boolean refundedInFull = r.signum() > 0 && r.compareTo(p.amount()) == 0;
            if (firstSeen.putIfAbsent(p.customer(), true) == null && !refundedInFull) {
                converted++;
            }
        }
        Map<String, BigDecimal> reportNet = new TreeMap<>();
        Map<String, BigDecimal> reportGross = new TreeMap<>();
        List<PartnerReport> segments = new ArrayList<>(report.partners());
        segments.add(new PartnerReport("(organic)", "(organic)", report.organic(), List.of()));
        Ratio conversions = Ratio.ZERO;
        for (PartnerReport p : segments) {
            for (MoneyFigures m : p.figures().total().money()) {
                reportNet.merge(p.partner() + " " + m.currency(), m.netRevenue(), BigDecimal::add);
                reportGross.merge(p.partner() + " " + m.currency(), m.grossRevenue(), BigDecimal::add);
            }
            conversions = conversions.plus(p.figures().total().conversions());
        }
        sameAmounts(problems, "net revenue", netRevenue, reportNet);
        sameAmounts(problems, "gross revenue", grossRevenue, reportGross);
        if (!conversions.equals(Ratio.of(converted, 1))) {
            problems.add("conversions: " + converted + " customers converted, report " + conversions);
        }
        Ratio referredConversions = report.referred().total().conversions();
        Ratio partnerConversions = report.partners().stream().map(p -> p.figures().total().conversions())
                .reduce(Ratio.ZERO, Ratio::plus);
        if (!referredConversions.equals(partnerConversions)) {
            problems.add("referred conversions " + referredConversions + " are not the partners' " + partnerConversions);
        }

        // the same report from files: journal, entries and bindings
        try {
            Path dir = Files.createTempDirectory("report-files");
            try {
                write(dir.resolve("journal.jsonl"), journal);
                write(dir.resolve("entries.jsonl"), ledger);
                Files.write(dir.resolve("bindings.jsonl"), bindings.stream().map(LedgerFiles::bindingLine).toList());
                ReportBuilder fromFiles = ReportBuilder.create(program, options);
                LedgerFiles.feed(fromFiles, dir.resolve("journal.jsonl"), dir.resolve("entries.jsonl"),
                        dir.resolve("bindings.jsonl"), (n, read, total) -> { });
                String a = ReportFormat.JSON.write(withoutRejections(report));
                String b = ReportFormat.JSON.write(fromFiles.build());
                if (!a.equals(b)) {
                    List<String> la = a.lines().toList();
                    List<String> lb = b.lines().toList();
                    int i = 0;
                    while (i < Math.min(la.size(), lb.size()) && la.get(i).equals(lb.get(i))) {
                        i++;
                    }
                    problems.add("the report from files differs from the live report at line " + (i + 1) + ": "
                            + (i < la.size() ? la.get(i) : "(end)") + " / " + (i < lb.size() ? lb.get(i) : "(end)"));
                }
            } finally {
                try (var files = Files.list(dir)) {
                    for (Path f : files.toList()) {
                        Files.delete(f);
                    }
                }
                Files.delete(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return problems;
    }

    private static Report withoutRejections(Report r) {
        return new Report(r.business(), r.period(), r.timeZone(), r.currency(), r.asOf(), r.events() - r.rejected(), 0,
                r.partners(), r.referred(), r.organic(), r.channels(), r.reciprocity(), r.leaderboard());
    }

    private static void write(Path file, List<?> values) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            for (Object v : values) {
                w.write(ReferralKitJson.write(v));
                w.newLine();
            }
        }
    }

    private static String totals(List<Balance> balances) {
        StringBuilder b = new StringBuilder();
        for (Balance x : balances) {
            b.append(x.partner()).append(' ').append(x.currency()).append(' ')
                    .append(x.pending().add(x.available()).add(x.held().orElse(BigDecimal.ZERO)).toPlainString()).append('/')
                    .append(x.paid().toPlainString()).append("; ");
        }
        return b.toString();
    }

    private static String render(List<Balance> balances) {
        StringBuilder b = new StringBuilder();
        for (Balance x : balances) {
            b.append(x.partner()).append(' ').append(x.currency()).append(' ').append(x.pending().toPlainString()).append('/')
                    .append(x.available().toPlainString()).append('/').append(x.paid().toPlainString()).append("; ");
        }
        return b.toString();
    }

    private static void sameAmounts(List<String> problems, String what, Map<String, BigDecimal> expected,
                                    Map<String, BigDecimal> actual) {
        TreeMap<String, BigDecimal> keys = new TreeMap<>(expected);
        actual.forEach(keys::putIfAbsent);
        for (String key : keys.keySet()) {
            sameAmount(problems, what + " of " + key, expected.getOrDefault(key, BigDecimal.ZERO),
                    actual.getOrDefault(key, BigDecimal.ZERO));
        }
    }

    private static void sameAmount(List<String> problems, String what, BigDecimal expected, BigDecimal actual) {
        if (expected.compareTo(actual) != 0) {
            problems.add(what + ": ledger " + expected.toPlainString() + ", report " + actual.toPlainString());
        }
    }
}
