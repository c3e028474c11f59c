package dev.referralkit.program;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.referralkit.RejectionCode;
import dev.referralkit.json.JsonEnums;

/**
 * A partner's standing (SPEC.md §6). Only {@link #ACTIVE} partners are credited, earn and are
 * paid; the others keep their balance (reversals still apply) until they are active again.
 * JSON: {@code active}, {@code pending}, {@code suspended}, {@code terminated}.
 */
public enum PartnerStatus {
    /** Earns and is paid. The default. */
    ACTIVE,
    /** Applied, not yet approved: earns nothing, payouts withheld. */
    PENDING,
    /** Temporarily barred (fraud review, missing tax form): earns nothing, payouts withheld. */
    SUSPENDED,
    /** Left the program: earns nothing, payouts withheld. */
    TERMINATED;

    /** @return the JSON name */
    @JsonValue
    public String jsonName() {
        return JsonEnums.name(this);
    }

    /** @param name the JSON name @return the status */
    @JsonCreator
    public static PartnerStatus fromJson(String name) {
        return JsonEnums.parse(PartnerStatus.class, RejectionCode.INVALID_EVENT, "status", name);
    }
}
