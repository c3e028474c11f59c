package dev.referralkit.engine.state;

import dev.referralkit.money.Ratio;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Payments in rows of nine {@code int}s side by side (36 bytes, so that reading a payment touches one or two
 * cache lines), with the common earning inline: the 96-bit id hash (the upper 64 bits and 32 more), the
 * customer's row, the amount (an {@code int} of minor units; larger amounts in a side table), the currency,
 * and — when one partner earned one commission from it and nothing else (no parent share, no volume, no
 * true-up) — that partner's index (below 2²⁰), the commission (minor units) and its availableAt; plus 9–12
 * bytes of index. Refunded amounts, the payment's instant (kept only with a refund window), and earnings of
 * any other shape live in side tables.
 */
final class PaymentTable implements RowIndex.Match {
    private static final int SIDE_PAYMENT = 1;
    private static final int REFUNDED = 2;
    private static final int INLINE = 4;
    private static final int BIG = 8;

    /** The id hash's upper 64 bits (two fields). */
    private static final int HI = 0;
    /** The id hash's other 32 bits. */
    private static final int LO = 2;
    private static final int CUSTOMER = 3;
    private static final int AMOUNT = 4;
    private static final int EARNED = 5;
    /** The inline commission's availableAt (two fields). */
    private static final int AVAILABLE_AT = 6;
    /** The inline earner's index (bits 12–31), the currency's index (bits 4–11), the flags (bits 0–3). */
    private static final int EARNER_CURRENCY_FLAGS = 8;
    private static final int EARNERS = 1 << 20;
    private static final int CURRENCIES = 1 << 8;

