package dev.referralkit.money;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * An exact amount of money in an ISO-4217 currency, always at the currency's scale (JPY 0, USD 2,
 * KWD 3). Immutable; equal when amount and currency are equal.
 *
 * <p><b>Inputs are checked before any arithmetic.</b> The factories refuse more decimals than the
 * currency has (they never round quietly), magnitudes of 10<sup>15</sup> major units or more, and
 * currencies without minor units. The checks read only {@link BigDecimal#scale()} and
 * {@link BigDecimal#precision()}, so a value like {@code 1E-100000000} is refused at once instead
 * of making {@code setScale} run for minutes.
 *
 * <p><b>Scale as written.</b> An amount that comes from outside (JSON text, an event or program value)
 * is checked with {@link #parse} or {@link #ofWritten}: its scale is the number of decimals written, and
 * more than the currency has is refused <em>even when the extra digits are zeros</em> ({@code "100.000"}
 * USD, {@code "10.00"} JPY; SPEC.md §2). {@link #of(BigDecimal, Currency)} is the lenient factory for
 * values a program computed: it accepts trailing zeros past the currency's scale, since they lose
 * nothing ({@code 10.100} USD is {@code 10.10 USD}), and refuses any non-zero extra digit.
 *
 * <p>Arithmetic between two {@code Money} values is exact; the only place precision can be lost is
 * {@link #rounded(BigDecimal, Currency, Rounding)}, which takes an explicit {@link Rounding}. Work
 * with exact {@code BigDecimal} values and round once, at the end.
 */
public final class Money implements Comparable<Money> {
    /** Amounts must be below this many major units: 10^15. */
    public static final int MAX_INTEGER_DIGITS = 15;

    private final BigDecimal amount;
    private final Currency currency;

    private Money(BigDecimal amount, Currency currency) {
        this.amount = amount;
        this.currency = currency;
    }

    /**
     * An amount with at most the currency's decimals, not counting trailing zeros: the lenient
     * factory for computed values ({@code 10.100} USD is {@code 10.10 USD}). Inputs are checked with
     * {@link #ofWritten} or {@link #parse} instead.
     *
     * @param amount   the amount, not null; negative allowed
     * @param currency the currency, with minor units
     * @return the money at the currency's scale
     * @throws ReferralKitException {@link RejectionCode#INVALID_AMOUNT} if the amount has more decimals
     *                              than the currency or is 10^15 or more in magnitude;
     *                              {@link RejectionCode#INVALID_EVENT} for a currency without minor units
     */
    public static Money of(BigDecimal amount, Currency currency) {
        return of("amount", amount, currency);
    }

    /**
     * Like {@link #of(BigDecimal, Currency)}, naming the field in the message.
     *
     * @param field    the field the amount came from
     * @param amount   the amount
     * @param currency the currency
     * @return the money
     */
    public static Money of(String field, BigDecimal amount, Currency currency) {
        Objects.requireNonNull(currency, "currency");
        int digits = digits(currency);
        if (amount == null) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_AMOUNT, field, null, "is required");
        }
        // checks on scale and precision only: no arithmetic before they pass
        if (amount.scale() > digits && Decimals.decimals(bounded(field, amount)) > digits) {
            throw tooManyDecimals(field, amount.toPlainString(), amount.scale(), currency, digits);
        }
        checkMagnitude(field, amount);
        return new Money(amount.setScale(digits), currency);
    }

    /**
     * An amount as an input wrote it: its scale is the number of decimals written, and a scale above
     * the currency's is refused even when the extra digits are zeros ({@code 100.000} USD, {@code 10.00}
     * JPY). This is the check for every amount read from JSON and for event and program values
     * (a refund's amount is checked with it once its payment's currency is known).
     *
     * @param field    the field the amount came from, for the message
     * @param amount   the amount with the scale it was written with; negative allowed
     * @param currency the currency, with minor units
     * @return the money at the currency's scale
     * @throws ReferralKitException {@link RejectionCode#INVALID_AMOUNT} if the amount has more decimals
     *                              than the currency or is 10^15 or more in magnitude;
     *                              {@link RejectionCode#INVALID_EVENT} for a currency without minor units
     */
    public static Money ofWritten(String field, BigDecimal amount, Currency currency) {
        Objects.requireNonNull(currency, "currency");
        int digits = digits(currency);
        if (amount == null) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_AMOUNT, field, null, "is required");
        }
        if (amount.scale() > digits) {
            throw tooManyDecimals(field, shown(amount), amount.scale(), currency, digits);
        }
        checkMagnitude(field, amount);
        return new Money(amount.setScale(digits), currency);
    }

    /**
     * Parses a plain decimal string, as amounts come in JSON, checking the decimals as written
     * ({@link #ofWritten}): {@code "100.000"} is refused for USD.
     *
     * @param field    the field, for the message
     * @param text     the amount, like {@code "49.90"}
     * @param currency the currency
     * @return the money
     * @throws ReferralKitException {@link RejectionCode#INVALID_AMOUNT} if the text is not a plain decimal
     *                              or fails {@link #ofWritten(String, BigDecimal, Currency)}
     */
    public static Money parse(String field, String text, Currency currency) {
        return ofWritten(field, Decimals.parsePlain(RejectionCode.INVALID_AMOUNT, field, text), currency);
    }

    private static ReferralKitException tooManyDecimals(String field, String shown, long scale, Currency currency, int digits) {
        return ReferralKitException.of(RejectionCode.INVALID_AMOUNT, field, shown,
                field + " \"" + shown + "\" has " + scale + (scale == 1 ? " decimal, " : " decimals, ")
                        + currency.getCurrencyCode() + " allows " + digits);
    }

    /** The plain form for messages, or the scientific one for a value whose plain form would be huge. */
    private static String shown(BigDecimal amount) {
        return Math.abs((long) amount.scale()) > 64 || amount.precision() > 64 ? amount.toString() : amount.toPlainString();
    }

    /**
     * An amount in minor units (cents for USD, yen for JPY, fils for KWD).
     *
     * @param minorUnits the amount in minor units
     * @param currency   the currency
     * @return the money
     */
    public static Money ofMinor(long minorUnits, Currency currency) {
        int digits = digits(currency);
        BigDecimal amount = BigDecimal.valueOf(minorUnits, digits);
        checkMagnitude("amount", amount);
        return new Money(amount, currency);
    }

    /**
     * Zero in a currency.
     *
     * @param currency the currency
     * @return zero at the currency's scale
     */
    public static Money zero(Currency currency) {
        return new Money(BigDecimal.ZERO.setScale(digits(currency)), currency);
    }

    /**
     * Rounds an exact computed amount to the currency's minor units: the one place where
     * ReferralKit loses precision, and always with the program's rounding.
     *
     * @param exact    an exact result of arithmetic on checked inputs
     * @param currency the currency
     * @param rounding how to round
     * @return the rounded money
     * @throws ReferralKitException {@link RejectionCode#INVALID_AMOUNT} if the result is 10^15 or more
     */
    public static Money rounded(BigDecimal exact, Currency currency, Rounding rounding) {
        Objects.requireNonNull(rounding, "rounding");
        checkMagnitude("amount", exact);
        return new Money(exact.setScale(digits(currency), rounding.mode()), currency);
    }

    /**
     * The number of decimals of a currency.
     *
     * @param currency a currency
     * @return its default fraction digits
     * @throws ReferralKitException if the currency has no minor units
     */
    public static int digits(Currency currency) {
        int digits = currency.getDefaultFractionDigits();
        if (digits < 0) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_EVENT, "currency", currency.getCurrencyCode(),
                    "has no minor units and cannot hold money");
        }
        return digits;
    }

    private static BigDecimal bounded(String field, BigDecimal amount) {
        // stripTrailingZeros is linear in the digits it holds; refuse huge scales by their size first
        if (amount.scale() > 64 || amount.precision() > 64) {
            throw ReferralKitException.of(RejectionCode.INVALID_AMOUNT, field, null,
                    field + " has " + amount.scale() + " decimals and " + amount.precision() + " digits");
        }
        return amount;
    }

    private static void checkMagnitude(String field, BigDecimal amount) {
        if (Decimals.integerDigits(amount) > MAX_INTEGER_DIGITS) {
            String shown = amount.scale() < -64 ? "1E+" + (-(long) amount.scale()) : amount.toPlainString();
            throw ReferralKitException.invalid(RejectionCode.INVALID_AMOUNT, field, shown,
                    "must be below 10^" + MAX_INTEGER_DIGITS + " in magnitude");
        }
    }

    /** @return the amount, at the currency's scale */
    public BigDecimal amount() {
        return amount;
    }

    /** @return the currency */
    public Currency currency() {
        return currency;
    }

    /**
     * The amount in minor units, as the engine keeps it: a 64-bit integer. Every amount below 10^15 fits for a
     * currency of up to 3 decimals; for one of 4 (CLF, UYW) the largest is 922,337,203,685,477.5807.
     *
     * @return the amount in minor units
     * @throws ReferralKitException {@link RejectionCode#INVALID_AMOUNT} if its magnitude is more than
     *                              {@link Long#MAX_VALUE} minor units (so {@code Long.MIN_VALUE} is refused too)
     */
    public long toMinorUnits() {
        // movePointRight keeps a compact (long-backed) value; unscaledValue() would allocate a BigInteger
        BigDecimal minor = amount.scale() == 0 ? amount : amount.movePointRight(amount.scale());
        if (minor.precision() > 18 && minor.abs().compareTo(LONG_RANGE) > 0) {
            throw tooLarge();
        }
        return minor.longValue();
    }

    private static final BigDecimal LONG_RANGE = BigDecimal.valueOf(Long.MAX_VALUE);

    private ReferralKitException tooLarge() {
        return ReferralKitException.invalid(RejectionCode.INVALID_AMOUNT, "amount", amount.toPlainString() + " " + currency.getCurrencyCode(),
                "is beyond what 64-bit minor units hold (±" + BigDecimal.valueOf(Long.MAX_VALUE, currency.getDefaultFractionDigits())
                        .toPlainString() + " " + currency.getCurrencyCode() + "), the engine's range for amounts and the entries it makes");
    }

    /**
     * Exact sum.
     *
     * @param other money in the same currency
     * @return this + other
     * @throws ReferralKitException {@link RejectionCode#CURRENCY_MISMATCH} if the currencies differ
     */
    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.add(other.amount), currency);
    }

    /**
     * Exact difference.
     *
     * @param other money in the same currency
     * @return this - other
     * @throws ReferralKitException {@link RejectionCode#CURRENCY_MISMATCH} if the currencies differ
     */
    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.subtract(other.amount), currency);
    }

    /** @return -this */
    public Money negated() {
        return new Money(amount.negate(), currency);
    }

    /** @return -1, 0 or 1 */
    public int signum() {
        return amount.signum();
    }

    /** @return true if zero */
    public boolean isZero() {
        return amount.signum() == 0;
    }

    /** @return true if below zero */
    public boolean isNegative() {
        return amount.signum() < 0;
    }

    /**
     * Allocates this amount over weights by the largest-remainder method (SPEC.md §2): see
     * {@link Allocation#allocate(Money, List)}.
     *
     * @param weights non-negative weights, at least one positive
     * @return one part per weight, summing exactly to this
     */
    public List<Money> allocate(List<Ratio> weights) {
        return Allocation.allocate(this, weights);
    }

    /**
     * Refuses a negative amount.
     *
     * @param field the field, for the message
     * @return this
     * @throws ReferralKitException {@link RejectionCode#INVALID_AMOUNT} if negative
     */
    public Money requireNonNegative(String field) {
        if (isNegative()) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_AMOUNT, field, amount.toPlainString(),
                    "must not be negative");
        }
        return this;
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw ReferralKitException.of(RejectionCode.CURRENCY_MISMATCH, "currency", other.currency.getCurrencyCode(),
                    "currencies differ: " + currency.getCurrencyCode() + "/" + other.currency.getCurrencyCode());
        }
    }

    /**
     * Orders by amount.
     *
     * @throws ReferralKitException {@link RejectionCode#CURRENCY_MISMATCH} if the currencies differ
     */
    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return amount.compareTo(other.amount);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Money && ((Money) o).amount.equals(amount) && ((Money) o).currency.equals(currency);
    }

    @Override
    public int hashCode() {
        return amount.hashCode() * 31 + currency.hashCode();
    }

    /** @return like {@code 49.90 USD} */
    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency.getCurrencyCode();
    }

    static BigInteger unscaled(Money money) {
        return money.amount.unscaledValue();
    }
}
