package dev.referralkit.money;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * How a finished amount is rounded to minor units (SPEC.md §2). Rounding happens once, when an
 * entry amount is final; intermediate results are exact. JSON: {@code "half_even"}, {@code "half_up"},
 * {@code "down"}.
 */
public enum Rounding {
    /** Banker's rounding: ties go to the even neighbour. The default. */
    HALF_EVEN(RoundingMode.HALF_EVEN),
    /** Ties go away from zero. */
    HALF_UP(RoundingMode.HALF_UP),
    /** Towards zero (truncation): a partner is never paid a fraction it did not earn. */
    DOWN(RoundingMode.DOWN);

    private final RoundingMode mode;

    Rounding(RoundingMode mode) {
        this.mode = mode;
    }

    /** @return the {@link RoundingMode} this rounding applies */
    public RoundingMode mode() {
        return mode;
    }

    /** @return the JSON name, lower case */
    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads the JSON name.
     *
     * @param name {@code half_even}, {@code half_up} or {@code down}
     * @return the rounding
     * @throws ReferralKitException if the name is none of these
     */
    @JsonCreator
    public static Rounding fromJson(String name) {
        for (Rounding r : values()) {
            if (r.jsonName().equals(name)) {
                return r;
            }
        }
        throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "rounding", name,
                "is not one of half_even, half_up, down");
    }
}
