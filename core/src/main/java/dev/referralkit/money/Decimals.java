package dev.referralkit.money;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import java.math.BigDecimal;

/**
 * Parsing of decimal strings from untrusted input. Only plain decimals are accepted
 * ({@code -?digits[.digits]}, at most 40 characters): no exponent, no sign '+', no spaces, so
 * {@code "1e-100000000"} is refused by its shape before a {@link BigDecimal} exists.
 */
public final class Decimals {
    /** The longest decimal string accepted. */
    public static final int MAX_LENGTH = 40;

    private Decimals() {
    }

    /**
     * Parses a plain decimal.
     *
     * @param code  the code to refuse with
     * @param field the field, for the message
     * @param text  the text
     * @return the value, with the scale the text has
     * @throws ReferralKitException with {@code code} if the text is not a plain decimal
     */
    public static BigDecimal parsePlain(RejectionCode code, String field, String text) {
        if (text == null) {
            throw ReferralKitException.invalid(code, field, null, "is required");
        }
        if (text.isEmpty() || text.length() > MAX_LENGTH || !isPlain(text)) {
            throw ReferralKitException.invalid(code, field, text,
                    "is not a plain decimal (digits, an optional '-' and '.', at most " + MAX_LENGTH + " characters)");
        }
        return new BigDecimal(text);
    }

    private static boolean isPlain(String s) {
        int i = s.charAt(0) == '-' ? 1 : 0;
        int digitsBefore = 0;
        while (i < s.length() && isDigit(s.charAt(i))) {
            i++;
            digitsBefore++;
        }
        if (digitsBefore == 0) {
            return false;
        }
        if (i == s.length()) {
            return true;
        }
        if (s.charAt(i) != '.') {
            return false;
        }
        i++;
        int digitsAfter = 0;
        while (i < s.length() && isDigit(s.charAt(i))) {
            i++;
            digitsAfter++;
        }
        return digitsAfter > 0 && i == s.length();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * The number of decimal digits left of the point, computed from precision and scale without
     * arithmetic on the value (0 for values below 1).
     *
     * @param value any decimal
     * @return the count of integer digits
     */
    static long integerDigits(BigDecimal value) {
        if (value.signum() == 0) {
            return 0;
        }
        return Math.max(0L, (long) value.precision() - value.scale());
    }

    /**
     * The number of decimals a value really has, ignoring trailing zeros, computed without
     * rescaling. Used only for bounded values.
     */
    static int decimals(BigDecimal value) {
        return Math.max(0, value.stripTrailingZeros().scale());
    }
}
