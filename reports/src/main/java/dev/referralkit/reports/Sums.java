package dev.referralkit.reports;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Exact sums of minor units by (currency index, field), both growing on demand. A cell is a
 * {@code long} until an addition would overflow, then a {@code BigInteger}: report totals may
 * exceed what one amount can hold.
 */
final class Sums {
    private static final long[] NONE = new long[0];
    private long[][] cells = new long[0][];
    private BigInteger[][] big;

    void add(int currency, int field, long minor) {
        if (minor == 0) {
            return;
        }
        long[] row = row(currency, field);
        if (big != null && big.length > currency && big[currency] != null && big[currency].length > field
                && big[currency][field] != null) {
            big[currency][field] = big[currency][field].add(BigInteger.valueOf(minor));
            return;
        }
        long sum = row[field] + minor;
        if (((row[field] ^ sum) & (minor ^ sum)) < 0) { // overflow: move the cell to a BigInteger
            bigCell(currency, field, BigInteger.valueOf(row[field]).add(BigInteger.valueOf(minor)));
            row[field] = 0;
        } else {
            row[field] = sum;
        }
    }

    void addAll(Sums other) {
        for (int c = 0; c < other.cells.length; c++) {
            for (int f = 0; f < other.cells[c].length; f++) {
                BigInteger v = other.get(c, f);
                if (v.bitLength() < 63) {
                    add(c, f, v.longValue());
                } else {
                    BigInteger now = get(c, f).add(v);
                    row(c, f)[f] = 0;
                    bigCell(c, f, now);
                }
            }
        }
    }

    BigInteger get(int currency, int field) {
        if (big != null && big.length > currency && big[currency] != null && big[currency].length > field
                && big[currency][field] != null) {
            return big[currency][field];
        }
        if (currency >= cells.length || field >= cells[currency].length) {
            return BigInteger.ZERO;
        }
        return BigInteger.valueOf(cells[currency][field]);
    }

    /** @return true if any field of the currency is not zero */
    boolean has(int currency) {
        if (currency >= cells.length) {
            return false;
        }
        for (int f = 0; f < cells[currency].length; f++) {
            if (get(currency, f).signum() != 0) {
                return true;
            }
        }
        return false;
    }

    int currencies() {
        return cells.length;
    }

    int fields(int currency) {
        return currency < cells.length ? cells[currency].length : 0;
    }

    private long[] row(int currency, int field) {
        if (currency >= cells.length) {
            int from = cells.length;
            cells = Arrays.copyOf(cells, currency + 1);
            for (int i = from; i < cells.length; i++) {
                cells[i] = NONE;
            }
        }
        if (field >= cells[currency].length) {
            cells[currency] = Arrays.copyOf(cells[currency], Math.max(field + 1, cells[currency].length * 2));
        }
        return cells[currency];
    }

    private void bigCell(int currency, int field, BigInteger value) {
        if (big == null) {
            big = new BigInteger[currency + 1][];
        } else if (big.length <= currency) {
            big = Arrays.copyOf(big, currency + 1);
        }
        if (big[currency] == null) {
            big[currency] = new BigInteger[field + 1];
        } else if (big[currency].length <= field) {
            big[currency] = Arrays.copyOf(big[currency], field + 1);
        }
        big[currency][field] = value;
    }
}
