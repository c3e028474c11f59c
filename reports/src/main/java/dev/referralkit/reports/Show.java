package dev.referralkit.reports;

import dev.referralkit.money.Ratio;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Currency;
import java.util.Locale;

/**
 * How report figures are shown. Figures are exact; only their display rounds, half-even:
 * counts exactly (10 decimals when a split leaves a repeating fraction), rates with
 * {@value #RATE_DECIMALS} decimals, days with {@value #DAY_DECIMALS}, amounts per customer at the
 * currency's scale.
 */
final class Show {
    static final int RATE_DECIMALS = 4;
    static final int DAY_DECIMALS = 1;

    private Show() {
    }

    static String count(Ratio r) {
        return r.toDecimalString();
    }

    static String fixed(Ratio r, int decimals) {
        return new BigDecimal(r.numerator()).divide(new BigDecimal(r.denominator()), decimals, RoundingMode.HALF_EVEN)
                .toPlainString();
    }

    static String rate(Ratio r) {
        return fixed(r, RATE_DECIMALS);
    }

    static String days(Ratio r) {
        return fixed(r, DAY_DECIMALS);
    }

    static String perCustomer(Ratio r, Currency currency) {
        return fixed(r, currency.getDefaultFractionDigits());
    }

    static String percent(Ratio r) {
        return fixed(r.times(Ratio.of(100, 1)), 1) + "%";
    }

    static String grouped(BigDecimal amount) {
        DecimalFormat f = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
        f.setMinimumFractionDigits(Math.max(0, amount.scale()));
        f.setMaximumFractionDigits(Math.max(0, amount.scale()));
        f.setRoundingMode(RoundingMode.UNNECESSARY);
        return f.format(amount);
    }

    static String grouped(Ratio count) {
        if (count.denominator().equals(java.math.BigInteger.ONE)) {
            return grouped(new BigDecimal(count.numerator()));
        }
        return grouped(new BigDecimal(count.numerator()).divide(new BigDecimal(count.denominator()), 2, RoundingMode.HALF_EVEN));
    }
}
