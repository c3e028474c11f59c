package dev.referralkit.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.referralkit.engine.Outcome;
import dev.referralkit.engine.ReferralEngine;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.ledger.Balances;
import dev.referralkit.ledger.Binding;
import dev.referralkit.ledger.Entry;
import dev.referralkit.ledger.EntryKind;
import dev.referralkit.ledger.Payout;
import dev.referralkit.RejectionCode;
import dev.referralkit.reward.Reward;
import dev.referralkit.rules.CapReward;
import dev.referralkit.rules.RecurringReward;
import dev.referralkit.program.CapScope;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a program over an event history against the properties of SPEC.md §7, and reports each
 * violation with the smallest history that still shows it.
 * <ul>
 * <li>{@code conservation}: the engine's balances equal balances derived from every entry it returned;
 *     each payout equals the sum of the entries it settled, which no other payout settles.</li>
 * <li>{@code refund-nets-to-zero}: a fully refunded payment nets to exactly zero for every partner.</li>
 * <li>{@code determinism}: a second run gives byte-identical outcomes.</li>
 * <li>{@code idempotency}: re-delivering every accepted event is a {@code DUPLICATE} (or {@code LATE_EVENT} once
 *     forgotten under {@code retention.eventIds: until_payout_run}) and changes nothing.</li>
 * <li>{@code rejection-changes-nothing}: the snapshot after a rejected event equals the one before.</li>
 * <li>{@code restore-continues}: snapshot, restore and continue at the middle equals an uninterrupted run.</li>
 * <li>{@code organic-earns-nothing}: no entry from a lead or payment of an ORGANIC customer.</li>
 * <li>{@code entries-well-formed}: unique ids, no zero amounts, commissions never negative.</li>
 * <li>{@code cap} and {@code recurring-limit}: when the program's payment reward is a {@code cap} (per
 *     customer or lifetime) or a {@code recurring} with a {@code payments} limit, and no group or
 *     partner overrides it: the cap is never exceeded, no commission after the limit.</li>
 * <li>{@code held-never-paid} (docs/payouts.md §2): no payout settles an entry while it is under a hold.</li>
 * <li>{@code void-nets-to-zero}: for each voided hold and each partner, the entries under it and the void's
 *     reversal sum to zero.</li>
 * <li>{@code failed-payout-put-back} (§3): each {@code PAYOUT_REVERSAL} puts back exactly its payout's amount,
 *     once.</li>
 * <li>{@code statements-reconcile} (§5): monthly statements reconcile with the ledger and the engine's balances
 *     ({@link #statementViolations}).</li>
 * </ul>
 */
public final class ProgramInvariants {
    private ProgramInvariants() {
    }

    /**
     * @param history a program, its partners and events
     * @return the report: violations, and the minimal failing history if any
     */
    public static InvariantReport check(History history) {
        List<Violation> violations = violations(history);
        if (violations.isEmpty()) {
            return new InvariantReport(violations, null);
        }
        String name = violations.get(0).invariant();
        History minimal = Shrinker.minimize(history, h -> violations(h).stream().anyMatch(v -> v.invariant().equals(name)));
        return new InvariantReport(violations(minimal), minimal);
    }

    /** What one run produced. */
    private static final class Run {
        final List<String> outcomes = new ArrayList<>();
        final List<Entry> entries = new ArrayList<>();
        final List<Payout> payouts = new ArrayList<>();
        final List<Binding> bindings = new ArrayList<>();
        final List<JsonNode> accepted = new ArrayList<>();
        final List<dev.referralkit.ledger.HoldChange> holds = new ArrayList<>();
        final List<String> heldWhenPaid = new ArrayList<>();
        final Set<String> heldNow = new HashSet<>();
        final dev.referralkit.engine.Statements statements;
        Instant last;

        Run(dev.referralkit.program.Program program) {
            this.statements = dev.referralkit.engine.Statements.of(program, dev.referralkit.program.Period.MONTH);
        }
    }

    private static String outcome(Outcome o) {
        return ReferralKitJson.write(o.entries()) + ReferralKitJson.write(o.payouts())
                + o.binding().map(ReferralKitJson::write).orElse("") + o.rejection().map(ReferralKitJson::write).orElse("")
                + (o.decisions().isEmpty() ? "" : ReferralKitJson.write(o.decisions()))
                + (o.holds().isEmpty() ? "" : ReferralKitJson.write(o.holds()))
                + (o.withheld().isEmpty() ? "" : ReferralKitJson.write(o.withheld()));
    }

    private static Run run(ReferralEngine engine, List<JsonNode> events, List<Violation> violations) {
        Run run = new Run(engine.program());
        for (JsonNode e : events) {
            String before = violations == null ? null : engine.snapshot();
            Outcome o = engine.process(e);
            run.outcomes.add(outcome(o));
            if (o.isAccepted()) {
                run.entries.addAll(o.entries());
                run.payouts.addAll(o.payouts());
                o.binding().ifPresent(run.bindings::add);
                run.accepted.add(e);
                Instant at = Instant.from(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(e.get("at").asText()));
                run.last = run.last == null || at.isAfter(run.last) ? at : run.last;
                for (Payout p : o.payouts()) {
                    p.entries().stream().filter(run.heldNow::contains).forEach(id -> run.heldWhenPaid.add(p.run() + " paid " + id));
                }
                for (dev.referralkit.ledger.HoldChange h : o.holds()) {
                    run.holds.add(h);
                    if (h.status() == dev.referralkit.ledger.HoldStatus.HELD) {
                        run.heldNow.add(h.entry());
                    } else {
                        run.heldNow.remove(h.entry());
                    }
                }
                run.statements.accept(at, o);
            } else if (violations != null && !engine.snapshot().equals(before)) {
                violations.add(new Violation("rejection-changes-nothing", "rejecting " + e + " (" + o.rejection().get().code()
                        + ") changed the snapshot"));
            }
        }
        return run;
    }

    /**
     * @param history a program, its partners and events
     * @return every violation, without shrinking
     */
    public static List<Violation> violations(History history) {
        List<Violation> violations = new ArrayList<>();
        ReferralEngine engine = ReferralEngine.create(history.program(), history.partners());
        Run a = run(engine, history.events(), violations);

        // determinism
        Run b = run(ReferralEngine.create(history.program(), history.partners()), history.events(), null);
        if (!a.outcomes.equals(b.outcomes)) {
            violations.add(new Violation("determinism", "two runs of the same history differ"));
        }

        // snapshot, restore, continue
        int k = history.events().size() / 2;
        ReferralEngine first = ReferralEngine.create(history.program(), history.partners());
        Run prefix = run(first, history.events().subList(0, k), null);
        ReferralEngine restored = ReferralEngine.restore(history.program(), first.snapshot());
        Run rest = run(restored, history.events().subList(k, history.events().size()), null);
        List<String> joined = new ArrayList<>(prefix.outcomes);
        joined.addAll(rest.outcomes);
        if (!joined.equals(a.outcomes)) {
            violations.add(new Violation("restore-continues", "snapshot at event " + k + ", restore and continue differs from an uninterrupted run"));
        }

        boolean keepsEveryId = history.program().retention().eventIds() == dev.referralkit.program.EventIdRetention.ALL;
        if (keepsEveryId || reusedIds(a).isEmpty()) {
            conservation(engine, a, violations);
        } else {
            totals(engine, a, violations);
        }
        wellFormed(a, keepsEveryId, violations);
        refundsNetToZero(a, violations);
        organic(a, violations);
        planLimits(history, a, violations);
        money(engine, a, keepsEveryId || reusedIds(a).isEmpty(), violations);

        // idempotency: every accepted event again is a DUPLICATE (or, once forgotten under retention.eventIds
        // until_payout_run, LATE_EVENT, or DUPLICATE_CONFLICT with a later event that reused the id:
        // docs/engine.md §4) and changes nothing
        String snapshot = engine.snapshot();
        boolean forgets = history.program().retention().eventIds() == dev.referralkit.program.EventIdRetention.UNTIL_PAYOUT_RUN;
        for (JsonNode e : a.accepted) {
            Outcome o = engine.process(e);
            RejectionCode code = o.isAccepted() ? null : o.rejection().get().code();
            if (code != RejectionCode.DUPLICATE
                    && !(forgets && (code == RejectionCode.LATE_EVENT || code == RejectionCode.DUPLICATE_CONFLICT))) {
                violations.add(new Violation("idempotency", "re-delivering " + e.path("id").asText() + " gave "
                        + (o.isAccepted() ? "acceptance" : o.rejection().get().code())));
                break;
            }
        }
        if (!engine.snapshot().equals(snapshot)) {
            violations.add(new Violation("idempotency", "re-delivering accepted events changed the snapshot"));
        }
        return violations;
    }

    private static Set<String> reusedIds(Run a) {
        Set<String> seen = new HashSet<>();
        Set<String> reused = new HashSet<>();
        a.accepted.forEach(e -> {
            if (!seen.add(e.path("id").asText())) {
                reused.add(e.path("id").asText());
            }
        });
        return reused;
    }

    /**
     * Conservation by sums, for a history that reused a forgotten event id (entries may then share ids, so
     * settlement cannot be traced by id): per partner and currency, the engine's unsettled balance is the sum
     * of every entry (payouts included), and what it paid is the sum of the payouts.
     */
    private static void totals(ReferralEngine engine, Run a, List<Violation> violations) {
        Map<String, BigDecimal> sums = new HashMap<>();
        for (Entry e : a.entries) {
            sums.merge(e.partner() + "/" + e.currency().getCurrencyCode(), e.amount(), BigDecimal::add);
        }
        for (dev.referralkit.ledger.Balance b : engine.balances(a.last == null ? Instant.EPOCH : a.last)) {
            BigDecimal open = b.pending().add(b.available()).add(b.held().orElse(BigDecimal.ZERO));
            BigDecimal all = sums.getOrDefault(b.partner() + "/" + b.currency().getCurrencyCode(), BigDecimal.ZERO);
            if (open.compareTo(all) != 0) {
                violations.add(new Violation("conservation", b.partner() + " " + b.currency() + ": unsettled " + open
                        + " is not the sum of its entries " + all));
            }
        }
    }

    private static void conservation(ReferralEngine engine, Run a, List<Violation> violations) {
        Instant asOf = a.last == null ? Instant.EPOCH : a.last;
        String derived = ReferralKitJson.write(Balances.derive(a.entries, a.payouts, a.holds, asOf));
        String kept = ReferralKitJson.write(engine.balances(asOf));
        if (!derived.equals(kept)) {
            violations.add(new Violation("conservation", "engine balances " + kept + " differ from balances derived from entries " + derived));
        }
        Map<String, Entry> byId = new HashMap<>();
        a.entries.forEach(e -> byId.put(e.id(), e));
        Set<String> settled = new HashSet<>();
        for (Payout p : a.payouts) {
            BigDecimal sum = BigDecimal.ZERO;
            for (String id : p.entries()) {
                Entry e = byId.get(id);
                if (e == null || !settled.add(id) || !e.partner().equals(p.partner()) || !e.currency().equals(p.currency())) {
                    violations.add(new Violation("conservation", "payout " + p.run() + "/" + p.partner() + " lists " + id
                            + " which is unknown, of another partner or currency, or already settled"));
                    return;
                }
                sum = sum.add(e.amount());
            }
            if (sum.compareTo(p.amount()) != 0 || p.amount().signum() <= 0) {
                violations.add(new Violation("conservation", "payout " + p.run() + "/" + p.partner() + " of " + p.amount()
                        + " settles entries summing to " + sum));
            }
        }
    }

    /**
     * Entry ids are unique when the engine remembers every event id; with {@code retention.eventIds:
     * until_payout_run} a history that reuses a forgotten id (a host error, SPEC.md §3) may repeat them
     * (docs/engine.md §4), so uniqueness is checked only among entries of events accepted once.
     */
    private static void wellFormed(Run a, boolean keepsEveryId, List<Violation> violations) {
        Set<String> ids = new HashSet<>();
        Set<String> reused = keepsEveryId ? Set.of() : reusedIds(a);
        for (Entry e : a.entries) {
            if (!ids.add(e.id()) && !reused.contains(e.event())) {
                violations.add(new Violation("entries-well-formed", "entry id " + e.id() + " is used twice"));
            }
            if (e.amount().signum() == 0) {
                violations.add(new Violation("entries-well-formed", "entry " + e.id() + " has a zero amount"));
            }
            if (e.kind() == EntryKind.COMMISSION && e.amount().signum() < 0) {
                violations.add(new Violation("entries-well-formed", "commission " + e.id() + " is negative: " + e.amount()));
            }
            if (e.amount().scale() != e.currency().getDefaultFractionDigits()) {
                violations.add(new Violation("entries-well-formed", "entry " + e.id() + " is not at its currency's scale"));
            }
        }
    }

    private static void refundsNetToZero(Run a, List<Violation> violations) {
        Map<String, BigDecimal> amounts = new HashMap<>();
        Map<String, BigDecimal> refunded = new HashMap<>();
        Map<String, String> refundToPayment = new HashMap<>();
        for (JsonNode e : a.accepted) {
            String type = e.path("type").asText();
            if (type.equals("payment")) {
                amounts.put(e.get("id").asText(), new BigDecimal(e.get("amount").asText()));
            } else if (type.equals("refund")) {
                String payment = e.get("payment").asText();
                refundToPayment.put(e.get("id").asText(), payment);
                refunded.merge(payment, new BigDecimal(e.get("amount").asText()), BigDecimal::add);
            }
        }
        // a void's reversals (docs/payouts.md §2) belong to the payment of the entry the review voided
        Map<String, String> entryEvent = new HashMap<>();
        a.entries.forEach(e -> entryEvent.put(e.id(), e.event()));
        for (JsonNode e : a.accepted) {
            if (e.path("type").asText().equals("review") && e.path("decision").asText().equals("void")) {
                String event = entryEvent.get(e.get("entry").asText());
                if (event != null) {
                    refundToPayment.put(e.get("id").asText(), event);
                }
            }
        }
        Map<String, Map<String, BigDecimal>> net = new HashMap<>();
        for (Entry e : a.entries) {
            String payment = e.kind() == EntryKind.REVERSAL ? refundToPayment.get(e.event()) : e.event();
            if (payment != null && amounts.containsKey(payment) && e.kind() != EntryKind.PAYOUT && e.kind() != EntryKind.BONUS
                    && e.kind() != EntryKind.PAYOUT_REVERSAL) {
                net.computeIfAbsent(payment, p -> new HashMap<>()).merge(e.partner(), e.amount(), BigDecimal::add);
            }
        }
        refunded.forEach((payment, total) -> {
            if (total.compareTo(amounts.get(payment)) == 0) {
                net.getOrDefault(payment, Map.of()).forEach((partner, sum) -> {
                    if (sum.signum() != 0) {
                        violations.add(new Violation("refund-nets-to-zero", "fully refunded " + payment + " nets " + sum + " for " + partner));
                    }
                });
            }
        });
    }

    /** docs/payouts.md: holds are never paid, voids net to zero, failed payouts come back once, statements reconcile. */
    private static void money(ReferralEngine engine, Run a, boolean traceable, List<Violation> violations) {
        a.heldWhenPaid.forEach(x -> violations.add(new Violation("held-never-paid", x + " while it was held")));
        Map<String, BigDecimal> amountOf = new HashMap<>();
        a.entries.forEach(e -> amountOf.put(e.id(), e.amount()));
        // void-nets-to-zero: per void review and partner, the voided entries and the void's reversal
        Map<String, BigDecimal> voided = new java.util.TreeMap<>();
        for (dev.referralkit.ledger.HoldChange h : a.holds) {
            if (h.status() == dev.referralkit.ledger.HoldStatus.VOIDED && amountOf.containsKey(h.entry())) {
                voided.merge(h.event() + "/" + h.partner(), amountOf.get(h.entry()), BigDecimal::add);
            }
        }
        voided.forEach((key, sum) -> {
            BigDecimal total = sum.add(amountOf.getOrDefault(key + "/reversal", BigDecimal.ZERO));
            if (total.signum() != 0) {
                violations.add(new Violation("void-nets-to-zero", "void " + key + " nets " + total));
            }
        });
        if (traceable) {
            Map<String, BigDecimal> paidOut = new HashMap<>();
            for (Payout p : a.payouts) {
                paidOut.put(p.run() + "/" + p.partner() + "/" + p.currency().getCurrencyCode() + "/payout", p.amount());
            }
            Set<String> failed = new HashSet<>();
            for (Entry e : a.entries) {
                if (e.kind() == EntryKind.PAYOUT_REVERSAL) {
                    String payout = e.id().substring(0, e.id().length() - "/reversal".length());
                    BigDecimal paid = paidOut.get(payout);
                    boolean first = failed.add(payout);
                    if (paid == null || paid.compareTo(e.amount()) != 0 || !first) {
                        violations.add(new Violation("failed-payout-put-back", e.id() + " puts back " + e.amount() + " of payout " + payout
                                + " that paid " + paid + (first ? "" : ", a second time")));
                    }
                }
            }
            violations.addAll(statementViolations(engine, a.entries, a.statements.build(), a.last));
        }
    }

    /**
     * Checks statements against the ledger (docs/payouts.md §5): each closes at its opening plus its entries; each
     * account's first opens at zero and each next one at the previous closing; the sums by kind over all periods are
     * the ledger's; the last closing is the engine's unsettled balance (pending + available + held) and its held the
     * engine's held.
     *
     * @param engine     the engine after the history
     * @param entries    every entry it returned
     * @param statements the statements of its outcomes
     * @param asOf       the instant of the balances (the last accepted event's), or null
     * @return the violations, named {@code statements-reconcile}
     */
    public static List<Violation> statementViolations(ReferralEngine engine, List<Entry> entries, List<dev.referralkit.ledger.Statement> statements,
                                                      Instant asOf) {
        List<Violation> violations = new ArrayList<>();
        Map<String, Map<EntryKind, BigDecimal>> ledger = new HashMap<>();
        for (Entry e : entries) {
            ledger.computeIfAbsent(e.partner() + " " + e.currency().getCurrencyCode(), k -> new java.util.EnumMap<>(EntryKind.class))
                    .merge(e.kind(), e.amount(), BigDecimal::add);
        }
        Map<String, BigDecimal> closing = new HashMap<>();
        Map<String, BigDecimal> held = new HashMap<>();
        Map<String, Map<EntryKind, BigDecimal>> summed = new HashMap<>();
        for (dev.referralkit.ledger.Statement s : statements) {
            String account = s.partner() + " " + s.currency().getCurrencyCode();
            BigDecimal previous = closing.getOrDefault(account, BigDecimal.ZERO);
            if (s.opening().compareTo(previous) != 0) {
                violations.add(new Violation("statements-reconcile", account + " " + s.period() + " opens at " + s.opening()
                        + ", the previous statement closed at " + previous));
            }
            BigDecimal sum = s.opening();
            for (Map.Entry<EntryKind, BigDecimal> k : s.entries().entrySet()) {
                sum = sum.add(k.getValue());
                summed.computeIfAbsent(account, x -> new java.util.EnumMap<>(EntryKind.class)).merge(k.getKey(), k.getValue(), BigDecimal::add);
            }
            if (sum.compareTo(s.closing()) != 0) {
                violations.add(new Violation("statements-reconcile", account + " " + s.period() + " closes at " + s.closing()
                        + ", not opening plus entries " + sum));
            }
            closing.put(account, s.closing());
            held.put(account, s.held());
        }
        ledger.forEach((account, byKind) -> {
            Map<EntryKind, BigDecimal> got = summed.getOrDefault(account, Map.of());
            for (Map.Entry<EntryKind, BigDecimal> k : byKind.entrySet()) {
                if (k.getValue().compareTo(got.getOrDefault(k.getKey(), BigDecimal.ZERO)) != 0) {
                    violations.add(new Violation("statements-reconcile", account + " " + k.getKey() + ": statements sum to "
                            + got.get(k.getKey()) + ", the ledger to " + k.getValue()));
                }
            }
        });
        for (dev.referralkit.ledger.Balance b : engine.balances(asOf == null ? Instant.EPOCH : asOf)) {
            String account = b.partner() + " " + b.currency().getCurrencyCode();
            BigDecimal unsettled = b.pending().add(b.available()).add(b.held().orElse(BigDecimal.ZERO));
            if (unsettled.compareTo(closing.getOrDefault(account, BigDecimal.ZERO)) != 0) {
                violations.add(new Violation("statements-reconcile", account + ": the last statement closes at "
                        + closing.getOrDefault(account, BigDecimal.ZERO) + ", the engine's unsettled balance is " + unsettled));
            }
            if (b.held().orElse(BigDecimal.ZERO).compareTo(held.getOrDefault(account, BigDecimal.ZERO)) != 0) {
                violations.add(new Violation("statements-reconcile", account + ": the last statement holds " + held.get(account)
                        + ", the engine " + b.held().orElse(BigDecimal.ZERO)));
            }
        }
        return violations;
    }

    private static void organic(Run a, List<Violation> violations) {
        Set<String> organic = new HashSet<>();
        a.bindings.stream().filter(Binding::isOrganic).forEach(b -> organic.add(b.customer()));
        for (Entry e : a.entries) {
            if (e.customer().isPresent() && organic.contains(e.customer().get()) && !e.id().contains("/click")) {
                violations.add(new Violation("organic-earns-nothing", "entry " + e.id() + " for ORGANIC customer " + e.customer().get()));
            }
        }
    }

    private static void planLimits(History history, Run a, List<Violation> violations) {
        boolean overridden = !history.program().groups().isEmpty() || history.partners().stream().anyMatch(p -> p.rewards().isPresent())
                || !history.program().versions().isEmpty();
        Optional<Reward> payment = history.program().rewards().payment();
        if (overridden || payment.isEmpty()) {
            return;
        }
        Map<String, Integer> numbers = new HashMap<>();
        Map<String, Integer> paymentNumber = new HashMap<>();
        for (JsonNode e : a.accepted) {
            if (e.path("type").asText().equals("payment")) {
                paymentNumber.put(e.get("id").asText(), numbers.merge(e.get("customer").asText(), 1, Integer::sum));
            }
        }
        if (payment.get() instanceof RecurringReward && ((RecurringReward) payment.get()).payments().isPresent()) {
            int limit = ((RecurringReward) payment.get()).payments().get();
            for (Entry e : a.entries) {
                if (e.kind() == EntryKind.COMMISSION && e.id().endsWith("/commission")
                        && paymentNumber.getOrDefault(e.event(), 0) > limit) {
                    violations.add(new Violation("recurring-limit", "commission " + e.id() + " on payment number "
                            + paymentNumber.get(e.event()) + " after a limit of " + limit));
                }
            }
        }
        if (payment.get() instanceof CapReward) {
            CapReward cap = (CapReward) payment.get();
            if (cap.per() != CapScope.CUSTOMER && cap.per() != CapScope.PARTNER_LIFETIME) {
                return;
            }
            Map<String, BigDecimal> sums = new HashMap<>();
            Map<String, Integer> counts = new HashMap<>();
            for (Entry e : a.entries) {
                if (e.kind() == EntryKind.COMMISSION && e.id().endsWith("/commission") && e.currency().equals(history.program().currency())) {
                    String key = e.partner() + (cap.per() == CapScope.CUSTOMER ? "/" + e.customer().orElse("") : "");
                    sums.merge(key, e.amount(), BigDecimal::add);
                    counts.merge(key, 1, Integer::sum);
                }
            }
            BigDecimal halfUnit = BigDecimal.ONE.movePointLeft(history.program().currency().getDefaultFractionDigits()).divide(BigDecimal.valueOf(2));
            sums.forEach((key, sum) -> {
                BigDecimal tolerance = halfUnit.multiply(BigDecimal.valueOf(counts.get(key)));
                if (sum.compareTo(cap.max().add(tolerance)) > 0) {
                    violations.add(new Violation("cap", "commissions of " + key + " sum to " + sum + " over a cap of " + cap.max()));
                }
            });
        }
    }
}
