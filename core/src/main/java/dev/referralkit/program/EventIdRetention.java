package dev.referralkit.program;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.referralkit.RejectionCode;
import dev.referralkit.json.JsonEnums;

/**
 * How long accepted event ids are remembered for idempotency ({@code retention.eventIds},
 * docs/engine.md §4).
 */
public enum EventIdRetention {
    /** Every id, forever: a re-delivery is always {@code DUPLICATE} (SPEC.md §3). The default. */
    ALL,
    /**
     * Ids are forgotten by calendar month (UTC) once a payout run passed the month's end: a re-delivery
     * of a forgotten event is {@code LATE_EVENT} instead of {@code DUPLICATE}, never a second credit.
     */
    UNTIL_PAYOUT_RUN;

    /** @return the JSON name */
    @JsonValue
    public String jsonName() {
        return JsonEnums.name(this);
    }

    /** @param name the JSON name @return the value */
    @JsonCreator
    public static EventIdRetention fromJson(String name) {
        return JsonEnums.parse(EventIdRetention.class, RejectionCode.INVALID_PROGRAM, "retention.eventIds", name);
    }
}
