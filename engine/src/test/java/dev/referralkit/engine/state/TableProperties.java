package dev.referralkit.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.referralkit.ledger.Credit;
import dev.referralkit.money.Ratio;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;

/**
 * The default store's tables against plain maps, over generated operation sequences long enough to grow
 * the tables several times: {@link RowIndex} and {@link IdSet} (one array per table, Robin Hood order,
 * hashes whose upper halves collide, the hash 0; the id set also with its filter and pending table from
 * the start, flushed and grown many times, and at its real size), {@link CustomerTable}'s packed rows (every credit
 * shape, flag and the largest partner index a row holds) and {@link PaymentTable}'s (amounts and
 * commissions beyond an {@code int}, several currencies, refunds, an inline earning kept across a refund);
 * and {@link IdHash#both} against the two halves computed apart.
 */
class TableProperties {
    private static final long SEED = Long.getLong("referralkit.seed", 20261130L);
    private static final int EXAMPLES = Math.max(200, Integer.getInteger("referralkit.examples", 200));

    private static QuickTheory qt() {
        return QuickTheory.qt().withFixedSeed(SEED).withExamples(EXAMPLES);
    }

    /**
     * A 64-bit hash from a small code: few distinct upper halves (so that fragments and homes collide), any
     * lower half, and 0 itself.
     */
    private static long hash(int code) {
        if (code == 0) {
            return 0L;
        }
        long upper = (code % 97) * 0x9E3779B9L;
        return (upper << 32) | ((code * 0x85EBCA6BL) & 0xFFFFFFFFL);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "batched from {0} slots")
    @org.junit.jupiter.params.provider.ValueSource(ints = {64, 1024, 1 << 20})
    void the_id_set_holds_what_a_map_holds(int batchedFrom) {
        java.util.concurrent.atomic.AtomicInteger removals = new java.util.concurrent.atomic.AtomicInteger();
        qt().forAll(lists().of(integers().between(0, 2_000_000)).ofSizeBetween(0, 3_000)).checkAssert(ops -> {
            IdSet set = new IdSet(batchedFrom);
            Map<Long, Integer> model = new HashMap<>();
            int removed = 0;
            for (int op : ops) {
                long key = hash(op / 5 % 1500); // the operation's kind (op % 5) is independent of the key
                if (op % 5 == 0) {
                    set.remove(key);
                    removed += model.remove(key) != null ? 1 : 0;
                } else {
                    set.put(key, op);
                    model.put(key, op);
                }
                assertThat(set.contains(key)).as("hash %x after op %d", key, op).isEqualTo(model.containsKey(key));
                assertThat(set.size()).isEqualTo(model.size());
            }
            assertThat(set.size()).isEqualTo(model.size());
            removals.addAndGet(removed);
            for (int code = 0; code < 1500; code++) {
                long key = hash(code);
                assertThat(set.contains(key)).as("hash %x", key).isEqualTo(model.containsKey(key));
                if (model.containsKey(key)) {
                    assertThat(set.fingerprint(key)).as("fingerprint of %x", key).isEqualTo(model.get(key));
                }
            }
            Map<Long, Integer> walked = new HashMap<>();
            set.forEach(walked::put);
            assertThat(walked).isEqualTo(model);
        });
        assertThat(removals.get()).as("present hashes removed, over all examples").isGreaterThan(10_000);
    }

