package dev.referralkit.engine.state;

import dev.referralkit.program.Partner;
import java.util.Objects;

/**
 * A partner as both stages read it: its definition (status, group, parent, attributes, own
 * customers, own rewards), changed by {@code partner} events from their instant on, and the dense
 * index under which compact stores refer to it.
 *
 * @param index      the partner's dense index: 0 for the first partner of the program, and so on
 * @param partner    its definition
 * @param lastChange epoch nanoseconds of its latest {@code partner} event, or {@link Nanos#NONE}
 * @param levelSince epoch nanoseconds when it entered its level (docs/lifecycle.md §3), or {@link Nanos#NONE}
 * @param below      consecutive level reviews below its level
 * @param reviewed   epoch nanoseconds of the end of the last levels period it was reviewed on, or {@link Nanos#NONE}
 */
public record PartnerRecord(int index, Partner partner, long lastChange, long levelSince, int below, long reviewed)
        implements StateRecord {
    /**
     * A partner with no level history.
     *
     * @param index      its dense index
     * @param partner    its definition
     * @param lastChange epoch nanoseconds of its latest {@code partner} event, or {@link Nanos#NONE}
     */
    public PartnerRecord(int index, Partner partner, long lastChange) {
        this(index, partner, lastChange, Nanos.NONE, 0, Nanos.NONE);
    }

    /** Checks the fields. */
    public PartnerRecord {
        Objects.requireNonNull(partner, "partner");
        if (index < 0 || below < 0) {
            throw new IllegalArgumentException("index and below must not be negative: " + index + ", " + below);
        }
    }

    /** @return the partner's id */
    public String id() {
        return partner.id();
    }

    @Override
    public RecordKind kind() {
        return RecordKind.PARTNER;
    }

    @Override
    public boolean sameKey(StateRecord other) {
        return other instanceof PartnerRecord p && p.id().equals(id());
    }
}
