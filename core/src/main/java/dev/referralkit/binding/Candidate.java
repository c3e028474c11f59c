package dev.referralkit.binding;

import dev.referralkit.event.Channel;
import java.time.Instant;
import java.util.Objects;

/** A qualifying touch, in time order (ties by input order), as a model sees it. */
public final class Candidate {
    private final String touchId;
    private final String partner;
    private final Instant at;
    private final Channel channel;

    /**
     * @param touchId the touch event's id
     * @param partner the partner touched
     * @param at      when
     * @param channel how
     */
    public Candidate(String touchId, String partner, Instant at, Channel channel) {
        this.touchId = Objects.requireNonNull(touchId, "touchId");
        this.partner = Objects.requireNonNull(partner, "partner");
        this.at = Objects.requireNonNull(at, "at");
        this.channel = Objects.requireNonNull(channel, "channel");
    }

    /** @return the touch event's id */
    public String touchId() {
        return touchId;
    }

    /** @return the partner */
    public String partner() {
        return partner;
    }

    /** @return when the touch happened */
    public Instant at() {
        return at;
    }

    /** @return the channel */
    public Channel channel() {
        return channel;
    }

    @Override
    public String toString() {
        return touchId + "(" + partner + ", " + channel.jsonName() + ", " + at + ")";
    }
}
