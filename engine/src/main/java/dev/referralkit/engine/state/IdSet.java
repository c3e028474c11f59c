package dev.referralkit.engine.state;

import java.util.Arrays;

/**
 * A set of 64-bit event-id hashes, each with a 32-bit fingerprint, in one open-addressing table kept
 * sorted by home slot (Robin Hood linear probing without wrap-around, multiply-shift homes over any
 * capacity, growth by a quarter at 90 % full): 12 bytes a slot. A slot is three consecutive {@code int}s
 * of one array (the hash's upper and lower halves, then the fingerprint), so that looking an id up and
 * then adding it reads one place of memory, not two. A hash of 0 (the empty marker) is kept apart.
 *
 * <p><b>Large sets</b> (from {@link #BATCHED_FROM} slots, about 3 MB, more than a core's L2 cache) answer most lookups without touching
 * the table, because every event probes it and a probe of a table that large is a cache and TLB miss:
 * <ul>
 *   <li>a <em>filter</em> (a blocked Bloom filter, 4 bits a slot, 3 bits a hash in one 64-bit word) says
 *   "surely absent" for about 87 % of new ids without reading the table;</li>
 *   <li>new ids wait in a small <em>pending</em> table (at most {@link #PENDING} ids, linear probing, a
 *   marker for removed ones) and are added to the big table together: first every home slot they will
 *   write is read in one pass (the misses overlap), then they are inserted.</li>
 * </ul>
 * Lookups consult the filter, then the pending table, then the big one, so the set answers exactly as a
 * plain table would. About 14–17 bytes an id in all.
 */
final class IdSet {
    private static final int MARGIN = 64;
    private static final double MAX_LOAD = 0.9;
    /** Tables of at least this many slots keep a filter and a pending table. */
    static final int BATCHED_FROM = 1 << 18;
    /** Ids waiting for the big table; the pending table has twice as many slots. */
    static final int PENDING = 1024;
    private static final int PENDING_SLOTS = 2 * PENDING;
    /** A pending slot with key 0 is empty when its fingerprint is 0, a removed id's place when it is 1. */
    private static final int REMOVED = 1;

    private final int batchedFrom;
    private int capacity;
    /** Slot i: upper 32 bits of the hash at 3i, lower 32 at 3i + 1, fingerprint at 3i + 2. */
    private int[] table;
    private int slots;
    /** Ids in the big table. */
    private int inTable;
    private int limit;
    private boolean zero;
    private int zeroFp;

    /** Null until the table has {@code batchedFrom} slots. */
    private long[] filter;
    private int[] pending;
    /** Pending slots in use, removed ones included. */
    private int pendingUsed;
    /** Ids pending (not removed). */
    private int pendingIds;
    /** What the warm-up pass read (kept so that the reads are not optimised away). */
    private long warmed;

    IdSet() {
        this(BATCHED_FROM);
    }

    /** @param batchedFrom the table size from which the filter and the pending table are kept (tests use small ones) */
    IdSet(int batchedFrom) {
        this.batchedFrom = batchedFrom;
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
        return inTable + pendingIds + (zero ? 1 : 0);
    }

    /** @return whether the hash is present */
    boolean contains(long key) {
        if (key == 0) {
            return zero;
        }
        if (filter != null && !mayContain(key)) {
            return false;
        }
        return (pending != null && pendingSlot(key) >= 0) || slot(key) >= 0;
    }

    /** @return the fingerprint of a present hash */
    int fingerprint(long key) {
        if (key == 0) {
            return zeroFp;
        }
        if (pending != null) {
            int p = pendingSlot(key);
            if (p >= 0) {
                return pending[3 * p + 2];
            }
        }
        return table[3 * slot(key) + 2];
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
        if (filter == null || mayContain(key)) {
            if (pending != null) {
                int p = pendingSlot(key);
                if (p >= 0) {
                    pending[3 * p + 2] = fp;
                    return;
                }
            }
            int i = slot(key);
            if (i >= 0) {
                table[3 * i + 2] = fp;
                return;
            }
        }
        if (filter != null) {
            addPending(key, fp);
            return;
        }
        if (inTable + 1 > limit) {
            grow();
        }
        while (!insert(key, fp)) {
            grow();
        }
        inTable++;
        if (capacity >= batchedFrom) {
            startBatching();
        }
    }

