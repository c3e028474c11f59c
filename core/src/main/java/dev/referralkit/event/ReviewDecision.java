package dev.referralkit.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.referralkit.RejectionCode;
import dev.referralkit.json.JsonEnums;

/** What a {@code review} decides about a hold (docs/payouts.md §2). JSON: {@code release}, {@code void}. */
public enum ReviewDecision {
    /** The hold ends; everything under it is paid as usual. */
    RELEASE,
    /** Everything under the hold is reversed. */
    VOID;

    /** @return the JSON name */
    @JsonValue
    public String jsonName() {
        return JsonEnums.name(this);
    }

    /** @param name the JSON name @return the decision */
    @JsonCreator
    public static ReviewDecision fromJson(String name) {
        return JsonEnums.parse(ReviewDecision.class, RejectionCode.INVALID_EVENT, "decision", name);
    }
}
