package dev.referralkit.jdbc.internal;

import java.util.Arrays;
import java.util.Objects;

/**
 * One engine record: its key, the version of its serial form and its bytes. Written as a change
 * (insert or replace), read back at recovery.
 *
 * @param key     the key
 * @param version the version of the value's serial form, 0 to 32767 (a {@code SMALLINT})
 * @param value   the value bytes, possibly empty; not copied, so never change them
 */
public record StoredRecord(RecordKey key, int version, byte[] value) implements StateChange {
    /** Checks the version. */
    public StoredRecord {
        Objects.requireNonNull(key, "key");
        RecordKey.checkShort("version", version);
        Objects.requireNonNull(value, "value");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredRecord r && r.key.equals(key) && r.version == version && Arrays.equals(r.value, value);
    }

    @Override
    public int hashCode() {
        return key.hashCode() * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return key + " v" + version + " (" + value.length + " bytes)";
    }
}
