package dev.referralkit.ledger;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/**
 * An entry placed under a hold, or let out of one (docs/payouts.md §2). {@code hold} is the held entry's id (the
 * id a review names); {@code entry} is the entry concerned: the held entry itself, or one that falls under its
 * hold (a reversal or true-up of it, or a parent share at an ancestor, whose partner is then the ancestor).
 */
@Value.Immutable
@JsonSerialize(as = ImmutableHoldChange.class)
@JsonDeserialize(as = ImmutableHoldChange.class)
@JsonPropertyOrder({"event", "partner", "entry", "hold", "status"})
public interface HoldChange {
    /** @return the event that made the change */
    String event();

    /** @return the partner credited by the entry */
    String partner();

    /** @return the entry */
    String entry();

    /** @return the held entry's id */
    String hold();

    /** @return held, released or voided */
    HoldStatus status();
}
