package dev.referralkit.program;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Currency;
import java.util.Map;
import java.util.Objects;

/**
 * The program's exchange rates ({@code program.fx}): the value of one unit of a currency in the
 * program currency. Converting is always explicit; a missing rate is {@code MISSING_FX_RATE}, never
 * a silent fallback (SPEC.md §6).
 *
 * <p>Converting into the program currency multiplies and is exact. Converting out of it divides by
 * the rate with 34 significant digits ({@link MathContext#DECIMAL128}, half-even); the result is
 * rounded to minor units only when an entry is made, so the extra digits never show.
 */
public final class Fx {
    private final Currency programCurrency;
    private final Map<Currency, BigDecimal> rates;

    /**
     * @param programCurrency the program currency
     * @param rates           value of one unit of each currency in program currency, positive
     */
    public Fx(Currency programCurrency, Map<Currency, BigDecimal> rates) {
        this.programCurrency = Objects.requireNonNull(programCurrency, "programCurrency");
        this.rates = Map.copyOf(rates);
    }

    /** @return the program currency */
    public Currency programCurrency() {
        return programCurrency;
    }

    /**
     * @param amount an amount in {@code from}
     * @param from   its currency
     * @return the amount in program currency, exact
     * @throws ReferralKitException {@code MISSING_FX_RATE}
     */
    public BigDecimal toProgram(BigDecimal amount, Currency from) {
        if (from.equals(programCurrency)) {
            return amount;
        }
        return amount.multiply(rate(from));
    }

    /**
     * @param amount an amount in program currency
     * @param to     the target currency
     * @return the amount in {@code to}, to 34 significant digits
     * @throws ReferralKitException {@code MISSING_FX_RATE}
     */
    public BigDecimal fromProgram(BigDecimal amount, Currency to) {
        if (to.equals(programCurrency)) {
            return amount;
        }
        return amount.divide(rate(to), MathContext.DECIMAL128);
    }

    /**
     * @param currency a currency
     * @return whether amounts in it can be converted (it is the program currency or has a rate)
     */
    public boolean canConvert(Currency currency) {
        return currency.equals(programCurrency) || rates.containsKey(currency);
    }

    private BigDecimal rate(Currency currency) {
        BigDecimal rate = rates.get(currency);
        if (rate == null) {
            throw ReferralKitException.of(RejectionCode.MISSING_FX_RATE, "currency", currency.getCurrencyCode(),
                    "no rate from " + currency.getCurrencyCode() + " to " + programCurrency.getCurrencyCode()
                            + " in program.fx");
        }
        return rate;
    }
}