    /** Removes a hash if present. */
    void remove(long key) {
        if (key == 0) {
            zero = false;
            return;
        }
        if (filter != null && !mayContain(key)) {
            return;
        }
        if (pending != null) {
            int p = pendingSlot(key);
            if (p >= 0) {
                // its filter bits stay: a filter only ever says "maybe"
                pending[3 * p] = 0;
                pending[3 * p + 1] = 0;
                pending[3 * p + 2] = REMOVED;
                pendingIds--;
                return;
            }
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
        inTable--;
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
                break;
            }
            cap += cap >> 2;
        }
        if (filter != null) {
            fillFilter();
        }
    }

    // ---- the filter: blocked Bloom, one 64-bit word a hash, 3 bits from its upper half, the word from its lower half

    private void startBatching() {
        pending = new int[3 * PENDING_SLOTS];
        fillFilter();
    }

    /** Sizes the filter for the table's capacity and sets the bits of every id, in the table and pending. */
    private void fillFilter() {
        filter = new long[Math.max(1, capacity / 16)];
        for (int i = 0; i < slots; i++) {
            if (!empty(table, i)) {
                addToFilter(key(table, i));
            }
        }
        for (int i = 0; i < PENDING_SLOTS; i++) {
            if (!empty(pending, i)) {
                addToFilter(key(pending, i));
            }
        }
    }

    private int block(long key) {
        return (int) (((key & 0xFFFFFFFFL) * filter.length) >>> 32);
    }

    private static long bits(long key) {
        return (1L << (key >>> 32)) | (1L << (key >>> 38)) | (1L << (key >>> 44));
    }

    private void addToFilter(long key) {
        filter[block(key)] |= bits(key);
    }

    private boolean mayContain(long key) {
        long b = bits(key);
        return (filter[block(key)] & b) == b;
    }

    // ---- the pending table: linear probing with wrap-around over PENDING_SLOTS, homes by the upper half

    private static int pendingHome(long key) {
        return (int) (((key >>> 32) * PENDING_SLOTS) >>> 32);
    }

    private int pendingSlot(long key) {
        int[] p = pending;
        for (int i = pendingHome(key), n = 0; n < PENDING_SLOTS; i = (i + 1) & (PENDING_SLOTS - 1), n++) {
            if (empty(p, i)) {
                if (p[3 * i + 2] != REMOVED) {
                    return -1;
                }
            } else if (key(p, i) == key) {
                return i;
            }
        }
        return -1;
    }

    private void addPending(long key, int fp) {
        int[] p = pending;
        int i = pendingHome(key);
        while (!empty(p, i) || p[3 * i + 2] == REMOVED) {
            i = (i + 1) & (PENDING_SLOTS - 1);
        }
        p[3 * i] = (int) (key >>> 32);
        p[3 * i + 1] = (int) key;
        p[3 * i + 2] = fp;
        addToFilter(key);
        pendingUsed++;
        pendingIds++;
        if (pendingUsed == PENDING) {
            flush();
        }
    }

    /**
     * Moves the pending ids into the big table: room first (growing refills the filter from both tables),
     * then one pass that reads each home slot they will write, so that those cache misses overlap, then the
     * inserts, in about the order of their homes.
     */
    private void flush() {
        while (inTable + pendingIds > limit) {
            grow();
        }
        int[] p = pending;
        int[] t = table;
        long w = 0;
        for (int i = 0; i < PENDING_SLOTS; i++) {
            if (!empty(p, i)) {
                w += t[3 * home(p[3 * i])];
            }
        }
        warmed += w;
        for (int i = 0; i < PENDING_SLOTS; i++) {
            if (!empty(p, i)) {
                long key = key(p, i);
                while (!insert(key, p[3 * i + 2])) {
                    grow();
                }
                inTable++;
            }
        }
        Arrays.fill(p, 0);
        pendingUsed = 0;
        pendingIds = 0;
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
        if (pending != null) {
            for (int i = 0; i < PENDING_SLOTS; i++) {
                if (!empty(pending, i)) {
                    each.accept(key(pending, i), pending[3 * i + 2]);
                }
            }
        }
    }

    long bytes() {
        return 12L * slots + (filter == null ? 0 : 8L * filter.length + 12L * PENDING_SLOTS);
    }
}
