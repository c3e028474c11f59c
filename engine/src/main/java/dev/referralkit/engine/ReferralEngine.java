package dev.referralkit.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.engine.stage.Change;
import dev.referralkit.engine.stage.CustomerStage;
import dev.referralkit.engine.stage.Fingerprint;
import dev.referralkit.engine.stage.Idempotency;
import dev.referralkit.engine.stage.Notification;
import dev.referralkit.engine.stage.PartnerMessage;
import dev.referralkit.engine.stage.PartnerStage;
import dev.referralkit.engine.stage.PartnerChanges;
import dev.referralkit.engine.stage.PartnerEvents;
import dev.referralkit.engine.stage.RefundWindow;
import dev.referralkit.engine.stage.Registrations;
import dev.referralkit.engine.stage.Transaction;
import dev.referralkit.engine.state.BookRecord;
import dev.referralkit.engine.state.EngineRecord;
import dev.referralkit.engine.state.InMemoryStateStore;
import dev.referralkit.engine.state.Nanos;
import dev.referralkit.engine.state.PartnerRecord;
import dev.referralkit.engine.state.StateRecord;
import dev.referralkit.engine.state.StateStore;
import dev.referralkit.event.Event;
import dev.referralkit.event.PartnerChange;
import dev.referralkit.event.PayoutRun;
import dev.referralkit.event.Registration;
import dev.referralkit.event.RegistrationDecision;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.ledger.Balance;
import dev.referralkit.ledger.Binding;
import dev.referralkit.ledger.Entry;
import dev.referralkit.ledger.HoldChange;
import dev.referralkit.ledger.RiskDecision;
import dev.referralkit.ledger.Withheld;
import dev.referralkit.ledger.ImmutableBalance;
import dev.referralkit.ledger.Payout;
import dev.referralkit.ledger.Rejection;
import dev.referralkit.money.Money;
import dev.referralkit.program.Partner;
import dev.referralkit.program.Program;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The program engine: the host feeds events one at a time and gets back the entries they made, or a
 * rejection (SPEC.md §3, §5, §6).
 *
 * <h2>Design</h2>
 * <p>The engine keeps no state of its own: everything is a record in a {@link StateStore}
 * (docs/engine.md §1), by default the compact {@link InMemoryStateStore}. An event is checked here in
 * SPEC.md §3's order — malformed events are refused when read ({@code INVALID_EVENT},
 * {@code INVALID_AMOUNT}); {@code DUPLICATE}/{@code DUPLICATE_CONFLICT} and {@code LATE_EVENT}
 * ({@link Idempotency}); unknown references ({@code UNKNOWN_PARTNER}, {@code UNKNOWN_PAYMENT}, a refund's
 * scale and customer: {@link CustomerStage#checkReferences}); then {@code OUT_OF_ORDER} and the rest in the
 * stages — and then passes two stages with immutable messages between them: the {@link CustomerStage}
 * (keyed by customer) turns it into {@link PartnerMessage}s, and the {@link PartnerStage} (keyed by partner)
 * turns each into entries, booking other partners' shares as it goes. A stream processor partitions the
 * first by customer and the second by partner; this class runs both in one process.
 *
 * <p><b>Rejection never corrupts.</b> Every write goes through a {@link Transaction} that remembers what it
 * replaced; a rejected event (or a store that fails) is undone record by record, so the state is
 * byte-identical to what it was (SPEC.md §7.8). An accepted event's {@link Outcome#changes()} are what a
 * host persists to keep a copy of the state incrementally; {@link #undo} reverts them.
 *
 * <p><b>Cost per event</b> is bounded by the records it touches (one customer, one payment, a partner's
 * plan, book and open periods); a payout run walks the partners and their unsettled entries.
 *
 * <p><b>Threads.</b> An engine is thread-safe: {@link #process}, {@link #snapshot()}, {@link #balances} and
 * {@link #undo} are serialised by the engine's own lock, so concurrent callers see events applied one at a
 * time, in the order they took the lock. For parallelism, partition by customer and partner through the
 * two stages instead of sharing one engine.
 */
public final class ReferralEngine {
    private final Program program;
    private final StateStore store;
    private final Transaction tx;
    private final Idempotency idempotency;
    private final RefundWindow refundWindow;
    private final Registrations registrations;
    private final CustomerStage customers;
    private final PartnerStage partners;

    private ReferralEngine(Program program, StateStore store) {
        this.program = program;
        this.store = store;
        this.tx = new Transaction(store);
        this.idempotency = new Idempotency(program.retention().eventIds());
        this.refundWindow = new RefundWindow(program);
        this.registrations = new Registrations(program);
        this.customers = new CustomerStage(program);
        List<Partner> all = new ArrayList<>();
        store.forEachPartner(p -> all.add(p.partner()));
        this.partners = new PartnerStage(program, all);
    }

    /**
     * An engine for a program and its partners, over a new in-memory store.
     *
     * @param program  the program
     * @param partners its partners (more can join through {@code partner} events)
     * @return a new engine with no history
     * @throws ReferralKitException {@code INVALID_PROGRAM} for an invalid plan, an unknown model, a
     *                              duplicate partner, an unknown parent or a parent cycle
     */
    public static ReferralEngine create(Program program, List<Partner> partners) {
        return open(program, partners, new InMemoryStateStore());
    }

    /**
     * An engine for a referral program, over a new in-memory store.
     *
     * @param program the program and its partners
     * @return a new engine with no history
     * @throws ReferralKitException {@code INVALID_PROGRAM} as {@link #create(Program, List)}
     */
    public static ReferralEngine create(ReferralProgram program) {
        return create(program.program(), program.partners());
    }

    /**
     * An engine over a store that may already hold state (a durable or restored one). Partners not yet in
     * the store are added (with the next dense indexes, in list order); partners already there keep their
     * stored definition (changes arrive as {@code partner} events).
     *
     * @param program  the program the store's state was made with, or that program with versions added
     *                 (docs/lifecycle.md §4); the store keeps the program's fingerprints in its engine record
     * @param partners the program's initial partners
     * @param store    the store
     * @return the engine
     * @throws ReferralKitException {@code INVALID_PROGRAM} as {@link #create(Program, List)}, or for a program
     *                              the state cannot continue under (saying what changed)
     */
    public static ReferralEngine open(Program program, List<Partner> partners, StateStore store) {
        prepare(program, partners, store);
        return new ReferralEngine(program, store);
    }

    /**
     * What {@link #open} does to a store before it runs an engine over it, for hosts that run the stages
     * themselves (a stream processor's state stores): checks the program and its initial partners, checks
     * that the store's state may continue under the program (docs/lifecycle.md §4) and records the
     * program's fingerprints in it, and adds the partners not yet stored (placed at their level).
     *
     * @param program  the program
     * @param partners its initial partners
     * @param store    the store
     * @return the records it put, in order (it removes none): what a durable host stores before the first
     *         event; empty when the store was already prepared for this program and these partners
     * @throws ReferralKitException {@code INVALID_PROGRAM} as {@link #open}
     */
    public static List<StateRecord> prepare(Program program, List<Partner> partners, StateStore store) {
        program.validate();
        dev.referralkit.binding.BindingModels.named(program.attribution().model());
        PartnerChanges.checkInitial(program, partners);
        List<StateRecord> written = new ArrayList<>(0);
        EngineRecord engine = store.engine();
        List<String> prints = ProgramChange.fingerprints(program);
        if (!engine.program().equals(prints)) {
            if (!engine.program().isEmpty()) {
                ProgramChange.check(engine.program(), program, store);
            }
            written.add(new EngineRecord(engine.lastPayoutRun(), engine.eventBuckets(), engine.seenUntil(), prints));
            store.put(written.get(written.size() - 1));
        }
        for (Partner p : partners) {
            if (store.partner(p.id()) == null) {
                written.add(PartnerChanges.initial(program, store.partnerCount(), p));
                store.put(written.get(written.size() - 1));
            }
        }
        return List.copyOf(written);
    }

    /**
     * The engine's whole state as JSON (docs/engine.md §3): what a host persists (with the entries it was
     * given) to continue later with {@link #restore}. Deterministic: the same history gives the same bytes.
     *
     * @return the snapshot
     */
    public synchronized String snapshot() {
        return Snapshots.write(program, store);
    }

    /**
     * An engine that continues exactly as the one that made the snapshot would have, over a new in-memory
     * store.
     *
     * @param program  the same program the snapshot was made with
     * @param snapshot a snapshot from {@link #snapshot()}
     * @return the restored engine
     * @throws ReferralKitException {@code INVALID_PROGRAM} if the snapshot is malformed or was made with
     *                              another program
     */
    public static ReferralEngine restore(Program program, String snapshot) {
        program.validate();
        StateStore store = new InMemoryStateStore();
        Snapshots.read(program, snapshot, store);
        return open(program, List.of(), store);
    }

    /**
     * Visits every record of the engine's state in key order: what a host writes to start a persistent copy
     * that it then keeps up to date with {@link Outcome#changes()}.
     *
     * @param each receives each record
     */
    public synchronized void forEachRecord(java.util.function.Consumer<dev.referralkit.engine.state.StateRecord> each) {
        store.forEach(each);
    }

    /** @return the program */
    public Program program() {
        return program;
    }

    /**
     * A partner's balances derived from the engine's state (SPEC.md §6): unsettled entries split into
     * pending and available at {@code asOf}, and the total paid by payouts.
     *
     * @param asOf the instant, at or after the last event processed
     * @return balances sorted by partner, then currency
     */
    public synchronized List<Balance> balances(Instant asOf) {
        long at = asOf.equals(Instant.MAX) ? Long.MAX_VALUE : Nanos.of(asOf);
        List<Balance> result = new ArrayList<>();
        store.forEachPartner(p -> {
            BookRecord book = store.book(p.id());
            if (book == null) {
                return;
            }
            Map<String, long[]> sums = new TreeMap<>(); // pending, available, held, entries held
            java.util.Set<Long> held = new java.util.HashSet<>();
            store.forEachHold(p.id(), h -> h.entries().forEach(e -> held.add(e.seq())));
            store.forEachOpenEntry(p.id(), e -> {
                long[] s = sums.computeIfAbsent(e.currency().getCurrencyCode(), c -> new long[4]);
                if (held.contains(e.seq())) {
                    s[2] += e.amount();
                    s[3]++;
                } else {
                    s[e.availableAt() > at ? 0 : 1] += e.amount();
                }
            });
            TreeSet<String> codes = new TreeSet<>(sums.keySet());
            codes.addAll(book.paid().keySet());
            for (String code : codes) {
                Currency currency = Currency.getInstance(code);
                long[] s = sums.getOrDefault(code, new long[4]);
                result.add(ImmutableBalance.builder().partner(p.id()).currency(currency)
                        .pending(Money.ofMinor(s[0], currency).amount()).available(Money.ofMinor(s[1], currency).amount())
                        .paid(Money.ofMinor(book.paid().getOrDefault(code, 0L), currency).amount())
                        .held(s[3] > 0 ? java.util.Optional.of(Money.ofMinor(s[2], currency).amount()) : java.util.Optional.empty()).build());
            }
        });
        return result;
    }

    /**
     * A partner's yearly paid total per currency (docs/payouts.md §4): what the payout runs of that calendar year
     * (in the program's time zone, by the run's instant) paid it, less what failed payouts of those runs put back.
     * Kept for every program, with or without {@code tax} thresholds.
     *
     * @param partner a partner id
     * @param year    a calendar year
     * @return the totals by currency code, without currencies that paid nothing that year; empty for an unknown
     *         partner
     */
    public synchronized Map<Currency, Money> paidInYear(String partner, int year) {
        dev.referralkit.engine.state.TaxRecord t = store.tax(partner);
        Map<Currency, Money> paid = new TreeMap<>(java.util.Comparator.comparing(Currency::getCurrencyCode));
        if (t != null) {
            t.paid().getOrDefault(year, Map.of()).forEach((code, minor) -> {
                if (minor != 0) {
                    Currency currency = Currency.getInstance(code);
                    paid.put(currency, Money.ofMinor(minor, currency));
                }
            });
        }
        return java.util.Collections.unmodifiableMap(paid);
    }

    /**
     * Processes one event given as JSON (one line of a JSON Lines file, or one object of a scenario): a
     * malformed event is rejected like any other, with the id it had if readable.
     *
     * @param node the event's JSON
     * @return the outcome, never null
     */
    public Outcome process(JsonNode node) {
        Event event;
        try {
            event = ReferralKitJson.read(node, Event.class, RejectionCode.INVALID_EVENT);
        } catch (ReferralKitException e) {
            String id = node != null && node.path("id").isTextual() ? node.get("id").textValue() : "?";
            String type = node != null && node.path("type").isTextual() ? node.get("type").textValue() : "event";
            return Outcome.rejected(Rejection.of(id, e.withContext(type + " " + id)));
        }
        return process(event);
    }

    /**
     * Processes one event.
     *
     * @param event the event
     * @return the outcome: entries made, or the rejection; never null
     * @throws RuntimeException whatever the store threw, after the event's writes were undone: the event was
     *                          neither accepted nor rejected and can be processed again; if the store also failed
     *                          while undoing them, the state is unknown and this engine refuses every later event
     *                          with an {@link IllegalStateException} (open a new one from the store or a snapshot)
     */
    public synchronized Outcome process(Event event) {
        if (undoFailed != null) {
            throw new IllegalStateException("the engine's store failed while undoing an event, so its state is unknown: open a new engine"
                    + " from the durable store or the last snapshot", undoFailed);
        }
        tx.begin();
        try {
            int fingerprint = Fingerprint.of(event);
            idempotency.check(event, fingerprint, store);
            customers.checkReferences(event, store);
            if (event instanceof PartnerChange change) {
                PartnerChanges.check(program, store, change);
            } else if (event instanceof Registration || event instanceof RegistrationDecision) {
                registrations.check(store, event);
            }
            messages.clear();
            sink.clear();
            Binding binding = customers.apply(event, tx, messages);
            if (event instanceof dev.referralkit.event.PartnerEvent) { // docs/payouts.md §6: straight to its partner's stage
                messages.add(PartnerEvents.route(event).orElseThrow());
            }
            if (event instanceof PartnerChange change) {
                PartnerChanges.apply(program, tx, change);
            } else if (event instanceof Registration || event instanceof RegistrationDecision) {
                registrations.apply(tx, event);
            } else if (event instanceof PayoutRun run) {
                long at = Nanos.of(run.at());
                store.forEachPartner(p -> messages.add(new PartnerMessage.Close(p.id(), run.id(), at)));
                store.forEachPartner(p -> messages.add(new PartnerMessage.Pay(p.id(), run.id(), at)));
            }
            for (int i = 0; i < messages.size(); i++) {
                sink.run(messages.get(i));
            }
            if (event instanceof PayoutRun run) {
                long at = Nanos.of(run.at());
                idempotency.payoutRun(at, tx);
                refundWindow.payoutRun(at, tx);
            }
            idempotency.remember(event, fingerprint, tx);
            List<Change> changes = tx.commit();
            return Outcome.accepted(event.id(), sink.entries, sink.payouts, binding, changes, sink.notifications, sink.decisions, sink.holds,
                    sink.withheld);
        } catch (ReferralKitException e) {
            try {
                tx.rollback();
            } catch (RuntimeException | Error undo) {
                undoFailed = undo;
                throw undo;
            }
            return Outcome.rejected(Rejection.of(event.id(), e.withContext(event.typeName() + " " + event.id())));
        } catch (RuntimeException | Error e) {
            try {
                tx.rollback();
            } catch (RuntimeException | Error undo) {
                undoFailed = undo;
                e.addSuppressed(undo);
            }
            throw e;
        }
    }

    /** Set when the store failed while an event was being undone: the state is then unknown and the engine refuses events. */
    private Throwable undoFailed;

    /** The customer stage's messages for the event being processed (reused). */
    private final Messages messages = new Messages();
    private final Sink sink = new Sink();

    /** A reusable list of the customer stage's messages. */
    private static final class Messages extends ArrayList<PartnerMessage> implements java.util.function.Consumer<PartnerMessage> {
        private static final long serialVersionUID = 1L;

        @Override
        public void accept(PartnerMessage m) {
            add(m);
        }
    }

    /** Runs partner messages depth-first: a share booked for an ancestor follows the entry it shares. */
    private final class Sink implements PartnerStage.Output {
        private final List<Entry> entries = new ArrayList<>(4);
        private final List<Payout> payouts = new ArrayList<>(0);
        private final List<RiskDecision> decisions = new ArrayList<>(0);
        private final List<HoldChange> holds = new ArrayList<>(0);
        private final List<Withheld> withheld = new ArrayList<>(0);
        private final List<Notification> notifications = new ArrayList<>(0);

        void clear() {
            entries.clear();
            payouts.clear();
            decisions.clear();
            holds.clear();
            withheld.clear();
            notifications.clear();
        }

        @Override
        public void decision(RiskDecision decision) {
            decisions.add(decision);
        }

        @Override
        public void hold(HoldChange change) {
            holds.add(change);
        }

        @Override
        public void withheld(Withheld w) {
            withheld.add(w);
        }

        @Override
        public void notify(Notification notification) {
            notifications.add(notification);
        }

        void run(PartnerMessage message) {
            partners.apply(message, tx, this);
        }

        @Override
        public void entry(Entry entry) {
            entries.add(entry);
        }

        @Override
        public void payout(Payout payout) {
            payouts.add(payout);
        }

        @Override
        public void send(PartnerMessage message) {
            run(message);
        }
    }

    /**
     * Reverts accepted events whose changes a host could not persist (its own transaction failed): the
     * outcomes must be the engine's latest, in the order they were processed.
     *
     * @param outcomes the outcomes to revert, oldest first
     * @throws IllegalArgumentException if an outcome forgot event ids (a payout run with
     *                                  {@code retention.eventIds: until_payout_run}): restore from the host's copy instead
     */
    public synchronized void undo(List<Outcome> outcomes) {
        List<Change> all = new ArrayList<>();
        outcomes.forEach(o -> all.addAll(o.changes()));
        Transaction.undo(store, all);
    }
}
