package dev.referralkit.engine.state;

/**
 * The 128-bit hash under which the engine keys event, customer and payment ids, which it never keeps
 * as text (docs/engine.md §1). Two independent 64-bit hashes over the id's UTF-16 code units, each
 * finished with a strong mixer: the same on every JVM. Two different ids are confused only if all 128
 * bits collide (probability about n²/2¹²⁹ for n ids).
 */
public final class IdHash {
    private IdHash() {
    }

    /**
     * @param id an id
     * @return the high 64 bits of its hash
     */
    public static long hi(String id) {
        long h = 0x9E3779B97F4A7C15L ^ id.length();
        for (int i = 0; i < id.length(); i++) {
            h = (h ^ id.charAt(i)) * 0x100000001B3L;
        }
        return mix(h);
    }

    /**
     * @param id an id
     * @return the low 64 bits of its hash
     */
    public static long lo(String id) {
        long h = 0xC2B2AE3D27D4EB4FL + id.length();
        for (int i = id.length() - 1; i >= 0; i--) {
            h = Long.rotateLeft(h + id.charAt(i) * 0x87C37B91114253D5L, 31) * 0x4CF5AD432745937FL;
        }
        return mix(h ^ 0x52DCE729L);
    }

    /**
     * Both halves in one pass over the id, the two hash chains interleaved: the values of {@link #hi} and
     * {@link #lo}, for a caller that needs both (a customer's key, a payment's).
     *
     * @param id   an id
     * @param into receives the high 64 bits at index 0 and the low 64 bits at index 1
     */
    public static void both(String id, long[] into) {
        int n = id.length();
        long h = 0x9E3779B97F4A7C15L ^ n;
        long l = 0xC2B2AE3D27D4EB4FL + n;
        for (int i = 0, j = n - 1; i < n; i++, j--) {
            h = (h ^ id.charAt(i)) * 0x100000001B3L;
            l = Long.rotateLeft(l + id.charAt(j) * 0x87C37B91114253D5L, 31) * 0x4CF5AD432745937FL;
        }
        into[0] = mix(h);
        into[1] = mix(l ^ 0x52DCE729L);
    }

    /**
     * Payments are keyed by 96 bits: the high 64 and these 32 (collision probability about n²/2⁹⁷ for n
     * payments), so that the default store keeps a payment in fewer bytes.
     *
     * @param id a payment id
     * @return the low 32 bits of its hash, sign-extended
     */
    public static long lo32(String id) {
        return (int) lo(id);
    }

    /** The finaliser of MurmurHash3 (fmix64): every input bit affects every output bit. */
    static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }

    /**
     * @param hi high bits
     * @param lo low bits
     * @return the hash as 32 hexadecimal digits, for messages
     */
    public static String hex(long hi, long lo) {
        return String.format("%016x%016x", hi, lo);
    }
}
