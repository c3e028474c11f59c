package dev.referralkit.engine.state;

import java.util.Arrays;

/**
 * An open-addressing index from a 64-bit hash to a row number, kept sorted by home slot (Robin Hood
 * linear probing without wrap-around): a lookup stops at the first slot whose home is past its own, so
 * absent keys cost about as little as present ones even when the table is 90 % full. A slot is one
 * {@code long}: the hash's upper 32 bits (the home is computed from them, multiply-shift over any
 * capacity, so the table grows by a quarter, not double) above the row, so that a probe reads one array
 * (one cache miss, not two); the caller confirms a match against its full key. An empty slot is −1 (no
 * row is −1). About 8 bytes a slot, 9–12 bytes a key.
 */
final class RowIndex {
    /** Confirms that a row holds the full key being looked for. */
    interface Match {
        boolean matches(int row);
    }

    private static final int MARGIN = 64;
    private static final double MAX_LOAD = 0.9;
    private static final long EMPTY = -1L;

    private int capacity;
    private long[] slots;
    private int size;
    private int limit;

    RowIndex() {
        allocate(64);
    }

    private void allocate(int cap) {
        capacity = cap;
        slots = new long[cap + MARGIN];
        Arrays.fill(slots, EMPTY);
        limit = (int) (cap * MAX_LOAD);
    }

    private int home(int frag) {
        return (int) (((frag & 0xFFFFFFFFL) * capacity) >>> 32);
    }

    private static int frag(long slot) {
        return (int) (slot >>> 32);
    }

    private static long slot(int frag, int row) {
        return ((long) frag << 32) | (row & 0xFFFFFFFFL);
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
        long[] s = slots;
        for (int i = home; i < s.length && s[i] != EMPTY; i++) {
            int f = frag(s[i]);
            if (f == frag) {
                if (match.matches((int) s[i])) {
                    return (int) s[i];
                }
            } else if (home(f) > home) {
                return -1;
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
        long[] s = slots;
        int j = home;
        while (j < s.length && s[j] != EMPTY && home(frag(s[j])) <= home) {
            j++;
        }
        int e = j;
        while (e < s.length && s[e] != EMPTY) {
            e++;
        }
        if (e == s.length) {
            return false;
        }
        System.arraycopy(s, j, s, j + 1, e - j);
        s[j] = slot(frag, row);
        return true;
    }

    /** Removes the slot of a row found under a hash. */
    void remove(long hash, int row) {
        int frag = fragment(hash);
        int home = home(frag);
        long[] s = slots;
        int i = home;
        while ((int) s[i] != row) {
            i++;
        }
        int j = i + 1;
        while (j < s.length && s[j] != EMPTY && home(frag(s[j])) < j) {
            j++;
        }
        System.arraycopy(s, i + 1, s, i, j - i - 1);
        s[j - 1] = EMPTY;
        size--;
    }

    private void grow() {
        long[] old = slots;
        int cap = Math.max(64, capacity + (capacity >> 2));
        while (true) {
            allocate(cap);
            boolean fits = true;
            for (int i = 0; i < old.length && fits; i++) {
                if (old[i] != EMPTY) {
                    fits = insert(frag(old[i]), (int) old[i]);
                }
            }
            if (fits) {
                return;
            }
            cap += cap >> 2;
        }
    }

    /** @param each receives every row, in order of home slot (ties in insertion order): the same order for the same history */
    void forEachRow(java.util.function.IntConsumer each) {
        for (long s : slots) {
            if (s != EMPTY) {
                each.accept((int) s);
            }
        }
    }

    long bytes() {
        return 8L * slots.length;
    }
}
