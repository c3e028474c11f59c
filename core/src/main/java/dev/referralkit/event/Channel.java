package dev.referralkit.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.referralkit.RejectionCode;
import dev.referralkit.json.JsonEnums;

/** How a partner touched a customer (SPEC.md §4.1). JSON: {@code link}, {@code coupon}, {@code manual}. */
public enum Channel {
    /** A tracked referral link was followed. */
    LINK,
    /** The partner's coupon code was used; with {@code couponsWin} coupons beat links. */
    COUPON,
    /** The host assigned the customer to the partner by hand; always wins, at any age. */
    MANUAL;

    /** @return the JSON name */
    @JsonValue
    public String jsonName() {
        return JsonEnums.name(this);
    }

    /** @param name the JSON name @return the channel */
    @JsonCreator
    public static Channel fromJson(String name) {
        return JsonEnums.parse(Channel.class, RejectionCode.INVALID_EVENT, "channel", name);
    }
}
