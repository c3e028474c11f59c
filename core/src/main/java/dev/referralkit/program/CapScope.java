package dev.referralkit.program;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.referralkit.RejectionCode;
import dev.referralkit.json.JsonEnums;

/**
 * What a {@code cap} limits (SPEC.md §5): one event, one partner's earnings from one customer, one
 * partner's earnings in a calendar month (program time zone), or over its lifetime.
 */
public enum CapScope {
    /** Each event on its own. */
    EVENT,
    /** A partner's earnings from one customer. */
    CUSTOMER,
    /** A partner's earnings in one calendar month. */
    PARTNER_MONTH,
    /** A partner's earnings for ever. */
    PARTNER_LIFETIME;

    /** @return the JSON name */
    @JsonValue
    public String jsonName() {
        return JsonEnums.name(this);
    }

    /** @param name the JSON name @return the scope */
    @JsonCreator
    public static CapScope fromJson(String name) {
        return JsonEnums.parse(CapScope.class, RejectionCode.INVALID_PROGRAM, "per", name);
    }
}
