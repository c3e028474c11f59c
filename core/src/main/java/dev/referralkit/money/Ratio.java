package dev.referralkit.money;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * An exact rational number, always in lowest terms with a positive denominator. Attribution
 * weights are ratios so that 1/3 stays 1/3: a linear split over three touches allocates exactly,
 * and the weights of a binding sum to exactly 1.
 */
public final class Ratio implements Comparable<Ratio> {
    /** 0. */
    public static final Ratio ZERO = new Ratio(BigInteger.ZERO, BigInteger.ONE);
    /** 1. */
    public static final Ratio ONE = new Ratio(BigInteger.ONE, BigInteger.ONE);
    /** Digits shown after the point for a ratio that has no finite decimal form. */
    public static final int DISPLAY_DECIMALS = 10;

    private final BigInteger numerator;
    private final BigInteger denominator;

    private Ratio(BigInteger numerator, BigInteger denominator) {
        this.numerator = numerator;
        this.denominator = denominator;
    }

    /**
     * The ratio n/d.
     *
     * @param numerator   any integer
     * @param denominator a non-zero integer
     * @return n/d in lowest terms
     */
    public static Ratio of(BigInteger numerator, BigInteger denominator) {
        Objects.requireNonNull(numerator, "numerator");
        if (denominator.signum() == 0) {
            throw new ArithmeticException("denominator must not be zero");
        }
        if (denominator.signum() < 0) {
            numerator = numerator.negate();
            denominator = denominator.negate();
        }
        BigInteger gcd = numerator.gcd(denominator);
        if (!gcd.equals(BigInteger.ONE) && gcd.signum() != 0) {
            numerator = numerator.divide(gcd);
            denominator = denominator.divide(gcd);
        }
        if (numerator.signum() == 0) {
            return ZERO;
        }
        if (numerator.equals(denominator)) {
            return ONE; // shared: most credit weights are 1
        }
        return new Ratio(numerator, denominator);
    }

    /**
     * The ratio n/d.
     *
     * @param numerator   any integer
     * @param denominator a non-zero integer
     * @return n/d in lowest terms
     */
    public static Ratio of(long numerator, long denominator) {
        return of(BigInteger.valueOf(numerator), BigInteger.valueOf(denominator));
    }

    /**
     * The exact value of a decimal. The decimal must have at most 64 digits of scale and precision
     * (refused otherwise, before any arithmetic).
     *
     * @param value a decimal
     * @return the same value as a ratio
     */
    public static Ratio of(BigDecimal value) {
        if (Math.abs((long) value.scale()) > 1100 || value.precision() > 1100) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_AMOUNT, "ratio", null,
                    "has a scale or precision over 1100 digits");
        }
        if (value.scale() <= 0) {
            return of(value.toBigIntegerExact(), BigInteger.ONE);
        }
        return of(value.unscaledValue(), BigInteger.TEN.pow(value.scale()));
    }

    /** @return the numerator, in lowest terms */
    public BigInteger numerator() {
        return numerator;
    }

    /** @return the denominator, positive */
    public BigInteger denominator() {
        return denominator;
    }

    /**
     * @param other a ratio
     * @return this + other
     */
    public Ratio plus(Ratio other) {
        return of(numerator.multiply(other.denominator).add(other.numerator.multiply(denominator)),
                denominator.multiply(other.denominator));
    }

    /**
     * @param other a ratio
     * @return this - other
     */
    public Ratio minus(Ratio other) {
        return plus(other.negated());
    }

    /** @return -this */
    public Ratio negated() {
        return new Ratio(numerator.negate(), denominator).normalisedZero();
    }

    private Ratio normalisedZero() {
        return numerator.signum() == 0 ? ZERO : this;
    }

    /**
     * @param other a ratio
     * @return this × other
     */
    public Ratio times(Ratio other) {
        return of(numerator.multiply(other.numerator), denominator.multiply(other.denominator));
    }

    /**
     * @param other a non-zero ratio
     * @return this / other
     */
    public Ratio dividedBy(Ratio other) {
        if (other.signum() == 0) {
            throw new ArithmeticException("division by zero");
        }
        return of(numerator.multiply(other.denominator), denominator.multiply(other.numerator));
    }

    /**
     * Multiplies a decimal exactly when the result is a finite decimal; otherwise rounds to
     * {@code scale} digits. Used where a weight scales an amount that is rounded later anyway.
     *
     * @param value    a decimal
     * @param scale    the scale of an inexact result
     * @param rounding how to round an inexact result
     * @return value × this
     */
    public BigDecimal times(BigDecimal value, int scale, RoundingMode rounding) {
        BigDecimal product = value.multiply(new BigDecimal(numerator));
        BigDecimal den = new BigDecimal(denominator);
        if (isTerminating()) {
            return product.divide(den, MathContext.UNLIMITED);
        }
        return product.divide(den, scale, rounding);
    }

    /** @return -1, 0 or 1 */
    public int signum() {
        return numerator.signum();
    }

    /** @return true if the ratio has a finite decimal form (its denominator is 2^a·5^b) */
    public boolean isTerminating() {
        BigInteger d = denominator;
        BigInteger five = BigInteger.valueOf(5);
        int shift = d.getLowestSetBit();
        d = d.shiftRight(shift);
        while (d.mod(five).signum() == 0) {
            d = d.divide(five);
        }
        return d.equals(BigInteger.ONE);
    }

    /**
     * The decimal value, exact if {@linkplain #isTerminating() terminating}, else rounded half-even.
     *
     * @param scale the scale of an inexact result
     * @return the value
     */
    public BigDecimal toBigDecimal(int scale) {
        if (denominator.equals(BigInteger.ONE)) {
            return new BigDecimal(numerator);
        }
        if (isTerminating()) {
            return new BigDecimal(numerator).divide(new BigDecimal(denominator), MathContext.UNLIMITED);
        }
        return new BigDecimal(numerator).divide(new BigDecimal(denominator), scale, RoundingMode.HALF_EVEN);
    }

    /**
     * The decimal form used in results: exact and without trailing zeros when finite
     * ({@code "0.4"}, {@code "1"}), else {@value #DISPLAY_DECIMALS} decimals half-even
     * ({@code "0.3333333333"}).
     *
     * @return the decimal string
     */
    public String toDecimalString() {
        BigDecimal value = toBigDecimal(DISPLAY_DECIMALS);
        if (isTerminating()) {
            value = value.stripTrailingZeros();
            if (value.scale() < 0) {
                value = value.setScale(0);
            }
        }
        return value.toPlainString();
    }

    @Override
    public int compareTo(Ratio other) {
        return numerator.multiply(other.denominator).compareTo(other.numerator.multiply(denominator));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ratio && ((Ratio) o).numerator.equals(numerator) && ((Ratio) o).denominator.equals(denominator);
    }

    @Override
    public int hashCode() {
        return numerator.hashCode() * 31 + denominator.hashCode();
    }

    /** @return {@code n/d}, or {@code n} when d is 1 */
    @Override
    public String toString() {
        return denominator.equals(BigInteger.ONE) ? numerator.toString() : numerator + "/" + denominator;
    }
}
