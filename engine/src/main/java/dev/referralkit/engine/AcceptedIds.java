package dev.referralkit.engine;

import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * The accepted event ids and their content fingerprints, for idempotency, in primitive arrays: a
 * 128-bit hash of each id (two independent 64-bit FNV-1a hashes, so ids are not kept as strings) and
 * the 64-bit fingerprint, 24 bytes a slot in an open-addressing table at most half full — about 48
 * bytes per accepted event, where a {@code HashMap<String, Long>} takes about 100. Two different ids
 * would have to collide in all 128 bits to be confused (probability about n²/2^129).
 */
final class AcceptedIds {
    private long[] hi = new long[1024];
    private long[] lo = new long[1024];
    private long[] fp = new long[1024];
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

    /** @return the fingerprint stored for the id, or null */
    Long get(String id) {
        return get(hashHi(id), hashLo(id));
    }

    Long get(long h, long l) {
        int mask = hi.length - 1;
        for (int i = (int) (h ^ (h >>> 32)) & mask; lo[i] != 0; i = (i + 1) & mask) {
            if (hi[i] == h && lo[i] == l) {
                return fp[i];
            }
        }
        return null;
    }

    void put(String id, long fingerprint) {
        put(hashHi(id), hashLo(id), fingerprint);
    }

    void put(long h, long l, long fingerprint) {
        if ((size + 1) * 2 > hi.length) {
            grow();
        }
        int mask = hi.length - 1;
        int i = (int) (h ^ (h >>> 32)) & mask;
        while (lo[i] != 0) {
            if (hi[i] == h && lo[i] == l) {
                fp[i] = fingerprint;
                return;
            }
            i = (i + 1) & mask;
        }
        hi[i] = h;
        lo[i] = l;
        fp[i] = fingerprint;
        size++;
    }

    private void grow() {
        long[] oh = hi;
        long[] ol = lo;
        long[] of = fp;
        hi = new long[oh.length * 2];
        lo = new long[oh.length * 2];
        fp = new long[oh.length * 2];
        size = 0;
        for (int i = 0; i < oh.length; i++) {
            if (ol[i] != 0) {
                put(oh[i], ol[i], of[i]);
            }
        }
    }

    int size() {
        return size;
    }

    /** Visits every (id hash as 32 hex digits, fingerprint) in hash order, for deterministic snapshots. */
    void forEachSorted(BiConsumer<String, Long> visitor) {
        String[] keys = new String[size];
        int n = 0;
        for (int i = 0; i < lo.length; i++) {
            if (lo[i] != 0) {
                keys[n] = IdTable.key(hi[i], lo[i]);
                n++;
            }
        }
        Arrays.sort(keys);
        for (String key : keys) {
            long h = Long.parseUnsignedLong(key.substring(0, 16), 16);
            long l = Long.parseUnsignedLong(key.substring(16), 16);
            visitor.accept(key, get(h, l));
        }
    }

    /** Restores one entry from its snapshot form. */
    void putHashed(String key, long fingerprint) {
        put(Long.parseUnsignedLong(key.substring(0, 16), 16), Long.parseUnsignedLong(key.substring(16), 16), fingerprint);
    }
}
