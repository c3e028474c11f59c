package dev.referralkit.jdbc.internal;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The deletion of every record of one kind whose key bytes start with a prefix: a range of keys,
 * deleted with one statement that stays on the primary key's index.
 *
 * @param kind   the record kind, 0 to 32767
 * @param prefix the key prefix, 0 to {@value RecordKey#MAX_KEY_BYTES} bytes (empty: the whole kind); not
 *               copied, so never change it
 */
public record PrefixDeletion(int kind, byte[] prefix) implements StateChange {
    /** Checks the kind and the prefix's length. */
    public PrefixDeletion {
        RecordKey.checkShort("kind", kind);
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.length > RecordKey.MAX_KEY_BYTES) {
            throw new IllegalArgumentException("key prefix must have at most " + RecordKey.MAX_KEY_BYTES
                    + " bytes, has " + prefix.length);
        }
    }

    /**
     * @return the smallest key bytes greater than every key with the prefix, or null if there is none
     *         (an empty prefix, or one of {@code 0xFF} bytes only)
     */
    byte[] upperBound() {
        for (int i = prefix.length - 1; i >= 0; i--) {
            if (prefix[i] != (byte) 0xFF) {
                byte[] bound = Arrays.copyOf(prefix, i + 1);
                bound[i]++;
                return bound;
            }
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PrefixDeletion d && d.kind == kind && Arrays.equals(d.prefix, prefix);
    }

    @Override
    public int hashCode() {
        return 31 * kind + Arrays.hashCode(prefix);
    }

    @Override
    public String toString() {
        return kind + ":" + HexFormat.of().formatHex(prefix) + "*";
    }
}
