package dev.referralkit.event;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import java.time.Instant;

/** Checks shared by every event type. */
final class EventChecks {
    /** The earliest instant an event may have (inclusive). */
    static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    /** The instant events must be before. */
    static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

    private EventChecks() {
    }

    /**
     * An event's instant must lie in [1900-01-01, 2200-01-01): the engine keeps instants as epoch
     * nanoseconds (docs/engine.md §1), and nothing a referral program records falls outside.
     */
    static void at(Instant at) {
        if (at == null) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_EVENT, "at", null, "is required");
        }
        if (at.isBefore(EARLIEST) || !at.isBefore(LATEST)) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_EVENT, "at", at.toString(),
                    "must be from 1900-01-01T00:00:00Z and before 2200-01-01T00:00:00Z");
        }
    }
}