    /** At the real size: the set turns batching on past 2¹⁸ slots, flushes hundreds of times and grows while doing so. */
    @Test
    void a_large_id_set_holds_what_a_map_holds() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(SEED);
        IdSet set = new IdSet();
        Map<Long, Integer> model = new HashMap<>();
        List<Long> keys = new ArrayList<>();
        for (int i = 0; i < 600_000; i++) {
            int kind = random.nextInt(10);
            if (kind == 0 && !keys.isEmpty()) { // remove a present id (or one removed already)
                long key = keys.get(random.nextInt(keys.size()));
                set.remove(key);
                model.remove(key);
            } else if (kind == 1 && !keys.isEmpty()) { // put an id again, with another fingerprint
                long key = keys.get(random.nextInt(keys.size()));
                set.put(key, i);
                model.put(key, i);
            } else {
                long key = random.nextLong();
                keys.add(key);
                set.put(key, i);
                model.put(key, i);
            }
            if (i % 997 == 0) {
                long probe = keys.get(random.nextInt(keys.size()));
                assertThat(set.contains(probe)).as("step %d", i).isEqualTo(model.containsKey(probe));
                assertThat(set.size()).isEqualTo(model.size());
            }
        }
        assertThat(set.bytes()).as("batched: the filter and the pending table are counted").isGreaterThan(12L * IdSet.BATCHED_FROM);
        for (long key : keys) {
            assertThat(set.contains(key)).isEqualTo(model.containsKey(key));
            if (model.containsKey(key)) {
                assertThat(set.fingerprint(key)).isEqualTo(model.get(key));
            }
        }
        for (int i = 0; i < 100_000; i++) { // ids never put: the filter's "surely absent" and its false positives
            long key = random.nextLong();
            assertThat(set.contains(key)).isEqualTo(model.containsKey(key));
        }
        Map<Long, Integer> walked = new HashMap<>();
        set.forEach(walked::put);
        assertThat(walked).isEqualTo(model);
    }

    @Test
    void the_row_index_finds_what_a_map_finds() {
        java.util.concurrent.atomic.AtomicInteger removals = new java.util.concurrent.atomic.AtomicInteger();
        qt().forAll(lists().of(integers().between(0, 2_000_000)).ofSizeBetween(0, 3_000)).checkAssert(ops -> {
            RowIndex index = new RowIndex();
            Map<Long, Integer> model = new LinkedHashMap<>();
            long[] byRow = new long[3_000];
            int next = 0;
            for (int op : ops) {
                long key = hash(1 + op / 4 % 1500);
                Integer row = model.get(key);
                if (op % 4 == 0) {
                    if (row != null) {
                        index.remove(key, row);
                        model.remove(key);
                        removals.incrementAndGet();
                    }
                } else if (row == null) {
                    byRow[next] = key;
                    index.add(key, next);
                    model.put(key, next++);
                }
            }
            assertThat(index.size()).isEqualTo(model.size());
            for (int code = 1; code <= 1500; code++) {
                long key = hash(code);
                int found = index.find(key, r -> byRow[r] == key);
                assertThat(found).as("hash %x", key).isEqualTo(model.getOrDefault(key, -1));
            }
            List<Integer> rows = new ArrayList<>();
            index.forEachRow(rows::add);
            assertThat(rows).containsExactlyInAnyOrderElementsOf(model.values());
        });
        assertThat(removals.get()).as("present rows removed, over all examples").isGreaterThan(10_000);
    }

    @Test
    void a_customer_row_gives_back_the_record_put_in_it() {
        List<Credit> sole = List.of(Credit.of("p", Ratio.ONE));
        int largest = (1 << 29) - 3; // the largest partner index a packed row holds
        qt().forAll(lists().of(integers().between(0, Integer.MAX_VALUE)).ofSizeBetween(0, 500)).checkAssert(codes -> {
            CustomerTable table = new CustomerTable();
            Map<Long, CustomerRecord> model = new LinkedHashMap<>();
            for (int code : codes) {
                long hi = hash(1 + code % 300);
                long lo = code % 7;
                int shape = code % 6;
                List<Credit> credits = switch (shape) {
                    case 0 -> null;
                    case 1 -> List.of();
                    case 2, 3 -> sole;
                    case 4 -> List.of(Credit.of("p", Ratio.of(1, 2)), Credit.of("q", Ratio.of(1, 2)));
                    default -> sole;
                };
                int partnerIndex = shape == 2 ? largest : shape == 5 ? largest + 1 : code % 1000;
                CustomerRecord r = new CustomerRecord(hi, lo, code * 11L, Nanos.NONE, code % 3 == 0 ? Nanos.NONE : code * 7L,
                        Nanos.NONE, code % 1000, code % 2 == 0, code % 4 == 1, null, credits, List.of(), List.of(), 0,
                        code % 9 == 0 ? Map.of("k", "v") : Map.of());
                if (code % 13 == 0 && model.containsKey(hi * 31 + lo)) {
                    table.remove(hi, lo);
                    model.remove(hi * 31 + lo);
                    continue;
                }
                int index = partnerIndex;
                table.put(r, partner -> index);
                model.put(hi * 31 + lo, r);
                // what the store's sole-credit lookup gives back for this row's partner index
                CustomerRecord back = table.get(hi, lo, i -> i == index ? sole : List.of(Credit.of("x", Ratio.ONE)));
                assertThat(back).as("customer %d", code).isEqualTo(r);
            }
            assertThat(table.size()).isEqualTo(model.size());
        });
    }

    @Test
    void a_payment_row_gives_back_the_payment_and_the_earning_put_in_it() {
        java.util.Currency[] currencies = {java.util.Currency.getInstance("USD"), java.util.Currency.getInstance("JPY"),
            java.util.Currency.getInstance("KWD")};
        java.util.concurrent.atomic.AtomicInteger inline = new java.util.concurrent.atomic.AtomicInteger();
        qt().forAll(lists().of(integers().between(0, Integer.MAX_VALUE)).ofSizeBetween(0, 400)).checkAssert(codes -> {
            CustomerTable customers = new CustomerTable();
            PaymentTable payments = new PaymentTable(customers);
            Map<Long, PaymentRecord> model = new LinkedHashMap<>();
            Map<Long, EarningRecord> earnings = new HashMap<>();
            for (int code : codes) {
                long customerHi = hash(1 + code % 50);
                if (code % 11 != 0) { // a payment of a customer the table does not know is kept whole
                    customers.put(new CustomerRecord(customerHi, 1, 1, Nanos.NONE, 1, Nanos.NONE, 1, false, true, null, List.of(),
                            List.of(), List.of(), 0, Map.of()), partner -> -1);
                }
                long hi = hash(1 + code / 7 % 200);
                long lo = Long.remainderUnsigned(hi, 3) - 1; // the lower 32 bits, sign-extended, as IdHash.lo32 gives them
                PaymentRecord old = model.get(hi);
                if (old != null && code % 7 == 0) {
                    payments.remove(old.hi(), old.lo());
                    model.remove(hi);
                    earnings.remove(hi);
                    assertThat(payments.get(hi, lo)).isNull();
                    continue;
                }
                PaymentRecord p;
                if (old != null) { // a refund: only the refunded amount changes, and an inline earning stays
                    p = new PaymentRecord(old.hi(), old.lo(), old.customerHi(), old.customerLo(), old.currency(), old.amount(),
                            Math.min(old.amount(), old.refunded() + 1 + code % 7), old.at());
                } else {
                    long amount = code % 5 == 0 ? 3_000_000_000L + code : 1 + code % 100_000;
                    p = new PaymentRecord(hi, lo, customerHi, 1, currencies[code % 3], amount, 0, code % 4 == 0 ? code * 3L : Nanos.NONE);
                }
                payments.put(p);
                model.put(hi, p);
                if (old == null && code % 3 != 2) {
                    long commission = code % 13 == 0 ? -5_000_000_000L : code % 1000;
                    EarningRecord e = new EarningRecord("p", p.hi(), p.lo(), Nanos.NONE, p.currency(), PaymentTable.fraction(p),
                            List.of(new Earned(EntryRef.commission("p"), commission, Ratio.ZERO, code * 5L)), Ratio.ZERO, null);
                    // a partner index past the row's 20 bits is not inline (the store keeps the earning whole)
                    assertThat(payments.putEarning(e, 1 << 20)).isFalse();
                    if (payments.putEarning(e, 7)) {
                        earnings.put(hi, e);
                        inline.incrementAndGet();
                    }
                }
                assertThat(payments.get(p.hi(), p.lo())).as("payment %d", code).isEqualTo(p);
                EarningRecord kept = earnings.get(hi);
                EarningRecord back = payments.earning(p.hi(), p.lo(), 7, "p");
                if (kept == null) {
                    assertThat(back).as("earning %d", code).isNull();
                } else {
                    // the inline earning's refunded fraction is the payment's
                    assertThat(back).as("earning %d", code).isEqualTo(new EarningRecord("p", p.hi(), p.lo(), Nanos.NONE, p.currency(),
                            PaymentTable.fraction(p), kept.entries(), Ratio.ZERO, null));
                }
            }
            assertThat(payments.size()).isEqualTo(model.size());
            for (PaymentRecord p : model.values()) {
                assertThat(payments.get(p.hi(), p.lo())).isEqualTo(p);
            }
        });
        assertThat(inline.get()).as("earnings stored inline, over all examples").isGreaterThan(1_000);
    }

    @Test
    void both_halves_in_one_pass_are_the_halves_computed_apart() {
        // any UTF-16 text: ASCII, accents, surrogate pairs (as unpaired halves too), the empty id
        qt().forAll(lists().of(integers().between(0, 0xFFFF)).ofSizeBetween(0, 40)).checkAssert(units -> {
            StringBuilder b = new StringBuilder();
            units.forEach(u -> b.append((char) (u % 3 == 0 ? 'a' + u % 26 : u)));
            String id = b.toString();
            long[] both = new long[2];
            IdHash.both(id, both);
            assertThat(both[0]).as("hi of %s", id).isEqualTo(IdHash.hi(id));
            assertThat(both[1]).as("lo of %s", id).isEqualTo(IdHash.lo(id));
            assertThat((long) (int) both[1]).isEqualTo(IdHash.lo32(id));
        });
    }
}
