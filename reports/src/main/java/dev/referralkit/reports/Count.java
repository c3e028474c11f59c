package dev.referralkit.reports;

import dev.referralkit.money.Ratio;
import java.math.BigInteger;

/**
 * A weighted count: whole units in a {@code long}, fractions of split credit as an exact
 * {@link Ratio}. Adding a full credit (weight 1, the usual case) touches no {@code BigInteger}.
 */
final class Count {
    private long whole;
    private Ratio fraction;

    void add(Ratio weight) {
        if (weight == Ratio.ONE) {
            whole++;
        } else {
            fraction = fraction == null ? weight : fraction.plus(weight);
        }
    }

    void subtract(Ratio weight) {
        if (weight == Ratio.ONE) {
            whole--;
        } else {
            fraction = fraction == null ? weight.negated() : fraction.minus(weight);
        }
    }

    /** Adds {@code units × weight}: durations in seconds weighted by credit. */
    void addTimes(long units, Ratio weight) {
        if (weight == Ratio.ONE) {
            whole = Math.addExact(whole, units);
        } else {
            Ratio product = weight.times(Ratio.of(units, 1));
            fraction = fraction == null ? product : fraction.plus(product);
        }
    }

    void addAll(Count other) {
        whole = Math.addExact(whole, other.whole);
        if (other.fraction != null) {
            fraction = fraction == null ? other.fraction : fraction.plus(other.fraction);
        }
    }

    boolean isZero() {
        return whole == 0 && (fraction == null || fraction.signum() == 0);
    }

    Ratio value() {
        Ratio w = whole == 1 ? Ratio.ONE : Ratio.of(BigInteger.valueOf(whole), BigInteger.ONE);
        return fraction == null ? w : w.plus(fraction);
    }
}
