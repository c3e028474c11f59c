package dev.referralkit.engine.state;

import dev.referralkit.ledger.Credit;
import dev.referralkit.money.Ratio;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

/**
 * Customers in primitive columns: the 128-bit id hash, last instant, first payment instant, payment count,
 * the sole credited partner's index (−1 unbound, −2 ORGANIC), lead seen — about 41 bytes a row plus 9–12
 * bytes of index. The binding instant gets a column only once a program with a lock-in writes one. A
 * customer in any other shape (pending touches, several credits, attributes) keeps its whole record in a
 * side table until it is compact again. Rows are stable, so payments refer to their customer's row.
 */
final class CustomerTable implements RowIndex.Match {
    private static final int UNBOUND = -1;
    private static final int ORGANIC = -2;
    private static final byte LEAD = 1;
    private static final byte SIDE = 2;
    private static final byte CONVERTED = 4;

    private final RowIndex index = new RowIndex();
    private final Columns.Rows rows = new Columns.Rows();
    private final Columns.Longs hi = new Columns.Longs();
    private final Columns.Longs lo = new Columns.Longs();
    private final Columns.Longs lastAt = new Columns.Longs();
    private final Columns.Longs firstPaymentAt = new Columns.Longs();
    private Columns.Longs boundAt;
    private Columns.Longs lastPaymentAt;
    private final Columns.Ints payments = new Columns.Ints();
    private final Columns.Ints credit = new Columns.Ints();
    private final Columns.Bytes8 flags = new Columns.Bytes8();
    private final Map<Integer, CustomerRecord> side = new HashMap<>();

    /** The key being looked for: the index asks {@link #matches} about candidate rows (no lambda per lookup). */
    private long probeHi;
    private long probeLo;

    int row(long h, long l) {
        probeHi = h;
        probeLo = l;
        return index.find(h, this);
    }

    @Override
    public boolean matches(int row) {
        return hi.get(row) == probeHi && lo.get(row) == probeLo;
    }

    long hi(int row) {
        return hi.get(row);
    }

    long lo(int row) {
        return lo.get(row);
    }

    int size() {
        return index.size();
    }

    CustomerRecord get(long h, long l, IntFunction<List<Credit>> sole) {
        int row = row(h, l);
        return row < 0 ? null : get(row, sole);
    }

    CustomerRecord get(int row, IntFunction<List<Credit>> sole) {
        byte f = flags.get(row);
        if ((f & SIDE) != 0) {
            return side.get(row);
        }
        int c = credit.get(row);
        List<Credit> credits = c == UNBOUND ? null : c == ORGANIC ? List.of() : sole.apply(c);
        return new CustomerRecord(hi.get(row), lo.get(row), lastAt.get(row), boundAt == null ? Nanos.NONE : boundAt.get(row),
                firstPaymentAt.get(row), lastPaymentAt == null ? Nanos.NONE : lastPaymentAt.get(row), payments.get(row), (f & LEAD) != 0,
                (f & CONVERTED) != 0, null, credits, List.of(), List.of(), 0, Map.of());
    }

    /** @return the row it was put in */
    int put(CustomerRecord r, ToIntFunction<String> partnerIndex) {
        int row = row(r.hi(), r.lo());
        if (row < 0) {
            row = rows.take();
            hi.set(row, r.hi());
            lo.set(row, r.lo());
            index.add(r.hi(), row);
        }
        int c = compactCredit(r, partnerIndex);
        boolean compact = c != Integer.MIN_VALUE && r.touches().isEmpty() && r.manual().isEmpty() && r.pruned() == 0
                && r.attributes().isEmpty() && r.stage() == null;
        if (compact) {
            lastAt.set(row, r.lastAt());
            firstPaymentAt.set(row, r.firstPaymentAt());
            if (r.boundAt() != Nanos.NONE && boundAt == null) {
                boundAt = new Columns.Longs();
                for (int i = 0; i < rows.limit(); i++) {
                    boundAt.set(i, Nanos.NONE);
                }
            }
            if (boundAt != null) {
                boundAt.set(row, r.boundAt());
            }
            if (r.lastPaymentAt() != Nanos.NONE && lastPaymentAt == null) {
                lastPaymentAt = new Columns.Longs();
                for (int i = 0; i < rows.limit(); i++) {
                    lastPaymentAt.set(i, Nanos.NONE);
                }
            }
            if (lastPaymentAt != null) {
                lastPaymentAt.set(row, r.lastPaymentAt());
            }
            payments.set(row, r.payments());
            credit.set(row, c);
            if ((flags.get(row) & SIDE) != 0) {
                side.remove(row);
            }
            flags.set(row, (byte) ((r.leadSeen() ? LEAD : 0) | (r.converted() ? CONVERTED : 0)));
        } else {
            flags.set(row, SIDE);
            side.put(row, r);
        }
        return row;
    }

    /** The credit column's value for a record, or MIN_VALUE when its credits are not one full credit, none or unbound. */
    private static int compactCredit(CustomerRecord r, ToIntFunction<String> partnerIndex) {
        if (r.credits() == null) {
            return UNBOUND;
        }
        if (r.credits().isEmpty()) {
            return ORGANIC;
        }
        if (r.credits().size() == 1 && r.credits().get(0).weight().equals(Ratio.ONE)) {
            int i = partnerIndex.applyAsInt(r.credits().get(0).partner());
            return i >= 0 ? i : Integer.MIN_VALUE;
        }
        return Integer.MIN_VALUE;
    }

    void remove(long h, long l) {
        int row = row(h, l);
        if (row >= 0) {
            index.remove(h, row);
            if ((flags.get(row) & SIDE) != 0) {
                side.remove(row);
            }
            flags.set(row, (byte) 0);
            rows.release(row);
        }
    }

    void forEachRow(java.util.function.IntConsumer each) {
        index.forEachRow(each);
    }
}
