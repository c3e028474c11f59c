package dev.referralkit.engine.state;

import dev.referralkit.ledger.Credit;
import dev.referralkit.money.Ratio;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

/**
 * Customers in rows of five {@code long}s side by side (40 bytes, so that reading a customer touches one or
 * two cache lines): the 128-bit id hash, last instant, first payment instant, and one word with the payment
 * count, the lead-seen and converted flags and the sole credited partner's index (−1 unbound, −2 ORGANIC);
 * plus 9–12 bytes of index. The binding instant and the last payment's instant get a column only once a
 * program writes one (a lock-in; partner levels that count active customers). A customer in any other shape
 * (pending touches, several credits, attributes, a partner index of 2²⁹ − 2 or more) keeps its whole record in
 * a side table until it is compact again. Rows are stable, so payments refer to their customer's row.
 */
final class CustomerTable implements RowIndex.Match {
    private static final int UNBOUND = -1;
    private static final int ORGANIC = -2;
    /** Flags in bits 29–31 of the packed word; the credit, plus 2, in bits 0–28. */
    private static final long LEAD = 1L << 29;
    private static final long SIDE = 1L << 30;
    private static final long CONVERTED = 1L << 31;
    private static final int CREDIT_BITS = 29;
    private static final long CREDIT_MASK = (1L << CREDIT_BITS) - 1;

    private static final int HI = 0;
    private static final int LO = 1;
    private static final int LAST_AT = 2;
    private static final int FIRST_PAYMENT_AT = 3;
    /** Payment count in the upper 32 bits, then the flags and the credit. */
    private static final int PACKED = 4;

    private final RowIndex index = new RowIndex();
    private final Columns.Rows rows = new Columns.Rows();
    private final Columns.Wide table = new Columns.Wide(5);
    private Columns.Wide boundAt;
    private Columns.Wide lastPaymentAt;
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
        return table.get(row, HI) == probeHi && table.get(row, LO) == probeLo;
    }

    long hi(int row) {
        return table.get(row, HI);
    }

    long lo(int row) {
        return table.get(row, LO);
    }

    int size() {
        return index.size();
    }

    CustomerRecord get(long h, long l, IntFunction<List<Credit>> sole) {
        int row = row(h, l);
        return row < 0 ? null : get(row, sole);
    }

    CustomerRecord get(int row, IntFunction<List<Credit>> sole) {
        long packed = table.get(row, PACKED);
        if ((packed & SIDE) != 0) {
            return side.get(row);
        }
        int c = (int) (packed & CREDIT_MASK) - 2;
        List<Credit> credits = c == UNBOUND ? null : c == ORGANIC ? List.of() : sole.apply(c);
        return new CustomerRecord(table.get(row, HI), table.get(row, LO), table.get(row, LAST_AT),
                boundAt == null ? Nanos.NONE : boundAt.get(row, 0), table.get(row, FIRST_PAYMENT_AT),
                lastPaymentAt == null ? Nanos.NONE : lastPaymentAt.get(row, 0), (int) (packed >>> 32), (packed & LEAD) != 0,
                (packed & CONVERTED) != 0, null, credits, List.of(), List.of(), 0, Map.of());
    }

    /** @return the row it was put in */
    int put(CustomerRecord r, ToIntFunction<String> partnerIndex) {
        int row = row(r.hi(), r.lo());
        if (row < 0) {
            row = rows.take();
            table.set(row, HI, r.hi());
            table.set(row, LO, r.lo());
            index.add(r.hi(), row);
        }
        int c = compactCredit(r, partnerIndex);
        boolean compact = c != Integer.MIN_VALUE && r.touches().isEmpty() && r.manual().isEmpty() && r.pruned() == 0
                && r.attributes().isEmpty() && r.stage() == null;
        if (compact) {
            table.set(row, LAST_AT, r.lastAt());
            table.set(row, FIRST_PAYMENT_AT, r.firstPaymentAt());
            if (r.boundAt() != Nanos.NONE && boundAt == null) {
                boundAt = new Columns.Wide(1);
                for (int i = 0; i < rows.limit(); i++) {
                    boundAt.set(i, 0, Nanos.NONE);
                }
            }
            if (boundAt != null) {
                boundAt.set(row, 0, r.boundAt());
            }
            if (r.lastPaymentAt() != Nanos.NONE && lastPaymentAt == null) {
                lastPaymentAt = new Columns.Wide(1);
                for (int i = 0; i < rows.limit(); i++) {
                    lastPaymentAt.set(i, 0, Nanos.NONE);
                }
            }
            if (lastPaymentAt != null) {
                lastPaymentAt.set(row, 0, r.lastPaymentAt());
            }
            if ((table.get(row, PACKED) & SIDE) != 0) {
                side.remove(row);
            }
            table.set(row, PACKED, ((long) r.payments() << 32) | (r.leadSeen() ? LEAD : 0) | (r.converted() ? CONVERTED : 0) | (c + 2));
        } else {
            table.set(row, PACKED, SIDE);
            side.put(row, r);
        }
        return row;
    }

    /**
     * The credit field's value for a record, or MIN_VALUE when its credits are not one full credit, none or unbound, or the
     * partner's index does not fit the field.
     */
    private static int compactCredit(CustomerRecord r, ToIntFunction<String> partnerIndex) {
        if (r.credits() == null) {
            return UNBOUND;
        }
        if (r.credits().isEmpty()) {
            return ORGANIC;
        }
        if (r.credits().size() == 1 && r.credits().get(0).weight().equals(Ratio.ONE)) {
            int i = partnerIndex.applyAsInt(r.credits().get(0).partner());
            return i >= 0 && i + 2L <= CREDIT_MASK ? i : Integer.MIN_VALUE;
        }
        return Integer.MIN_VALUE;
    }

    void remove(long h, long l) {
        int row = row(h, l);
        if (row >= 0) {
            index.remove(h, row);
            if ((table.get(row, PACKED) & SIDE) != 0) {
                side.remove(row);
            }
            table.set(row, PACKED, 0);
            rows.release(row);
        }
    }

    void forEachRow(java.util.function.IntConsumer each) {
        index.forEachRow(each);
    }
}
