package dev.referralkit.event;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;

/** Free text in events (a review's note, a failure's reason): 1 to 500 characters, no control characters. */
final class EventTexts {
    static final int MAX_LENGTH = 500;

    private EventTexts() {
    }

    static void check(String field, String value) {
        if (value == null) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_EVENT, field, null, "is required");
        }
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_EVENT, field, value,
                    "must have 1 to " + MAX_LENGTH + " characters, has " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw ReferralKitException.invalid(RejectionCode.INVALID_EVENT, field, value, "must not contain control characters");
            }
        }
    }
}
