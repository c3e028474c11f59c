package dev.referralkit.engine;

import dev.referralkit.engine.stage.Change;
import dev.referralkit.engine.stage.Notification;
import dev.referralkit.ledger.Binding;
import dev.referralkit.ledger.Entry;
import dev.referralkit.ledger.HoldChange;
import dev.referralkit.ledger.RiskDecision;
import dev.referralkit.ledger.Withheld;
import dev.referralkit.ledger.Payout;
import dev.referralkit.ledger.Rejection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one event did: the entries and payout records it made, the binding it created and the records
 * of the engine's state it changed, and (docs/payouts.md) the risk decisions, hold changes and withheld payouts;
 * or why it was rejected (then it changed nothing). The host persists
 * the entries and payouts (the engine drops settled entries); a host that persists the engine's state
 * incrementally writes {@link #changes()} in the same transaction (docs/engine.md §2).
 */
public final class Outcome {
    private final String event;
    private final List<Entry> entries;
    private final List<Payout> payouts;
    private final Binding binding;
    private final Rejection rejection;
    private final List<Change> changes;
    private final List<Notification> told;
    /** Decisions, hold changes and withheld payouts (docs/payouts.md); null when there are none, as for most events. */
    private final Money money;

    private record Money(List<RiskDecision> decisions, List<HoldChange> holds, List<Withheld> withheld) {
    }

    private Outcome(String event, List<Entry> entries, List<Payout> payouts, Binding binding, Rejection rejection, List<Change> changes,
                    List<Notification> told, List<RiskDecision> decisions, List<HoldChange> holds, List<Withheld> withheld) {
        this.event = Objects.requireNonNull(event, "event");
        this.entries = copy(entries);
        this.payouts = copy(payouts);
        this.binding = binding;
        this.rejection = rejection;
        this.changes = changes; // the transaction's immutable list
        this.told = copy(told);
        this.money = decisions.isEmpty() && holds.isEmpty() && withheld.isEmpty() ? null
                : new Money(List.copyOf(decisions), List.copyOf(holds), List.copyOf(withheld));
    }

    /** An immutable copy; an empty list is copied without allocating (most events make no payout, many no entry). */
    private static <T> List<T> copy(List<T> list) {
        return list.isEmpty() ? List.of() : List.copyOf(list);
    }

    static Outcome accepted(String event, List<Entry> entries, List<Payout> payouts, Binding binding, List<Change> changes,
                            List<Notification> told) {
        return accepted(event, entries, payouts, binding, changes, told, List.of(), List.of(), List.of());
    }

    static Outcome accepted(String event, List<Entry> entries, List<Payout> payouts, Binding binding, List<Change> changes,
                            List<Notification> told, List<RiskDecision> decisions, List<HoldChange> holds, List<Withheld> withheld) {
        return new Outcome(event, entries, payouts, binding, null, changes, told, decisions, holds, withheld);
    }

    /**
     * The outcome of an event refused before the engine saw it, by a host that knows more than the
     * engine's state (a durable store's journal remembers event ids the engine has forgotten).
     *
     * @param rejection why, not null
     * @return an outcome that changed nothing
     */
    public static Outcome rejected(Rejection rejection) {
        return new Outcome(rejection.event(), List.of(), List.of(), null, rejection, List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** @return the event's id ({@code "?"} when unreadable) */
    public String event() {
        return event;
    }

    /** @return true if the event was accepted (a {@code DUPLICATE} is not: it changed nothing) */
    public boolean isAccepted() {
        return rejection == null;
    }

    /** @return the entries made, in order; empty if rejected */
    public List<Entry> entries() {
        return entries;
    }

    /** @return the payout records made (payout runs only) */
    public List<Payout> payouts() {
        return payouts;
    }

    /** @return the binding the event created (a customer's first lead or payment) */
    public Optional<Binding> binding() {
        return Optional.ofNullable(binding);
    }

    /** @return why it was rejected */
    public Optional<Rejection> rejection() {
        return Optional.ofNullable(rejection);
    }

    /**
     * The notices for partners (docs/lifecycle.md §5): first those the stages made (a lead received, a stage
     * changed, a level changed), in order; then one per entry made ({@code CommissionEarned}, or
     * {@code Reversal} for a {@code REVERSAL}, {@code PayoutFailed} for a {@code PAYOUT_REVERSAL}; a {@code PAYOUT} entry is told as its payout) and one
     * {@code PayoutSent} per payout record, in ledger order.
     *
     * @return the notifications; empty if rejected
     */
    public List<Notification> notifications() {
        if (entries.isEmpty() && payouts.isEmpty()) {
            return told;
        }
        List<Notification> all = new java.util.ArrayList<>(told.size() + entries.size());
        all.addAll(told);
        for (Entry e : entries) {
            if (e.kind() == dev.referralkit.ledger.EntryKind.REVERSAL) {
                all.add(new Notification.Reversal(e.partner(), e));
            } else if (e.kind() == dev.referralkit.ledger.EntryKind.PAYOUT_REVERSAL) {
                all.add(new Notification.PayoutFailed(e.partner(), e));
            } else if (e.kind() != dev.referralkit.ledger.EntryKind.PAYOUT) {
                all.add(new Notification.CommissionEarned(e.partner(), e));
            }
        }
        for (Payout p : payouts) {
            all.add(new Notification.PayoutSent(p.partner(), p));
        }
        return List.copyOf(all);
    }

    /** @return the level changes among the notifications */
    public List<Notification.LevelChanged> levelChanges() {
        List<Notification.LevelChanged> changes = new java.util.ArrayList<>(0);
        for (Notification n : told) {
            if (n instanceof Notification.LevelChanged c) {
                changes.add(c);
            }
        }
        return changes;
    }

    /** @return the records the event changed, one change per key, in the order first written; empty if rejected */
    public List<Change> changes() {
        return changes;
    }

    /**
     * @return the risk checks' verdicts that were not allow, in order (docs/payouts.md §1): a held, flagged or rejected
     *         commission, a flagged payout; empty if none or rejected
     */
    public List<RiskDecision> decisions() {
        return money == null ? List.of() : money.decisions();
    }

    /** @return the entries placed under a hold or let out of one, in order (docs/payouts.md §2) */
    public List<HoldChange> holds() {
        return money == null ? List.of() : money.holds();
    }

    /** @return the payouts a payout run withheld, with why (docs/payouts.md §4) */
    public List<Withheld> withheld() {
        return money == null ? List.of() : money.withheld();
    }
}
