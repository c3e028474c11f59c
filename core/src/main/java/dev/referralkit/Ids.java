package dev.referralkit;

/**
 * Identifiers of partners, customers, events and payout runs are the host's own strings:
 * 1 to 128 characters, no control characters. They are compared exactly (case matters).
 */
public final class Ids {
    /** The longest identifier accepted. */
    public static final int MAX_LENGTH = 128;

    private Ids() {
    }

    /**
     * Checks an identifier.
     *
     * @param field the field it came from, for the message
     * @param value the identifier
     * @return {@code value}, for chaining
     * @throws ReferralKitException {@link RejectionCode#INVALID_EVENT} if it is null, empty, longer
     *                              than 128 characters or holds a control character
     */
    public static String check(String field, String value) {
        if (value == null) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_EVENT, field, null, "is required");
        }
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_EVENT, field, value,
                    "must have 1 to " + MAX_LENGTH + " characters, has " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw ReferralKitException.invalid(RejectionCode.INVALID_EVENT, field, value,
                        "must not contain control characters");
            }
        }
        return value;
    }
}
