package dev.referralkit.engine.state;

import dev.referralkit.event.Channel;
import java.util.Objects;

/**
 * A touch kept by an unbound customer until its binding (SPEC.md §4.1).
 *
 * @param id      the touch event's id (named in the binding's explanation)
 * @param partner the partner
 * @param at      epoch nanoseconds
 * @param channel link, coupon or manual
 */
public record TouchRecord(String id, String partner, long at, Channel channel) {
    /** Checks the fields. */
    public TouchRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(partner, "partner");
        Objects.requireNonNull(channel, "channel");
    }
}
