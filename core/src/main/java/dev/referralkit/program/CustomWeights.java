package dev.referralkit.program;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import java.math.BigDecimal;
import org.immutables.value.Value;

/** The weights of the {@code custom} model: first, middle and last touch, normalised when used. */
@Value.Immutable
@JsonSerialize(as = ImmutableCustomWeights.class)
@JsonDeserialize(as = ImmutableCustomWeights.class)
@JsonPropertyOrder({"first", "middle", "last"})
public interface CustomWeights {
    /** @return the first touch's weight */
    @Value.Default
    default BigDecimal first() {
        return new BigDecimal("0.4");
    }

    /** @return the weight shared by the middle touches */
    @Value.Default
    default BigDecimal middle() {
        return new BigDecimal("0.2");
    }

    /** @return the last touch's weight */
    @Value.Default
    default BigDecimal last() {
        return new BigDecimal("0.4");
    }

    /** Weights are non-negative and not all zero. */
    @Value.Check
    default void check() {
        String[] names = {"first", "middle", "last"};
        BigDecimal[] weights = {first(), middle(), last()};
        for (int i = 0; i < weights.length; i++) {
            BigDecimal w = weights[i];
            if (w.signum() < 0 || w.scale() > 12 || w.precision() - w.scale() > 6) {
                throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, names[i], w.toPlainString(),
                        "must be a non-negative decimal below 10^6 with at most 12 decimals");
            }
        }
        if (first().signum() == 0 && middle().signum() == 0 && last().signum() == 0) {
            throw ReferralKitException.of(RejectionCode.INVALID_PROGRAM, "weights", null,
                    "weights must not all be zero");
        }
    }
}
