package dev.referralkit.engine.state;

import java.util.List;
import java.util.Objects;

/**
 * A deal registration (docs/lifecycle.md §2): which partner registered which prospect (its identity
 * keys), when, and where it stands.
 *
 * @param id         the registration's id (its event's id)
 * @param partner    the registering partner
 * @param keys       the prospect's identity keys
 * @param at         epoch nanoseconds of the registration
 * @param status     pending, approved or rejected
 * @param decidedAt  epoch nanoseconds of the decision, or {@link Nanos#NONE}
 * @param expires    epoch nanoseconds an approved registration stops being exclusive, or {@link Nanos#NONE}
 */
public record RegistrationRecord(String id, String partner, List<String> keys, long at, Status status, long decidedAt, long expires)
        implements StateRecord {
    /** Where a registration stands. */
    public enum Status {
        /** Waiting for a decision. */
        PENDING,
        /** Exclusive until it expires. */
        APPROVED,
        /** Ended by a decision. */
        REJECTED
    }

    /** Checks the fields and copies the list. */
    public RegistrationRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(partner, "partner");
        Objects.requireNonNull(status, "status");
        keys = List.copyOf(keys);
    }

    /**
     * @param when epoch nanoseconds
     * @return whether it holds its prospect then: pending, or approved and not yet expired
     */
    public boolean holdsAt(long when) {
        return status == Status.PENDING || status == Status.APPROVED && when < expires;
    }

    @Override
    public RecordKind kind() {
        return RecordKind.REGISTRATION;
    }

    @Override
    public boolean sameKey(StateRecord other) {
        return other instanceof RegistrationRecord r && r.id.equals(id);
    }
}
