package dev.referralkit.rules;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.ledger.Explanation;
import dev.referralkit.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.List;

/** Shared helpers of the built-in strategies: load-time errors and explanation formatting. */
final class Plans {
    private Plans() {
    }

    static ReferralKitException invalid(String path, String problem) {
        return ReferralKitException.of(RejectionCode.INVALID_PROGRAM, path, null, path + ": " + problem);
    }

    /** An amount shown at the currency's scale; display only, the exact value is kept. */
    static String show(BigDecimal amount, Currency currency) {
        int digits = Money.digits(currency);
        BigDecimal shown = amount.scale() > digits ? amount.setScale(digits, RoundingMode.HALF_EVEN) : amount.setScale(digits);
        return shown.toPlainString() + " " + currency.getCurrencyCode();
    }

    /** A volume shown without trailing zeros. */
    static String showNumber(BigDecimal value) {
        BigDecimal v = value.stripTrailingZeros();
        if (v.scale() < 0) {
            v = v.setScale(0);
        }
        if (v.scale() > 4) {
            v = v.setScale(4, RoundingMode.HALF_EVEN).stripTrailingZeros();
        }
        return v.toPlainString();
    }

    static Explanation text(String rule, String text) {
        return Explanation.of(rule, text);
    }

    static Explanation lazy(String rule, List<Explanation> parts, java.util.function.Supplier<String> text) {
        return Explanation.lazy(rule, parts, text);
    }

    /**
     * Checks an amount in program currency as written: its decimals (trailing zeros count: {@code "1.000"}
     * USD is refused), magnitude and sign.
     *
     * @param path the dotted path of the amount's key, like {@code rewards.payment.amount}
     */
    static void checkAmount(String path, BigDecimal amount, Currency programCurrency) {
        String key = path.substring(path.lastIndexOf('.') + 1);
        try {
            Money.ofWritten(key, amount, programCurrency).requireNonNegative(key);
        } catch (ReferralKitException e) {
            throw ReferralKitException.of(RejectionCode.INVALID_PROGRAM, path, e.value().orElse(null), path + ": " + e.detail());
        }
    }
}
