package dev.referralkit.money;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Allocation of an amount over weights by the largest-remainder method, in minor units
 * (SPEC.md §2). For an amount of T minor units and weights w<sub>i</sub> (sum W):
 * <ol>
 * <li>each part first gets floor(|T|·w<sub>i</sub>/W);</li>
 * <li>the R minor units left over (R &lt; number of parts) go one each to the parts with the
 *     largest remainders |T|·w<sub>i</sub> mod W; ties go to the earlier part;</li>
 * <li>a negative amount is allocated as its absolute value and every part negated, so
 *     {@code allocate(-x) == -allocate(x)}.</li>
 * </ol>
 * Hence parts sum exactly to the amount, each is within one minor unit of its exact share, and a
 * zero weight gets zero. Weights are exact {@link Ratio}s; the arithmetic is on integers.
 */
public final class Allocation {
    private Allocation() {
    }

    /**
     * Allocates money over weights.
     *
     * @param total   the amount to split
     * @param weights non-negative weights, at least one positive
     * @return one part per weight, in the same order, summing exactly to {@code total}
     * @throws IllegalArgumentException if the weights are empty, negative or all zero
     */
    public static List<Money> allocate(Money total, List<Ratio> weights) {
        Objects.requireNonNull(total, "total");
        if (weights.size() == 1 && weights.get(0).signum() > 0) {
            return List.of(total); // one share takes everything: no arithmetic needed
        }
        List<BigInteger> integral = toIntegers(weights);
        List<BigInteger> parts = allocateUnits(Money.unscaled(total), integral);
        List<Money> result = new ArrayList<>(parts.size());
        for (BigInteger part : parts) {
            result.add(Money.ofMinor(part.longValueExact(), total.currency()));
        }
        return Collections.unmodifiableList(result);
    }

    /**
     * Allocates a whole number of units over integer weights, with the rules of this class.
     *
     * @param units   the units to split, any sign
     * @param weights non-negative weights, at least one positive
     * @return one part per weight summing exactly to {@code units}
     */
    public static List<BigInteger> allocateUnits(BigInteger units, List<BigInteger> weights) {
        Objects.requireNonNull(units, "units");
        if (weights.isEmpty()) {
            throw new IllegalArgumentException("weights must not be empty");
        }
        BigInteger sum = BigInteger.ZERO;
        for (BigInteger w : weights) {
            if (w.signum() < 0) {
                throw new IllegalArgumentException("weight " + w + " must not be negative");
            }
            sum = sum.add(w);
        }
        if (sum.signum() == 0) {
            throw new IllegalArgumentException("weights must not all be zero");
        }
        boolean negative = units.signum() < 0;
        BigInteger abs = units.abs();
        int n = weights.size();
        BigInteger[] parts = new BigInteger[n];
        BigInteger[] remainders = new BigInteger[n];
        BigInteger given = BigInteger.ZERO;
        for (int i = 0; i < n; i++) {
            BigInteger[] qr = abs.multiply(weights.get(i)).divideAndRemainder(sum);
            parts[i] = qr[0];
            remainders[i] = qr[1];
            given = given.add(qr[0]);
        }
        int left = abs.subtract(given).intValueExact();
        // R < n: pick the R largest remainders, earliest first on ties; O(n·R), n is small (credits)
        boolean[] taken = new boolean[n];
        for (int k = 0; k < left; k++) {
            int best = -1;
            for (int i = 0; i < n; i++) {
                if (!taken[i] && (best < 0 || remainders[i].compareTo(remainders[best]) > 0)) {
                    best = i;
                }
            }
            taken[best] = true;
            parts[best] = parts[best].add(BigInteger.ONE);
        }
        List<BigInteger> result = new ArrayList<>(n);
        for (BigInteger part : parts) {
            result.add(negative ? part.negate() : part);
        }
        return Collections.unmodifiableList(result);
    }

    private static List<BigInteger> toIntegers(List<Ratio> weights) {
        BigInteger lcm = BigInteger.ONE;
        for (Ratio w : weights) {
            BigInteger d = w.denominator();
            lcm = lcm.divide(lcm.gcd(d)).multiply(d);
        }
        List<BigInteger> result = new ArrayList<>(weights.size());
        for (Ratio w : weights) {
            result.add(w.numerator().multiply(lcm.divide(w.denominator())));
        }
        return result;
    }
}
