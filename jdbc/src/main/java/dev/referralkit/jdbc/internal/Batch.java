package dev.referralkit.jdbc.internal;

import dev.referralkit.ledger.Entry;
import dev.referralkit.ledger.Payout;
import java.util.ArrayList;
import java.util.List;

/**
 * What one transaction writes: the journal rows of the events it covers (in order), the changes to
 * the engine's records, the entries they made (in ledger order) and the payout records. One event or
 * many: a batch of N events is the N events' rows concatenated, with their record changes in order
 * (the store keeps the last change to each key).
 *
 * @param journal the accepted events, in order
 * @param state   the record changes, in the order they were made
 * @param entries the entries, in the order they were made
 * @param payouts the payout records, in the order they were made
 */
public record Batch(List<JournalRow> journal, List<StateChange> state, List<Entry> entries, List<Payout> payouts) {
    /** Copies the lists. */
    public Batch {
        journal = List.copyOf(journal);
        state = List.copyOf(state);
        entries = List.copyOf(entries);
        payouts = List.copyOf(payouts);
    }

    /** @return true if the batch writes nothing */
    public boolean isEmpty() {
        return journal.isEmpty() && state.isEmpty() && entries.isEmpty() && payouts.isEmpty();
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects a batch, event by event. Not thread-safe. */
    public static final class Builder {
        private final List<JournalRow> journal = new ArrayList<>();
        private final List<StateChange> state = new ArrayList<>();
        private final List<Entry> entries = new ArrayList<>();
        private final List<Payout> payouts = new ArrayList<>();

        private Builder() {
        }

        /**
         * @param row an accepted event
         * @return this
         */
        public Builder journal(JournalRow row) {
            journal.add(row);
            return this;
        }

        /**
         * @param change a record's new value or deletion
         * @return this
         */
        public Builder change(StateChange change) {
            state.add(change);
            return this;
        }

        /**
         * @param entry an entry made
         * @return this
         */
        public Builder entry(Entry entry) {
            entries.add(entry);
            return this;
        }

        /**
         * @param payout a payout record made
         * @return this
         */
        public Builder payout(Payout payout) {
            payouts.add(payout);
            return this;
        }

        /** @return the number of journal rows so far */
        public int events() {
            return journal.size();
        }

        /** @return the batch */
        public Batch build() {
            return new Batch(journal, state, entries, payouts);
        }

        /** Forgets everything, to collect the next batch. */
        public void clear() {
            journal.clear();
            state.clear();
            entries.clear();
            payouts.clear();
        }
    }
}