    private final RowIndex index = new RowIndex();
    private final Columns.Rows rows = new Columns.Rows();
    private final Columns.WideInts table = new Columns.WideInts(9);
    private Columns.Wide at;
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
        return table.getLong(row, HI) == probeHi && table.get(row, LO) == probeLo;
    }

    int size() {
        return index.size();
    }

    private int flags(int row) {
        return table.get(row, EARNER_CURRENCY_FLAGS) & 0xF;
    }

    private void flags(int row, int f) {
        int w = table.get(row, EARNER_CURRENCY_FLAGS);
        table.set(row, EARNER_CURRENCY_FLAGS, (w & ~0xF) | f);
    }

    private int currency(int row) {
        return (table.get(row, EARNER_CURRENCY_FLAGS) >>> 4) & 0xFF;
    }

    private int earner(int row) {
        return table.get(row, EARNER_CURRENCY_FLAGS) >>> 12;
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
        int f = flags(row);
        if ((f & SIDE_PAYMENT) != 0) {
            return sidePayments.get(row);
        }
        int c = table.get(row, CUSTOMER);
        long paid = (f & BIG) != 0 && big.get(row)[0] != Long.MIN_VALUE ? big.get(row)[0] : table.get(row, AMOUNT);
        long back = (f & REFUNDED) != 0 ? refunded.get(row) : 0;
        return new PaymentRecord(table.getLong(row, HI), table.get(row, LO), customers.hi(c), customers.lo(c),
                currencies.get(currency(row)), paid, back, at == null ? Nanos.NONE : at.get(row, 0));
    }

    /** Puts a payment; keeps the inline earning of an existing row. */
    void put(PaymentRecord p) {
        int row = row(p.hi(), p.lo());
        int f = 0;
        if (row < 0) {
            row = rows.take();
            table.setLong(row, HI, p.hi());
            table.set(row, LO, (int) p.lo());
            table.set(row, EARNER_CURRENCY_FLAGS, 0);
            index.add(p.hi(), row);
        } else {
            f = flags(row) & (INLINE | BIG);
            if ((f & BIG) != 0) {
                big.get(row)[0] = Long.MIN_VALUE;
            }
        }
        int c = customers.row(p.customerHi(), p.customerLo());
        int was = flags(row);
        if ((was & SIDE_PAYMENT) != 0) {
            sidePayments.remove(row);
        }
        if ((was & REFUNDED) != 0) {
            refunded.remove(row);
        }
        int currency = currencyIndex(p.currency());
        if (c < 0 || currency >= CURRENCIES) { // a payment of an unknown customer, or of a 257th currency: kept whole
            f |= SIDE_PAYMENT;
            sidePayments.put(row, p);
            flags(row, f);
            return;
        }
        table.set(row, CUSTOMER, c);
        int w = table.get(row, EARNER_CURRENCY_FLAGS);
        table.set(row, EARNER_CURRENCY_FLAGS, (w & ~0xFF0) | (currency << 4));
        if (p.amount() > Integer.MAX_VALUE) {
            f |= BIG;
            big.computeIfAbsent(row, r -> new long[] {Long.MIN_VALUE, Long.MIN_VALUE})[0] = p.amount();
        } else {
            table.set(row, AMOUNT, (int) p.amount());
        }
        if (p.refunded() != 0) {
            f |= REFUNDED;
            refunded.put(row, p.refunded());
        }
        if (p.at() != Nanos.NONE && at == null) {
            at = new Columns.Wide(1);
            for (int i = 0; i < rows.limit(); i++) {
                at.set(i, 0, Nanos.NONE);
            }
        }
        if (at != null) {
            at.set(row, 0, p.at());
        }
        flags(row, f);
    }

    void remove(long h, long l) {
        int row = row(h, l);
        if (row >= 0) {
            index.remove(h, row);
            int f = flags(row);
            if ((f & SIDE_PAYMENT) != 0) {
                sidePayments.remove(row);
            }
            if ((f & REFUNDED) != 0) {
                refunded.remove(row);
            }
            if ((f & BIG) != 0) {
                big.remove(row);
            }
            table.set(row, EARNER_CURRENCY_FLAGS, 0);
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
        if (row < 0 || partnerIndex < 0 || partnerIndex >= EARNERS || e.entries().size() != 1 || e.revenue() != null || e.conversions().signum() != 0
                || e.paymentAt() != Nanos.NONE || (flags(row) & SIDE_PAYMENT) != 0) {
            return false;
        }
        Earned x = e.entries().get(0);
        PaymentRecord p = get(row);
        if (x.ref().trueUp() || x.ref().ancestor() != null || !x.ref().partner().equals(e.partner()) || x.f0().signum() != 0
                || !e.currency().equals(p.currency()) || !e.refunded().equals(fraction(p))) {
            return false;
        }
        int f = flags(row);
        if ((f & INLINE) != 0 && earner(row) != partnerIndex) {
            return false; // another partner holds the inline place
        }
        int w = table.get(row, EARNER_CURRENCY_FLAGS);
        table.set(row, EARNER_CURRENCY_FLAGS, (partnerIndex << 12) | (w & 0xFFF));
        if (x.amount() > Integer.MAX_VALUE || x.amount() < Integer.MIN_VALUE) {
            f |= BIG;
            big.computeIfAbsent(row, r -> new long[] {Long.MIN_VALUE, Long.MIN_VALUE})[1] = x.amount();
        } else {
            table.set(row, EARNED, (int) x.amount());
            if ((f & BIG) != 0) {
                big.get(row)[1] = Long.MIN_VALUE;
            }
        }
        table.setLong(row, AVAILABLE_AT, x.availableAt());
        flags(row, f | INLINE);
        return true;
    }

    static Ratio fraction(PaymentRecord p) {
        return p.refunded() == 0 ? Ratio.ZERO : Ratio.of(p.refunded(), p.amount());
    }

    /** @return the inline earning of a partner, or null */
    EarningRecord earning(long h, long l, int partnerIndex, String partner) {
        int row = row(h, l);
        if (row < 0 || (flags(row) & INLINE) == 0 || earner(row) != partnerIndex) {
            return null;
        }
        return inlineEarning(row, partner);
    }

    private EarningRecord inlineEarning(int row, String partner) {
        PaymentRecord p = get(row);
        long[] b = (flags(row) & BIG) != 0 ? big.get(row) : null;
        long amount = b != null && b[1] != Long.MIN_VALUE ? b[1] : table.get(row, EARNED);
        return new EarningRecord(partner, p.hi(), p.lo(), Nanos.NONE, p.currency(), fraction(p),
                List.of(new Earned(EntryRef.commission(partner), amount, Ratio.ZERO, table.getLong(row, AVAILABLE_AT))), Ratio.ZERO, null);
    }

    /** Drops the inline earning of a partner; @return whether there was one */
    boolean removeEarning(long h, long l, int partnerIndex) {
        int row = row(h, l);
        if (row < 0 || (flags(row) & INLINE) == 0 || earner(row) != partnerIndex) {
            return false;
        }
        flags(row, flags(row) & ~INLINE);
        return true;
    }

    /** @param each receives (row, partner index) of every inline earning */
    void forEachInline(java.util.function.BiConsumer<Integer, Integer> each) {
        index.forEachRow(row -> {
            if ((flags(row) & INLINE) != 0) {
                each.accept(row, earner(row));
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
