package dev.referralkit.engine.stage;

import dev.referralkit.engine.state.StateRecord;
import dev.referralkit.engine.state.StateStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The changes of one event, written through to a {@link StateStore} with what each replaced, so that a
 * rejected event (or a failing store) is undone exactly (SPEC.md §7.8; docs/engine.md §2). Every write of
 * the engine goes through here: {@link #put} and {@link #remove} take the record the caller read (the
 * current one, or null), so no extra read is needed. Reads go to {@link #store()} directly and see the
 * event's own writes. Bulk forgetting of event-id buckets is deferred to {@link #commit()}.
 *
 * <p>One transaction object serves one engine (or one stream task) for all its events: {@link #begin()}
 * clears it, so the per-event work allocates only the change list it hands out.
 */
public final class Transaction {
    private final StateStore store;
    private StateRecord[] before = new StateRecord[16];
    private StateRecord[] after = new StateRecord[16];
    private int size;
    private final List<Integer> forgotten = new ArrayList<>(2);
    private boolean open;

    /** @param store the store written through */
    public Transaction(StateStore store) {
        this.store = store;
    }

    /** @return the store: read from it directly */
    public StateStore store() {
        return store;
    }

    /** Starts an event's transaction. */
    public void begin() {
        if (open) {
            throw new IllegalStateException("a transaction is already open");
        }
        open = true;
        size = 0;
        forgotten.clear();
    }

    /**
     * Puts a record.
     *
     * @param replaced the record it replaces (the one last read under its key), or null if none
     * @param record   the new record
     */
    public void put(StateRecord replaced, StateRecord record) {
        log(replaced, record);
        store.put(record);
    }

    /**
     * Removes a record.
     *
     * @param removed the record removed (the one last read under its key)
     */
    public void remove(StateRecord removed) {
        log(removed, null);
        store.remove(removed);
    }

    /**
     * Forgets a bucket of remembered event ids when the transaction commits.
     *
     * @param bucket the bucket
     */
    public void forgetEvents(int bucket) {
        forgotten.add(bucket);
    }

    private void log(StateRecord b, StateRecord a) {
        if (size == before.length) {
            before = Arrays.copyOf(before, size * 2);
            after = Arrays.copyOf(after, size * 2);
        }
        before[size] = b;
        after[size] = a;
        size++;
    }

    /**
     * Commits: applies deferred bulk removals and returns the changes, one per key (the first record
     * before, the last after), in the order each key was first written; a record made and removed in the
     * same event is no change. The list is immutable and makes each {@link Change} when it is read.
     *
     * @return the changes
     */
    public List<Change> commit() {
        if (!open) {
            throw new IllegalStateException("no transaction is open");
        }
        for (int bucket : forgotten) {
            store.forgetEvents(bucket);
        }
        Changes changes = new Changes(collapse(), forgotten.isEmpty() ? NO_BUCKETS
                : forgotten.stream().mapToInt(Integer::intValue).toArray());
        close();
        return changes;
    }

    private static final int[] NO_BUCKETS = new int[0];
    private static final StateRecord[] NO_RECORDS = new StateRecord[0];

    /** The changes of one event: records before and after, interleaved, then forgotten buckets. */
    private static final class Changes extends java.util.AbstractList<Change> implements java.util.RandomAccess {
        private final StateRecord[] log;
        private final int[] buckets;

        Changes(StateRecord[] log, int[] buckets) {
            this.log = log;
            this.buckets = buckets;
        }

        @Override
        public Change get(int index) {
            int written = log.length / 2;
            if (index < written) {
                return new Change.Written(log[2 * index], log[2 * index + 1]);
            }
            return new Change.ForgottenEvents(buckets[index - written]);
        }

        @Override
        public int size() {
            return log.length / 2 + buckets.length;
        }
    }

    /**
     * Up to this many writes are collapsed by comparing keys pairwise (at most 496 {@code sameKey} calls, no
     * allocation); a larger log (a payout run) is collapsed through an open-addressing table of log indexes.
     */
    private static final int SMALL = 32;

    /** The log collapsed to one (first before, last after) pair per key, interleaved; pairs of nothing dropped. */
    private StateRecord[] collapse() {
        if (size == 0) {
            return NO_RECORDS;
        }
        StateRecord[] out = new StateRecord[2 * size];
        int n = 0;
        if (size <= SMALL) {
            outer:
            for (int i = 0; i < size; i++) {
                StateRecord key = keyAt(i);
                for (int j = 0; j < i; j++) {
                    StateRecord other = keyAt(j);
                    if (sameKey(other, key)) {
                        continue outer;
                    }
                }
                StateRecord last = last(i, key);
                if (before[i] != null || last != null) {
                    out[n++] = before[i];
                    out[n++] = last;
                }
            }
        } else {
            // an open-addressing table from a key to the log index of its first write (stored plus one; 0 is empty),
            // the last write of each key kept beside its first: no object per write
            int cap = Integer.highestOneBit(size) << 2;
            int shift = Integer.numberOfLeadingZeros(cap) + 1; // the product's top log2(cap) bits pick the slot
            int[] table = new int[cap];
            int[] hashes = new int[size];
            int[] lastOf = new int[size];
            int[] order = new int[size];
            int keys = 0;
            for (int i = 0; i < size; i++) {
                StateRecord key = keyAt(i);
                int h = Keys.hash(key);
                hashes[i] = h;
                int s = (h * 0x9E3779B9) >>> shift;
                while (true) {
                    int f = table[s] - 1;
                    if (f < 0) {
                        table[s] = i + 1;
                        order[keys++] = i;
                        lastOf[i] = i;
                        break;
                    }
                    if (hashes[f] == h && keyAt(f).sameKey(key)) {
                        lastOf[f] = i;
                        break;
                    }
                    s = (s + 1) & (cap - 1);
                }
            }
            for (int k = 0; k < keys; k++) {
                int f = order[k];
                StateRecord b = before[f];
                StateRecord a = after[lastOf[f]];
                if (b != null || a != null) {
                    out[n++] = b;
                    out[n++] = a;
                }
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private StateRecord last(int from, StateRecord key) {
        StateRecord result = after[from];
        for (int j = from + 1; j < size; j++) {
            StateRecord other = keyAt(j);
            if (sameKey(other, key)) {
                result = after[j];
            }
        }
        return result;
    }

    /** @return the record standing for the key of write i: what it wrote, or what it removed */
    private StateRecord keyAt(int i) {
        return after[i] != null ? after[i] : before[i];
    }

    /**
     * {@link StateRecord#sameKey}, asked only of records of one class: records of different kinds never share a key, and
     * an event's writes are mostly of different kinds, so most pairs are told apart without a call.
     */
    private static boolean sameKey(StateRecord a, StateRecord b) {
        return a.getClass() == b.getClass() && a.sameKey(b);
    }

    /** Closes the transaction; a log grown by a large event (a payout run) is given back. */
    private void close() {
        open = false;
        if (before.length > 1024) {
            before = new StateRecord[16];
            after = new StateRecord[16];
        } else {
            Arrays.fill(before, 0, size, null);
            Arrays.fill(after, 0, size, null);
        }
        size = 0;
        forgotten.clear();
    }

    /**
     * Undoes every write of the open transaction, newest first, and closes it. A step the store refuses is tried once
     * more at once (a store that failed for a moment can still undo; the order of the steps is kept); a second refusal
     * is thrown, and then the store's state is undefined (see {@link StateStore}).
     */
    public void rollback() {
        if (!open) {
            return;
        }
        try {
            for (int i = size - 1; i >= 0; i--) {
                try {
                    undo(i);
                } catch (RuntimeException first) {
                    try {
                        undo(i);
                    } catch (RuntimeException again) {
                        again.addSuppressed(first);
                        throw again;
                    }
                }
            }
        } finally {
            close();
        }
    }

    private void undo(int i) {
        if (before[i] == null) {
            store.remove(after[i]);
        } else {
            store.put(before[i]);
        }
    }

    /**
     * Undoes committed changes (a host's transaction failed to persist them), newest first.
     *
     * @param store   the store they were written to
     * @param changes the changes of one or more events, in the order they were made
     * @throws IllegalArgumentException if a change forgot event ids, which cannot be undone
     */
    public static void undo(StateStore store, List<Change> changes) {
        for (int i = changes.size() - 1; i >= 0; i--) {
            Change change = changes.get(i);
            if (change instanceof Change.Written w) {
                if (w.before() == null) {
                    store.remove(w.after());
                } else {
                    store.put(w.before());
                }
            } else {
                throw new IllegalArgumentException(
                        "event ids forgotten by a payout run cannot be restored; restore the engine from the store instead");
            }
        }
    }
}
