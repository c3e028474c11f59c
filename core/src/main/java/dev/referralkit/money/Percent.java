package dev.referralkit.money;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import java.math.BigDecimal;

/**
 * A percentage in [0, 1000] with at most 6 decimals (SPEC.md §2), such as {@code "12.5"}. In JSON a
 * string. Equal when numerically equal ({@code "20"} equals {@code "20.0"}); the scale is normalised.
 *
 * <p>Text is checked as written: {@link #parse} refuses more than 6 decimals even when the extra
 * digits are zeros ({@code "10.0000000"}). {@link #of(BigDecimal)}, for computed values, accepts
 * trailing zeros past the sixth decimal (they lose nothing).
 */
public final class Percent implements Comparable<Percent> {
    /** The largest percentage accepted. */
    public static final BigDecimal MAX = BigDecimal.valueOf(1000);
    /** The most decimals accepted. */
    public static final int MAX_DECIMALS = 6;

    private final BigDecimal value;

    private Percent(BigDecimal value) {
        this.value = value;
    }

    /**
     * Parses a percentage from a plain decimal string.
     *
     * @param text like {@code "12.5"}
     * @return the percentage
     * @throws ReferralKitException {@link RejectionCode#INVALID_AMOUNT} if it is not a plain decimal,
     *                              has more than 6 decimals as written (trailing zeros count) or lies
     *                              outside [0, 1000]
     */
    public static Percent parse(String text) {
        return parse("percent", text);
    }

    /**
     * Like {@link #parse(String)}, naming the field in the message.
     *
     * @param field the field, like {@code levels}
     * @param text  like {@code "12.5"}
     * @return the percentage
     */
    public static Percent parse(String field, String text) {
        BigDecimal value = Decimals.parsePlain(RejectionCode.INVALID_AMOUNT, field, text);
        if (value.scale() > MAX_DECIMALS) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_AMOUNT, field, text,
                    "has " + value.scale() + " decimals, a percentage allows " + MAX_DECIMALS);
        }
        return of(field, value);
    }

    /**
     * A percentage from a decimal.
     *
     * @param value the percentage (20 means 20 %)
     * @return the percentage
     * @throws ReferralKitException {@link RejectionCode#INVALID_AMOUNT} if it has more than 6 decimals
     *                              or lies outside [0, 1000]
     */
    public static Percent of(BigDecimal value) {
        return of("percent", value);
    }

    private static Percent of(String field, BigDecimal value) {
        // scale and precision first: no arithmetic on an unbounded value
        if (value.scale() > MAX_DECIMALS && (value.scale() > 64 || Decimals.decimals(value) > MAX_DECIMALS)) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_AMOUNT, field, plain(value),
                    "has more than " + MAX_DECIMALS + " decimals");
        }
        if (Decimals.integerDigits(value) > 4 || value.signum() < 0 || value.compareTo(MAX) > 0) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_AMOUNT, field, plain(value),
                    "must be between 0 and 1000");
        }
        BigDecimal normal = value.stripTrailingZeros();
        if (normal.scale() < 0) {
            normal = normal.setScale(0);
        }
        return new Percent(normal);
    }

    private static String plain(BigDecimal value) {
        return Math.abs((long) value.scale()) > 64 ? value.toString() : value.toPlainString();
    }

    /** @return the percentage, 20 for 20 %, without trailing zeros */
    public BigDecimal value() {
        return value;
    }

    /** @return the fraction, 0.2 for 20 %, exact */
    public BigDecimal fraction() {
        return value.movePointLeft(2);
    }

    /**
     * The exact share of an amount.
     *
     * @param base an exact amount
     * @return base × percent / 100, exact
     */
    public BigDecimal applyTo(BigDecimal base) {
        return base.multiply(value).movePointLeft(2);
    }

    /** @return the JSON form, a plain decimal string */
    @JsonValue
    public String toJson() {
        return value.toPlainString();
    }

    @Override
    public int compareTo(Percent other) {
        return value.compareTo(other.value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Percent && ((Percent) o).value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** @return like {@code 12.5%} */
    @Override
    public String toString() {
        return value.toPlainString() + "%";
    }
}
