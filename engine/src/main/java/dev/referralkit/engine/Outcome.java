package dev.referralkit.engine;

import dev.referralkit.ledger.Binding;
import dev.referralkit.ledger.Entry;
import dev.referralkit.ledger.Payout;
import dev.referralkit.ledger.Rejection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one event did: the entries and payout records it made and the binding it created, or why it
 * was rejected. The host persists the entries and payouts; they are not kept by the engine once
 * settled.
 */
public final class Outcome {
    private final String event;
    private final List<Entry> entries;
    private final List<Payout> payouts;
    private final Binding binding;
    private final Rejection rejection;

    private Outcome(String event, List<Entry> entries, List<Payout> payouts, Binding binding, Rejection rejection) {
        this.event = Objects.requireNonNull(event, "event");
        this.entries = List.copyOf(entries);
        this.payouts = List.copyOf(payouts);
        this.binding = binding;
        this.rejection = rejection;
    }

    static Outcome accepted(String event, List<Entry> entries, List<Payout> payouts, Binding binding) {
        return new Outcome(event, entries, payouts, binding, null);
    }

    static Outcome rejected(Rejection rejection) {
        return new Outcome(rejection.event(), List.of(), List.of(), null, rejection);
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
}
