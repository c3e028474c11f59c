package dev.referralkit.engine.state;

import java.util.Arrays;

/**
 * An open-addressing index from a 64-bit hash to a row number, kept sorted by home slot (Robin Hood
 * linear probing without wrap-around): a lookup stops at the first slot whose home is past its own, so
 * absent keys cost about as little as present ones even when the table is 90 % full. A slot holds the
 * row and the hash's upper 32 bits (the home is computed from them, multiply-shift over any capacity, so
 * the table grows by a quarter, not double); the caller confirms a match against its full key.
 * About 8 bytes a slot, 9–12 bytes a key.
 */
final class RowIndex {
    /** Confirms that a row holds the full key being looked for. */
    interface Match {
        boolean matches(int row);
    }

    private static final int MARGIN = 64;
    private static final double MAX_LOAD = 0.9;

    private int capacity;
    private int[] rows;
    private int[] frags;
    private int size;
    private int limit;

    RowIndex() {
        allocate(64);
    }

    private void allocate(int cap) {
        capacity = cap;
        rows = new int[cap + MARGIN];
        Arrays.fill(rows, -1);
        frags = new int[cap + MARGIN];
        limit = (int) (cap * MAX_LOAD);
    }

    private int home(int frag) {
        return (int) (((frag & 0xFFFFFFFFL) * capacity) >>> 32);
    }

    static int fragment(long hash) {
        return (int) (hash >>> 32);
    }

    int size() {
        return size;
    }

    /** @return the row with this hash whose full key matches, or −1 */
    int find(long hash, Match match) {
        int frag = fragment(hash);
        int home = home(frag);
        for (int i = home; i < rows.length && rows[i] >= 0; i++) {
            int h = home(frags[i]);
            if (h > home) {
                return -1;
            }
            if (frags[i] == frag && h == home && match.matches(rows[i])) {
                return rows[i];
            }
        }
        return -1;
    }

    /** Adds a row under a hash (the key must not be present). */
    void add(long hash, int row) {
        if (size + 1 > limit) {
            grow();
        }
        while (!insert(fragment(hash), row)) {
            grow();
        }
        size++;
    }

    private boolean insert(int frag, int row) {
        int home = home(frag);
        int j = home;
        while (j < rows.length && rows[j] >= 0 && home(frags[j]) <= home) {
            j++;
        }
        int e = j;
        while (e < rows.length && rows[e] >= 0) {
            e++;
        }
        if (e == rows.length) {
            return false;
        }
        System.arraycopy(rows, j, rows, j + 1, e - j);
        System.arraycopy(frags, j, frags, j + 1, e - j);
        rows[j] = row;
        frags[j] = frag;
        return true;
    }

    /** Removes the slot of a row found under a hash. */
    void remove(long hash, int row) {
        int frag = fragment(hash);
        int home = home(frag);
        int i = home;
        while (rows[i] != row) {
            i++;
        }
        int j = i + 1;
        while (j < rows.length && rows[j] >= 0 && home(frags[j]) < j) {
            j++;
        }
        System.arraycopy(rows, i + 1, rows, i, j - i - 1);
        System.arraycopy(frags, i + 1, frags, i, j - i - 1);
        rows[j - 1] = -1;
        size--;
    }

    private void grow() {
        int[] oldRows = rows;
        int[] oldFrags = frags;
        int cap = Math.max(64, capacity + (capacity >> 2));
        while (true) {
            allocate(cap);
            boolean fits = true;
            for (int i = 0; i < oldRows.length && fits; i++) {
                if (oldRows[i] >= 0) {
                    fits = insert(oldFrags[i], oldRows[i]);
                }
            }
            if (fits) {
                return;
            }
            cap += cap >> 2;
        }
    }

    /** @param each receives every row, in hash order of the upper 32 bits (ties in insertion order) */
    void forEachRow(java.util.function.IntConsumer each) {
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] >= 0) {
                each.accept(rows[i]);
            }
        }
    }

    long bytes() {
        return 8L * rows.length;
    }
}
