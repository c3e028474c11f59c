package dev.referralkit.engine;

import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * A map from event ids to values that does not keep the ids: each id is reduced to a 128-bit hash
 * (two independent 64-bit FNV-1a hashes) in primitive arrays of an open-addressing table at most
 * three-quarters full. A table holds object values, primitive {@code long} values, or both (each array
 * allocated with its first value), so the idempotency table stores fingerprints without boxing and a
 * table of records carries no long array. About 27–32 bytes a key, where a
 * {@code HashMap<String, V>} takes about 90 (node, id string, table slot); two ids are confused only if
 * all 128 bits collide (probability about n²/2^129).
 *
 * @param <V> the object value ({@code Void} when only longs are stored)
 */
final class IdTable<V> {
    private long[] hi = new long[256];
    private long[] lo = new long[256];
    /** Allocated with the first object value, so a table of longs only never has one. */
    private Object[] values;
    /** Allocated with the first long value, so a table of objects only never has one. */
    private long[] longs;
    private int size;

    static long hashHi(String id) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            h ^= id.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    static long hashLo(String id) {
        long h = 0x84222325cbf29ce4L;
        for (int i = id.length() - 1; i >= 0; i--) {
            h ^= id.charAt(i) + 0x9e37L;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h | 1L; // a slot with lo == 0 is empty
    }

    private int find(long h, long l) {
        int mask = hi.length - 1;
        for (int i = slot(h, mask); lo[i] != 0; i = (i + 1) & mask) {
            if (hi[i] == h && lo[i] == l) {
                return i;
            }
        }
        return -1;
    }

    /** @return the object value of the id, or null */
    @SuppressWarnings("unchecked")
    V get(String id) {
        int i = find(hashHi(id), hashLo(id));
        return i < 0 || values == null ? null : (V) values[i];
    }

    /** @return whether the id is in the table */
    boolean containsKey(String id) {
        return find(hashHi(id), hashLo(id)) >= 0;
    }

    /** @return the long value of the id, or null when it is not in the table */
    Long getLong(String id) {
        int i = find(hashHi(id), hashLo(id));
        return i < 0 ? null : longs == null ? 0L : longs[i];
    }

    // the slot is taken before the array is read: slotFor may grow (replace) the arrays
    void put(String id, V value) {
        int i = slotFor(hashHi(id), hashLo(id));
        values()[i] = value;
    }

    void putLong(String id, long value) {
        int i = slotFor(hashHi(id), hashLo(id));
        longs()[i] = value;
    }

    private Object[] values() {
        if (values == null) {
            values = new Object[hi.length];
        }
        return values;
    }

    private long[] longs() {
        if (longs == null) {
            longs = new long[hi.length];
        }
        return longs;
    }

    /** The slot of a key, added if absent (growing first if the table would pass three-quarters full). */
    private int slotFor(long h, long l) {
        int found = find(h, l);
        if (found >= 0) {
            return found;
        }
        if ((size + 1) * 4 > hi.length * 3) {
            grow();
        }
        int mask = hi.length - 1;
        int i = slot(h, mask);
        while (lo[i] != 0) {
            i = (i + 1) & mask;
        }
        hi[i] = h;
        lo[i] = l;
        size++;
        return i;
    }

    private static int slot(long h, int mask) {
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private void grow() {
        long[] oh = hi;
        long[] ol = lo;
        Object[] ov = values;
        long[] olong = longs;
        hi = new long[oh.length * 2];
        lo = new long[oh.length * 2];
        values = ov == null ? null : new Object[oh.length * 2];
        longs = olong == null ? null : new long[oh.length * 2];
        size = 0;
        for (int i = 0; i < oh.length; i++) {
            if (ol[i] != 0) {
                int j = slotFor(oh[i], ol[i]);
                if (ov != null) {
                    values[j] = ov[i];
                }
                if (olong != null) {
                    longs[j] = olong[i];
                }
            }
        }
    }

    int size() {
        return size;
    }

    /** Visits every (id hash as 32 hex digits, slot) in hash order, for deterministic snapshots. */
    private void forEachSlotSorted(BiConsumer<String, Integer> visitor) {
        String[] keys = new String[size];
        int n = 0;
        for (int i = 0; i < lo.length; i++) {
            if (lo[i] != 0) {
                keys[n++] = key(hi[i], lo[i]);
            }
        }
        Arrays.sort(keys);
        for (String key : keys) {
            visitor.accept(key, find(Long.parseUnsignedLong(key.substring(0, 16), 16), Long.parseUnsignedLong(key.substring(16), 16)));
        }
    }

    /** Visits every (id hash, object value) in hash order. */
    @SuppressWarnings("unchecked")
    void forEachSorted(BiConsumer<String, V> visitor) {
        forEachSlotSorted((key, i) -> visitor.accept(key, values == null ? null : (V) values[i]));
    }

    /** Visits every (id hash, long value) in hash order. */
    void forEachSortedLong(BiConsumer<String, Long> visitor) {
        forEachSlotSorted((key, i) -> visitor.accept(key, longs == null ? 0L : longs[i]));
    }

    static String key(long h, long l) {
        String a = Long.toHexString(h);
        String b = Long.toHexString(l);
        return "0".repeat(16 - a.length()) + a + "0".repeat(16 - b.length()) + b;
    }

    private int slotForKey(String key) {
        return slotFor(Long.parseUnsignedLong(key.substring(0, 16), 16), Long.parseUnsignedLong(key.substring(16), 16));
    }

    /** Restores an object value from its snapshot form. */
    void putHashed(String key, V value) {
        int i = slotForKey(key);
        values()[i] = value;
    }

    /** Restores a long value from its snapshot form. */
    void putHashedLong(String key, long value) {
        int i = slotForKey(key);
        longs()[i] = value;
    }
}
