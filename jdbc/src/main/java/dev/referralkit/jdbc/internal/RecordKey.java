package dev.referralkit.jdbc.internal;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The key of one engine record: its kind (a small number the engine assigns to each kind of state)
 * and its key bytes. Ordered as the store returns records: by kind, then by key bytes compared as
 * unsigned, which is how PostgreSQL's {@code bytea} and H2's {@code BINARY VARYING} compare.
 *
 * @param kind the record kind, 0 to 32767 (a {@code SMALLINT})
 * @param key  the key bytes, 1 to {@value #MAX_KEY_BYTES} of them; not copied, so never change them
 */
public record RecordKey(int kind, byte[] key) implements Comparable<RecordKey> {
    /** The longest key: PostgreSQL indexes a primary key entry of at most about 2,700 bytes. */
    public static final int MAX_KEY_BYTES = 1024;

    /** Checks the kind and the key's length. */
    public RecordKey {
        checkShort("kind", kind);
        Objects.requireNonNull(key, "key");
        if (key.length == 0 || key.length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("record key must have 1 to " + MAX_KEY_BYTES + " bytes, has " + key.length);
        }
    }

    static void checkShort(String field, int value) {
        if (value < 0 || value > Short.MAX_VALUE) {
            throw new IllegalArgumentException("record " + field + " must be 0 to " + Short.MAX_VALUE + ", is " + value);
        }
    }

    @Override
    public int compareTo(RecordKey o) {
        int c = Integer.compare(kind, o.kind);
        return c != 0 ? c : Arrays.compareUnsigned(key, o.key);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordKey k && k.kind == kind && Arrays.equals(k.key, key);
    }

    @Override
    public int hashCode() {
        return 31 * kind + Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return kind + ":" + HexFormat.of().formatHex(key);
    }
}
