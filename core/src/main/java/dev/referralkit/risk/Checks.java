package dev.referralkit.risk;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;

/** Shared checks of the built-in risk checks' settings. */
final class Checks {
    private Checks() {
    }

    static void range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, field, Integer.toString(value),
                    "must be between " + min + " and " + max);
        }
    }

    static void notReject(String type, RiskAction action, String why) {
        if (action == RiskAction.REJECT) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "action", "reject",
                    "the " + type + " check " + why + ", so it may allow, flag or hold, not reject");
        }
    }
}
