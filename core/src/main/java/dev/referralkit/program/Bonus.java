package dev.referralkit.program;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import java.math.BigDecimal;
import org.immutables.value.Value;

/**
 * A threshold bonus (SPEC.md §5.3): when a period closes with the partner's volume ≥
 * {@code threshold}, one {@code BONUS} of {@code amount} in program currency. For {@code lifetime},
 * the first payout run at which the volume reaches the threshold awards it once.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableBonus.class)
@JsonDeserialize(as = ImmutableBonus.class)
@JsonPropertyOrder({"metric", "period", "threshold", "amount"})
public interface Bonus {
    /** @return what the threshold counts */
    Metric metric();

    /** @return over which period */
    Period period();

    /** @return the volume to reach */
    BigDecimal threshold();

    /** @return the bonus, program currency */
    BigDecimal amount();

    /** Checks the threshold and amount. */
    @Value.Check
    default void check() {
        if (threshold().signum() < 0 || threshold().precision() - threshold().scale() > 15) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "threshold", threshold().toPlainString(),
                    "must be non-negative and below 10^15");
        }
        if (amount().signum() <= 0 || amount().precision() - amount().scale() > 15) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "amount", amount().toPlainString(),
                    "must be positive and below 10^15");
        }
    }
}
