package dev.referralkit.engine.state;

import java.util.Arrays;

/**
 * A set of 64-bit event-id hashes, each with a 32-bit fingerprint, in one open-addressing table kept
 * sorted by home slot (Robin Hood linear probing without wrap-around, multiply-shift homes over any
 * capacity, growth by a quarter at 90 % full): 12 bytes a slot, about 14–17 bytes an id. A hash of 0 (the
 * empty marker) is kept apart.
 */
final class IdSet {
    private static final int MARGIN = 64;
    private static final double MAX_LOAD = 0.9;

    private int capacity;
    private long[] keys;
    private int[] fps;
    private int size;
    private int limit;
    private boolean zero;
    private int zeroFp;

    IdSet() {
        allocate(64);
    }

    private void allocate(int cap) {
        capacity = cap;
        keys = new long[cap + MARGIN];
        fps = new int[cap + MARGIN];
        limit = (int) (cap * MAX_LOAD);
    }

    private int home(long key) {
        return (int) (((key >>> 32) * capacity) >>> 32);
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
        return key == 0 ? zeroFp : fps[slot(key)];
    }

    private int slot(long key) {
        int home = home(key);
        for (int i = home; i < keys.length && keys[i] != 0; i++) {
            if (keys[i] == key) {
                return i;
            }
            if (home(keys[i]) > home) {
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
            fps[i] = fp;
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
        int j = i + 1;
        while (j < keys.length && keys[j] != 0 && home(keys[j]) < j) {
            j++;
        }
        System.arraycopy(keys, i + 1, keys, i, j - i - 1);
        System.arraycopy(fps, i + 1, fps, i, j - i - 1);
        keys[j - 1] = 0;
        size--;
    }

    private boolean insert(long key, int fp) {
        int home = home(key);
        int j = home;
        while (j < keys.length && keys[j] != 0 && home(keys[j]) <= home) {
            j++;
        }
        int e = j;
        while (e < keys.length && keys[e] != 0) {
            e++;
        }
        if (e == keys.length) {
            return false;
        }
        System.arraycopy(keys, j, keys, j + 1, e - j);
        System.arraycopy(fps, j, fps, j + 1, e - j);
        keys[j] = key;
        fps[j] = fp;
        return true;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldFps = fps;
        int cap = Math.max(64, capacity + (capacity >> 2));
        while (true) {
            allocate(cap);
            boolean fits = true;
            for (int i = 0; i < oldKeys.length && fits; i++) {
                if (oldKeys[i] != 0) {
                    fits = insert(oldKeys[i], oldFps[i]);
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
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0) {
                each.accept(keys[i], fps[i]);
            }
        }
    }

    long bytes() {
        return 12L * keys.length;
    }
}
