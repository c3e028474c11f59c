package dev.referralkit.attribution;

import dev.referralkit.money.Ratio;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * An exact sum of ratios that stays fast for the usual inputs: finite decimals (every count and value
 * read from CSV) add as {@link BigDecimal}, any other ratio as a {@link Ratio}. Addition is exact, so
 * the result does not depend on the order of the terms.
 */
final class ExactSum {
    private static final BigInteger FIVE = BigInteger.valueOf(5);

    private long whole;
    private BigDecimal decimal = BigDecimal.ZERO;
    private Ratio other = Ratio.ZERO;

    void add(Ratio r) {
        add(r, null);
    }

    /**
     * @param r       a ratio
     * @param decimal its decimal value if the caller has it ({@link #decimalOrNull}), else null
     */
    void add(Ratio r, BigDecimal decimal) {
        if (r.signum() == 0) {
            return;
        }
        if (r.denominator().equals(BigInteger.ONE) && r.numerator().bitLength() < 62 && Math.abs(whole) < 1L << 61) {
            whole += r.numerator().longValue(); // both below 2^61 in size: no overflow
            return;
        }
        BigDecimal d = decimal != null ? decimal : decimalOrNull(r);
        if (d != null) {
            this.decimal = this.decimal.add(d);
        } else {
            other = other.plus(r);
        }
    }

    /** Adds r × units × 10^-scale. */
    void addScaled(Ratio r, BigDecimal decimalOfR, long units, int scale) {
        if (units == 0 || r.signum() == 0) {
            return;
        }
        if (decimalOfR != null) {
            decimal = decimal.add(decimalOfR.multiply(BigDecimal.valueOf(units)).movePointLeft(scale));
        } else {
            other = other.plus(r.times(Ratio.of(BigInteger.valueOf(units), BigInteger.TEN.pow(scale))));
        }
    }

    Ratio value() {
        Ratio sum = decimal.signum() == 0 ? Ratio.of(whole, 1) : Ratio.of(decimal.add(BigDecimal.valueOf(whole)));
        return other.signum() == 0 ? sum : sum.plus(other);
    }

    /**
     * @param r a ratio
     * @return its exact decimal value when it has one (denominator 2^a·5^b), else null
     */
    static BigDecimal decimalOrNull(Ratio r) {
        BigInteger den = r.denominator();
        if (den.equals(BigInteger.ONE)) {
            return new BigDecimal(r.numerator());
        }
        int twos = den.getLowestSetBit();
        BigInteger rest = den.shiftRight(twos);
        int fives = 0;
        while (!rest.equals(BigInteger.ONE)) {
            BigInteger[] qr = rest.divideAndRemainder(FIVE);
            if (qr[1].signum() != 0) {
                return null;
            }
            rest = qr[0];
            fives++;
        }
        int scale = Math.max(twos, fives);
        BigInteger unscaled = r.numerator().multiply(FIVE.pow(scale - fives)).shiftLeft(scale - twos);
        return new BigDecimal(unscaled, scale);
    }
}
