package dev.referralkit.engine.state;

import java.util.Objects;

/**
 * One entry under a hold, as its partner's ledger has it (an {@link OpenEntryRecord}: held entries are never
 * settled, so their open records stay).
 *
 * @param seq    its place in the partner's ledger
 * @param id     the entry's id
 * @param amount its amount, minor units
 */
public record HeldEntry(long seq, String id, long amount) {
    /** Checks the fields. */
    public HeldEntry {
        Objects.requireNonNull(id, "id");
    }
}
