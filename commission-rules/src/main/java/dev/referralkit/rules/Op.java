package dev.referralkit.rules;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;

/** A condition operator (SPEC.md §5). JSON names: {@code eq ne in notIn gt gte lt lte startsWith exists}. */
public enum Op {
    /** Equal: as decimals when both sides are plain decimals, else as text. */
    EQ("eq"),
    /** Not equal (true when the field is absent). */
    NE("ne"),
    /** Equal to one of a list. */
    IN("in"),
    /** Equal to none of a list (true when the field is absent). */
    NOT_IN("notIn"),
    /** Greater than, as decimals. */
    GT("gt"),
    /** Greater than or equal, as decimals. */
    GTE("gte"),
    /** Less than, as decimals. */
    LT("lt"),
    /** Less than or equal, as decimals. */
    LTE("lte"),
    /** Text starts with. */
    STARTS_WITH("startsWith"),
    /** The field has a value ({@code "value": false}: has none). */
    EXISTS("exists");

    private final String json;

    Op(String json) {
        this.json = json;
    }

    /** @return the JSON name */
    @JsonValue
    public String jsonName() {
        return json;
    }

    /** @param name the JSON name @return the operator */
    @JsonCreator
    public static Op fromJson(String name) {
        for (Op op : values()) {
            if (op.json.equals(name)) {
                return op;
            }
        }
        throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "op", name,
                "is not one of eq, ne, in, notIn, gt, gte, lt, lte, startsWith, exists");
    }
}
