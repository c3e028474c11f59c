package dev.referralkit.engine.state;

import dev.referralkit.money.Ratio;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Payments in primitive columns, with the common earning inline: the 128-bit id hash, the customer's row,
 * the currency, the amount (an {@code int} of minor units; larger amounts in a side table), and — when one
 * partner earned one commission from it and nothing else (no parent share, no volume, no true-up) — that
 * partner's index, the commission (minor units) and its availableAt. About 40 bytes a row plus 9–12 bytes
 * of index. Refunded amounts, the payment's instant (kept only with a refund window), and earnings of any
 * other shape live in side tables.
 */
final class PaymentTable implements RowIndex.Match {
    private static final byte SIDE_PAYMENT = 1;
    private static final byte REFUNDED = 2;
    private static final byte INLINE = 4;
    private static final byte BIG = 8;

    private final RowIndex index = new RowIndex();
    private final Columns.Rows rows = new Columns.Rows();
    private final Columns.Longs hi = new Columns.Longs();
    private final Columns.Ints lo = new Columns.Ints();
    private final Columns.Ints customer = new Columns.Ints();
    private final Columns.Ints amount = new Columns.Ints();
    private final Columns.Bytes8 currency = new Columns.Bytes8();
    private final Columns.Bytes8 flags = new Columns.Bytes8();
    private final Columns.Ints earner = new Columns.Ints();
    private final Columns.Ints earned = new Columns.Ints();
    private final Columns.Longs availableAt = new Columns.Longs();
    private Columns.Longs at;
    private final Map<Integer, PaymentRecord> sidePayments = new HashMap<>();
    private final Map<Integer, Long> refunded = new HashMap<>();
    private final Map<Integer, long[]> big = new HashMap<>();
    private final List<Currency> currencies = new ArrayList<>();

    private final CustomerTable customers;

    PaymentTable(CustomerTable customers) {
        this.customers = customers;
    }

    /** The key being looked for: the index asks {@link #matches} about candidate rows (no lambda per lookup). */
    private long probeHi;
    private int probeLo;

    int row(long h, long l) {
        probeHi = h;
        probeLo = (int) l;
        return index.find(h, this);
    }

    @Override
    public boolean matches(int row) {
        return hi.get(row) == probeHi && lo.get(row) == probeLo;
    }

    int size() {
        return index.size();
    }

    private int currencyIndex(Currency c) {
        int i = currencies.indexOf(c);
        if (i < 0) {
            currencies.add(c);
            i = currencies.size() - 1;
        }
        return i;
    }

    PaymentRecord get(long h, long l) {
        int row = row(h, l);
        return row < 0 ? null : get(row);
    }

    PaymentRecord get(int row) {
        byte f = flags.get(row);
        if ((f & SIDE_PAYMENT) != 0) {
            return sidePayments.get(row);
        }
        int c = customer.get(row);
        long paid = (f & BIG) != 0 && big.get(row)[0] != Long.MIN_VALUE ? big.get(row)[0] : amount.get(row);
        long back = (f & REFUNDED) != 0 ? refunded.get(row) : 0;
        return new PaymentRecord(hi.get(row), lo.get(row), customers.hi(c), customers.lo(c), currencies.get(currency.get(row)), paid,
                back, at == null ? Nanos.NONE : at.get(row));
    }

    /** Puts a payment; keeps the inline earning of an existing row. */
    void put(PaymentRecord p) {
        int row = row(p.hi(), p.lo());
        byte f = 0;
        if (row < 0) {
            row = rows.take();
            hi.set(row, p.hi());
            lo.set(row, (int) p.lo());
            index.add(p.hi(), row);
        } else {
            f = (byte) (flags.get(row) & (INLINE | BIG));
            if ((f & BIG) != 0) {
                big.get(row)[0] = Long.MIN_VALUE;
            }
        }
        int c = customers.row(p.customerHi(), p.customerLo());
        byte was = flags.get(row);
        if ((was & SIDE_PAYMENT) != 0) {
            sidePayments.remove(row);
        }
        if ((was & REFUNDED) != 0) {
            refunded.remove(row);
        }
        if (c < 0) {
            f |= SIDE_PAYMENT;
            sidePayments.put(row, p);
            flags.set(row, f);
            return;
        }
        customer.set(row, c);
        currency.set(row, (byte) currencyIndex(p.currency()));
        if (p.amount() > Integer.MAX_VALUE) {
            f |= BIG;
            big.computeIfAbsent(row, r -> new long[] {Long.MIN_VALUE, Long.MIN_VALUE})[0] = p.amount();
        } else {
            amount.set(row, (int) p.amount());
        }
        if (p.refunded() != 0) {
            f |= REFUNDED;
            refunded.put(row, p.refunded());
        }
        if (p.at() != Nanos.NONE && at == null) {
            at = new Columns.Longs();
            for (int i = 0; i < rows.limit(); i++) {
                at.set(i, Nanos.NONE);
            }
        }
        if (at != null) {
            at.set(row, p.at());
        }
        flags.set(row, f);
    }

