package dev.referralkit.risk;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.referralkit.RejectionCode;
import dev.referralkit.json.JsonEnums;

/**
 * An identity fact compared by the identity checks (docs/payouts.md §1.3). JSON {@code email},
 * {@code email_domain}, {@code payment_fingerprint}.
 */
public enum IdentityAttribute {
    /** The normalised e-mail address: the customer's attribute {@code email}, the partner's attribute {@code email}. */
    EMAIL,
    /** The normalised address's domain, never a public mailbox provider's. */
    EMAIL_DOMAIN,
    /** The payment's attribute {@code payment_fingerprint}, the partner's attribute {@code payment_fingerprint}. */
    PAYMENT_FINGERPRINT;

    /** @return the JSON name */
    @JsonValue
    public String jsonName() {
        return JsonEnums.name(this);
    }

    /** @param name the JSON name @return the attribute */
    @JsonCreator
    public static IdentityAttribute fromJson(String name) {
        return JsonEnums.parse(IdentityAttribute.class, RejectionCode.INVALID_PROGRAM, "attributes", name);
    }
}
