package dev.referralkit.engine.state;

/**
 * A set of 64-bit event-id hashes, each with a 32-bit fingerprint, in one open-addressing table kept
 * sorted by home slot (Robin Hood linear probing without wrap-around, multiply-shift homes over any
 * capacity, growth by a quarter at 90 % full): 12 bytes a slot, about 14–17 bytes an id. A slot is three
 * consecutive {@code int}s of one array (the hash's upper and lower halves, then the fingerprint), so that
 * looking an id up and then adding it reads one place of memory, not two. A hash of 0 (the empty marker)
 * is kept apart.
 */
final class IdSet {
    private static final int MARGIN = 64;
    private static final double MAX_LOAD = 0.9;

    private int capacity;
    /** Slot i: upper 32 bits of the hash at 3i, lower 32 at 3i + 1, fingerprint at 3i + 2. */
    private int[] table;
    private int slots;
    private int size;
    private int limit;
    private boolean zero;
    private int zeroFp;

    IdSet() {
        allocate(64);
    }

    private void allocate(int cap) {
        capacity = cap;
        slots = cap + MARGIN;
        table = new int[3 * slots];
        limit = (int) (cap * MAX_LOAD);
    }

    private int home(int upper) {
        return (int) (((upper & 0xFFFFFFFFL) * capacity) >>> 32);
    }

    private static long key(int[] t, int i) {
        return ((long) t[3 * i] << 32) | (t[3 * i + 1] & 0xFFFFFFFFL);
    }

    private static boolean empty(int[] t, int i) {
        return t[3 * i] == 0 && t[3 * i + 1] == 0;
    }

    int size() {
        return size + (zero ? 1 : 0);
    }

    /** @return whether the hash is present */
    boolean contains(long key) {
        return key == 0 ? zero : slot(key) >= 0;
    }

    /** @return the fingerprint of a present hash */
    int fingerprint(long key) {
        return key == 0 ? zeroFp : table[3 * slot(key) + 2];
    }

    private int slot(long key) {
        int upper = (int) (key >>> 32);
        int home = home(upper);
        int[] t = table;
        for (int i = home; i < slots && !empty(t, i); i++) {
            if (key(t, i) == key) {
                return i;
            }
            if (t[3 * i] != upper && home(t[3 * i]) > home) {
                return -1;
            }
        }
        return -1;
    }

    /** Adds or replaces a hash's fingerprint. */
    void put(long key, int fp) {
        if (key == 0) {
            zero = true;
            zeroFp = fp;
            return;
        }
        int i = slot(key);
        if (i >= 0) {
            table[3 * i + 2] = fp;
            return;
        }
        if (size + 1 > limit) {
            grow();
        }
        while (!insert(key, fp)) {
            grow();
        }
        size++;
    }

    /** Removes a hash if present. */
    void remove(long key) {
        if (key == 0) {
            zero = false;
            return;
        }
        int i = slot(key);
        if (i < 0) {
            return;
        }
        int[] t = table;
        int j = i + 1;
        while (j < slots && !empty(t, j) && home(t[3 * j]) < j) {
            j++;
        }
        System.arraycopy(t, 3 * (i + 1), t, 3 * i, 3 * (j - i - 1));
        t[3 * (j - 1)] = 0;
        t[3 * (j - 1) + 1] = 0;
        t[3 * (j - 1) + 2] = 0;
        size--;
    }

    private boolean insert(long key, int fp) {
        int upper = (int) (key >>> 32);
        int home = home(upper);
        int[] t = table;
        int j = home;
        while (j < slots && !empty(t, j) && home(t[3 * j]) <= home) {
            j++;
        }
        int e = j;
        while (e < slots && !empty(t, e)) {
            e++;
        }
        if (e == slots) {
            return false;
        }
        System.arraycopy(t, 3 * j, t, 3 * (j + 1), 3 * (e - j));
        t[3 * j] = upper;
        t[3 * j + 1] = (int) key;
        t[3 * j + 2] = fp;
        return true;
    }

    private void grow() {
        int[] old = table;
        int oldSlots = slots;
        int cap = Math.max(64, capacity + (capacity >> 2));
        while (true) {
            allocate(cap);
            boolean fits = true;
            for (int i = 0; i < oldSlots && fits; i++) {
                if (!empty(old, i)) {
                    fits = insert(key(old, i), old[3 * i + 2]);
                }
            }
            if (fits) {
                return;
            }
            cap += cap >> 2;
        }
    }

    /** @param each receives every (hash, fingerprint) */
    void forEach(java.util.function.BiConsumer<Long, Integer> each) {
        if (zero) {
            each.accept(0L, zeroFp);
        }
        for (int i = 0; i < slots; i++) {
            if (!empty(table, i)) {
                each.accept(key(table, i), table[3 * i + 2]);
            }
        }
    }

    long bytes() {
        return 12L * slots;
    }
}
