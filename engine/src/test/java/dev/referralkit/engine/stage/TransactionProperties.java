package dev.referralkit.engine.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.referralkit.engine.state.BookRecord;
import dev.referralkit.engine.state.EventRecord;
import dev.referralkit.engine.state.InMemoryStateStore;
import dev.referralkit.engine.state.StateRecord;
import dev.referralkit.engine.state.StateStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;

/**
 * A transaction's change list has one change per key written — the record before the event and the record after
 * it, in the order each key was first written, none for a key made and removed again — whether the log is short
 * (collapsed pairwise) or long (collapsed through hashed keys), and a rollback restores every record.
 */
class TransactionProperties {
    private static final long SEED = Long.getLong("referralkit.seed", 20261129L);
    private static final int EXAMPLES = Math.max(1000, Integer.getInteger("referralkit.examples", 1000));

    private static QuickTheory qt() {
        return QuickTheory.qt().withFixedSeed(SEED).withExamples(EXAMPLES);
    }

    /**
     * Partners whose ids share a {@code String.hashCode} ("Aa" and "BB"; four of length 4; two of length 6), and
     * event-id hashes whose {@code Long.hashCode} is equal in pairs (0 and 2³² + 1, 1 and 2³²): keys that hash alike
     * but differ, so that collapsing by hash alone would be caught.
     */
    private static final String[] BOOKS = {"Aa", "BB", "AaAa", "BBBB", "AaBB", "BBAa", "AaAaAa", "BBBBBB"};
    private static final long[] EVENTS = {0L, 1L, 1L << 32, (1L << 32) | 1};

    /** An operation: key (8 books, 8 event ids), put or remove, and a value. */
    private record Op(int key, boolean remove, int value) {
        static Op of(int code) {
            return new Op(code % 16, (code / 16) % 3 == 0, code / 48);
        }

        String name() {
            return key < 8 ? "book p" + key : "event " + (key - 8) % 2 + "/" + (key - 8) / 2;
        }

        StateRecord read(StateStore store) {
            return key < 8 ? store.book(BOOKS[key]) : store.event((key - 8) % 2, EVENTS[(key - 8) / 2]);
        }

        StateRecord record(int seq) {
            return key < 8 ? new BookRecord(BOOKS[key], List.of(), List.of(), Map.of(), seq, List.of())
                    : new EventRecord((key - 8) % 2, EVENTS[(key - 8) / 2], seq);
        }
    }

    @Test
    void changes_are_the_first_before_and_last_after_of_each_key_in_first_write_order() {
        qt().forAll(lists().of(integers().between(0, 48 * 100 - 1)).ofSizeBetween(0, 10), lists().of(integers().between(0, 48 * 100 - 1))
                .ofSizeBetween(1, 90)).checkAssert((setup, codes) -> {
                    InMemoryStateStore store = new InMemoryStateStore();
                    for (int code : setup) {
                        Op op = Op.of(code);
                        store.put(op.record(op.value()));
                    }
                    Map<String, StateRecord> initial = new LinkedHashMap<>();
                    for (int k = 0; k < 16; k++) {
                        Op op = new Op(k, false, 0);
                        initial.put(op.name(), op.read(store));
                    }
                    Transaction tx = new Transaction(store);
                    tx.begin();
                    Map<String, StateRecord> firstBefore = new LinkedHashMap<>();
                    for (int i = 0; i < codes.size(); i++) {
                        Op op = Op.of(codes.get(i));
                        StateRecord current = op.read(store);
                        if (op.remove() && current == null) {
                            continue;
                        }
                        if (!firstBefore.containsKey(op.name())) { // putIfAbsent would replace a null
                            firstBefore.put(op.name(), current);
                        }
                        if (op.remove()) {
                            tx.remove(current);
                        } else {
                            tx.put(current, op.record(1000 + i));
                        }
                    }
                    List<StateRecord[]> expected = new ArrayList<>();
                    firstBefore.forEach((name, before) -> {
                        StateRecord after = new Op(keyOf(name), false, 0).read(store);
                        if (before != null || after != null) {
                            expected.add(new StateRecord[] {before, after});
                        }
                    });
                    List<Change> changes = tx.commit();
                    assertThat(changes).hasSize(expected.size());
                    for (int i = 0; i < expected.size(); i++) {
                        Change.Written w = (Change.Written) changes.get(i);
                        assertThat(w.before()).as("change %d of %d writes", i, codes.size()).isEqualTo(expected.get(i)[0]);
                        assertThat(w.after()).as("change %d of %d writes", i, codes.size()).isEqualTo(expected.get(i)[1]);
                    }
                    // undoing the changes restores every record
                    Transaction.undo(store, changes);
                    for (int k = 0; k < 16; k++) {
                        Op op = new Op(k, false, 0);
                        assertThat(op.read(store)).as(op.name()).isEqualTo(initial.get(op.name()));
                    }
                });
    }

    private static int keyOf(String name) {
        for (int k = 0; k < 16; k++) {
            if (new Op(k, false, 0).name().equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException(name);
    }
}
