package dev.referralkit.risk;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.referralkit.RejectionCode;
import dev.referralkit.json.JsonEnums;

/**
 * What a risk check asks for (docs/payouts.md §1.2), weakest first: the strongest verdict decides. JSON
 * {@code allow}, {@code flag}, {@code hold}, {@code reject}; in results upper case.
 */
public enum RiskAction {
    /** Nothing to do. */
    ALLOW,
    /** Made and paid as usual, and reported. */
    FLAG,
    /** A commission is made and held until a review; a payout is withheld. */
    HOLD,
    /** No entry for the partner from this event (never a rejection of the event). */
    REJECT;

    /** @return the JSON name in programs */
    @JsonValue
    public String jsonName() {
        return JsonEnums.name(this);
    }

    /** @param name the JSON name @return the action */
    @JsonCreator
    public static RiskAction fromJson(String name) {
        return JsonEnums.parse(RiskAction.class, RejectionCode.INVALID_PROGRAM, "action", name);
    }

    /**
     * @param other another action
     * @return the stronger of the two
     */
    public RiskAction max(RiskAction other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
