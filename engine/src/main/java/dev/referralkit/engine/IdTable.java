package dev.referralkit.engine;

import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * A map from event ids to values without keeping the ids: each id is reduced to the same 128-bit
 * hash as {@link AcceptedIds}, stored in primitive arrays of an open-addressing table at most
 * three-quarters full. About 27 bytes a key, where a {@code HashMap<String, V>} takes about 90 (node,
 * id string, table slot). Two ids are confused only if all 128 bits collide.
 *
 * @param <V> the value
 */
final class IdTable<V> {
    private long[] hi = new long[256];
    private long[] lo = new long[256];
    private Object[] values = new Object[256];
    private int size;

    V get(String id) {
        return get(AcceptedIds.hashHi(id), AcceptedIds.hashLo(id));
    }

    @SuppressWarnings("unchecked")
    private V get(long h, long l) {
        int mask = hi.length - 1;
        for (int i = slot(h, mask); lo[i] != 0; i = (i + 1) & mask) {
            if (hi[i] == h && lo[i] == l) {
                return (V) values[i];
            }
        }
        return null;
    }

    boolean containsKey(String id) {
        return get(id) != null;
    }

    void put(String id, V value) {
        put(AcceptedIds.hashHi(id), AcceptedIds.hashLo(id), value);
    }

    private void put(long h, long l, V value) {
        if ((size + 1) * 4 > hi.length * 3) {
            grow();
        }
        int mask = hi.length - 1;
        int i = slot(h, mask);
        while (lo[i] != 0) {
            if (hi[i] == h && lo[i] == l) {
                values[i] = value;
                return;
            }
            i = (i + 1) & mask;
        }
        hi[i] = h;
        lo[i] = l;
        values[i] = value;
        size++;
    }

    private static int slot(long h, int mask) {
        return (int) (h ^ (h >>> 32)) & mask;
    }

    @SuppressWarnings("unchecked")
    private void grow() {
        long[] oh = hi;
        long[] ol = lo;
        Object[] ov = values;
        hi = new long[oh.length * 2];
        lo = new long[oh.length * 2];
        values = new Object[oh.length * 2];
        size = 0;
        for (int i = 0; i < oh.length; i++) {
            if (ol[i] != 0) {
                put(oh[i], ol[i], (V) ov[i]);
            }
        }
    }

    /** Visits every (id hash as 32 hex digits, value) in hash order, for deterministic snapshots. */
    @SuppressWarnings("unchecked")
    void forEachSorted(BiConsumer<String, V> visitor) {
        String[] keys = new String[size];
        int n = 0;
        for (int i = 0; i < lo.length; i++) {
            if (lo[i] != 0) {
                keys[n++] = key(hi[i], lo[i]);
            }
        }
        Arrays.sort(keys);
        for (String key : keys) {
            visitor.accept(key, get(Long.parseUnsignedLong(key.substring(0, 16), 16), Long.parseUnsignedLong(key.substring(16), 16)));
        }
    }

    static String key(long h, long l) {
        String a = Long.toHexString(h);
        String b = Long.toHexString(l);
        return "0".repeat(16 - a.length()) + a + "0".repeat(16 - b.length()) + b;
    }

    /** Restores one entry from its snapshot form. */
    void putHashed(String key, V value) {
        put(Long.parseUnsignedLong(key.substring(0, 16), 16), Long.parseUnsignedLong(key.substring(16), 16), value);
    }
}
