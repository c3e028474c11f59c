package dev.referralkit.money;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import java.util.Currency;

/**
 * ISO-4217 currency codes as inputs give them. A code is three upper-case letters that
 * {@link Currency} knows and that has minor units defined: {@code usd} (lower case), {@code XXX}
 * and {@code XAU} (no minor units) are refused.
 */
public final class Currencies {
    private Currencies() {
    }

    /**
     * Looks a currency up.
     *
     * @param field the field it came from, for the message
     * @param code  the ISO-4217 code
     * @return the currency
     * @throws ReferralKitException {@link RejectionCode#INVALID_EVENT} for anything else
     */
    public static Currency of(String field, String code) {
        return of(RejectionCode.INVALID_EVENT, field, code);
    }

    /**
     * Looks a currency up, refusing with the given code.
     *
     * @param reject the code to refuse with
     * @param field  the field it came from
     * @param code   the ISO-4217 code
     * @return the currency
     */
    public static Currency of(RejectionCode reject, String field, String code) {
        if (code == null) {
            throw ReferralKitException.invalid(reject, field, null, "is required");
        }
        if (code.length() != 3 || !isUpperAscii(code)) {
            throw ReferralKitException.invalid(reject, field, code, "is not an ISO-4217 code (three upper-case letters)");
        }
        Currency currency;
        try {
            currency = Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw ReferralKitException.invalid(reject, field, code, "is not an ISO-4217 currency");
        }
        if (currency.getDefaultFractionDigits() < 0) {
            throw ReferralKitException.invalid(reject, field, code, "has no minor units and cannot hold money");
        }
        return currency;
    }

    private static boolean isUpperAscii(String code) {
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return true;
    }
}