    void remove(long h, long l) {
        int row = row(h, l);
        if (row >= 0) {
            index.remove(h, row);
            byte f = flags.get(row);
            if ((f & SIDE_PAYMENT) != 0) {
                sidePayments.remove(row);
            }
            if ((f & REFUNDED) != 0) {
                refunded.remove(row);
            }
            if ((f & BIG) != 0) {
                big.remove(row);
            }
            flags.set(row, (byte) 0);
            rows.release(row);
        }
    }

    /**
     * An earning can be inline when it is one commission at refunded fraction 0 with nothing else, made by a
     * partner with a dense index, on a payment of this table, with the payment's refunded fraction.
     *
     * @return whether it was stored inline
     */
    boolean putEarning(EarningRecord e, int partnerIndex) {
        int row = row(e.paymentHi(), e.paymentLo());
        if (row < 0 || partnerIndex < 0 || e.entries().size() != 1 || e.revenue() != null || e.conversions().signum() != 0
                || e.paymentAt() != Nanos.NONE || (flags.get(row) & SIDE_PAYMENT) != 0) {
            return false;
        }
        Earned x = e.entries().get(0);
        PaymentRecord p = get(row);
        if (x.ref().trueUp() || x.ref().ancestor() != null || !x.ref().partner().equals(e.partner()) || x.f0().signum() != 0
                || !e.currency().equals(p.currency()) || !e.refunded().equals(fraction(p))) {
            return false;
        }
        byte f = flags.get(row);
        if ((f & INLINE) != 0 && earner.get(row) != partnerIndex) {
            return false; // another partner holds the inline place
        }
        earner.set(row, partnerIndex);
        if (x.amount() > Integer.MAX_VALUE || x.amount() < Integer.MIN_VALUE) {
            f |= BIG;
            big.computeIfAbsent(row, r -> new long[] {Long.MIN_VALUE, Long.MIN_VALUE})[1] = x.amount();
        } else {
            earned.set(row, (int) x.amount());
            if ((f & BIG) != 0) {
                big.get(row)[1] = Long.MIN_VALUE;
            }
        }
        availableAt.set(row, x.availableAt());
        flags.set(row, (byte) (f | INLINE));
        return true;
    }

    static Ratio fraction(PaymentRecord p) {
        return p.refunded() == 0 ? Ratio.ZERO : Ratio.of(p.refunded(), p.amount());
    }

    /** @return the inline earning of a partner, or null */
    EarningRecord earning(long h, long l, int partnerIndex, String partner) {
        int row = row(h, l);
        if (row < 0 || (flags.get(row) & INLINE) == 0 || earner.get(row) != partnerIndex) {
            return null;
        }
        return inlineEarning(row, partner);
    }

    private EarningRecord inlineEarning(int row, String partner) {
        PaymentRecord p = get(row);
        long[] b = (flags.get(row) & BIG) != 0 ? big.get(row) : null;
        long amount = b != null && b[1] != Long.MIN_VALUE ? b[1] : earned.get(row);
        return new EarningRecord(partner, p.hi(), p.lo(), Nanos.NONE, p.currency(), fraction(p),
                List.of(new Earned(EntryRef.commission(partner), amount, Ratio.ZERO, availableAt.get(row))), Ratio.ZERO, null);
    }

    /** Drops the inline earning of a partner; @return whether there was one */
    boolean removeEarning(long h, long l, int partnerIndex) {
        int row = row(h, l);
        if (row < 0 || (flags.get(row) & INLINE) == 0 || earner.get(row) != partnerIndex) {
            return false;
        }
        flags.set(row, (byte) (flags.get(row) & ~INLINE));
        return true;
    }

    /** @param each receives (row, partner index) of every inline earning */
    void forEachInline(java.util.function.BiConsumer<Integer, Integer> each) {
        index.forEachRow(row -> {
            if ((flags.get(row) & INLINE) != 0) {
                each.accept(row, earner.get(row));
            }
        });
    }

    EarningRecord inline(int row, String partner) {
        return inlineEarning(row, partner);
    }

    void forEachRow(java.util.function.IntConsumer each) {
        index.forEachRow(each);
    }
}
