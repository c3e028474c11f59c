package dev.referralkit.engine.state;

import java.util.Objects;

/**
 * Which registration last claimed a prospect's identity key (docs/lifecycle.md §2), so that a new
 * registration and a customer's binding find it without scanning.
 *
 * @param key          an identity key ({@code company:…}, {@code domain:…}, {@code email:…})
 * @param registration the registration's id
 */
public record ProspectRecord(String key, String registration) implements StateRecord {
    /** Checks the fields. */
    public ProspectRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(registration, "registration");
    }

    @Override
    public RecordKind kind() {
        return RecordKind.PROSPECT;
    }

    @Override
    public boolean sameKey(StateRecord other) {
        return other instanceof ProspectRecord p && p.key.equals(key);
    }
}
