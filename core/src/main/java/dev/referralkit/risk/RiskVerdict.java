package dev.referralkit.risk;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a check that fired asks for: an action, a stable reason code ({@code SELF_REFERRAL_EMAIL}: upper case
 * letters, digits and underscores, starting with a letter, at most 64 characters) and an explanation a partner
 * manager can read, with the values that made it fire.
 *
 * @param action      what to do
 * @param code        the reason code
 * @param explanation why, in words
 */
public record RiskVerdict(RiskAction action, String code, String explanation) {
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    /** Checks the fields. */
    public RiskVerdict {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(explanation, "explanation");
        if (code == null || !CODE.matcher(code).matches()) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "code", code,
                    "must be upper-case letters, digits and underscores, starting with a letter, at most 64 characters");
        }
    }

    /**
     * @param action      what to do
     * @param code        the reason code
     * @param explanation why
     * @return the verdict
     */
    public static RiskVerdict of(RiskAction action, String code, String explanation) {
        return new RiskVerdict(action, code, explanation);
    }
}
