package dev.referralkit.exports;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;

/** Checks shared by the writers: text fields, lengths, spreadsheet formulas. */
final class Fields {
    private Fields() {
    }

    /**
     * Whether a spreadsheet opening a CSV cell with this text would read it as a formula: it starts
     * with {@code =}, {@code +}, {@code -} or {@code @} (OWASP "CSV injection"; a tab or carriage return
     * first is treated the same, as some spreadsheets skip them).
     */
    static boolean startsLikeFormula(String text) {
        if (text.isEmpty()) {
            return false;
        }
        char c = text.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }

    /**
     * Checks a text a provider file carries: no control characters, at most {@code max} characters
     * (counted as Unicode code points), and, in a file a spreadsheet may open, no formula start.
     *
     * @param code     the refusal code
     * @param field    the field, as the message names it
     * @param value    the text
     * @param max      the provider's maximum length
     * @param provider who sets the limit, for the message
     * @param csv      whether the text goes to a CSV file
     * @return the value
     */
    static String text(RejectionCode code, String field, String value, int max, String provider, boolean csv) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw ReferralKitException.invalid(code, field, value, "must not contain control characters");
            }
        }
        int length = value.codePointCount(0, value.length());
        if (length > max) {
            throw ReferralKitException.invalid(code, field, value,
                    "has " + length + " characters, " + provider + " allows at most " + max);
        }
        if (csv && startsLikeFormula(value)) {
            throw ReferralKitException.invalid(code, field, value,
                    "starts with '" + value.charAt(0) + "', which a spreadsheet runs as a formula; refused in provider files");
        }
        return value;
    }

    /** Cuts a text to at most {@code max} code points, never inside a surrogate pair. */
    static String truncate(String value, int max) {
        if (value.codePointCount(0, value.length()) <= max) {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, max));
    }
}
