package dev.referralkit.risk;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Optional;

/**
 * A risk check (docs/payouts.md §1): the SPI behind {@code program.risk}. JSON names a check by {@code "type"};
 * names are registered through {@link dev.referralkit.json.JsonTypeProvider} (never class names). The built-ins
 * are {@code self_referral_identity}, {@code fast_conversion}, {@code conversion_velocity},
 * {@code shared_identity}, {@code refund_rate}, {@code approval_threshold} and {@code minimum_paying_customers}.
 *
 * <p><b>Screening is pure.</b> A check reads its context and returns a verdict (or nothing when it does not fire);
 * it keeps no state. What it reads beyond the event it declares in {@link #declare}, once, when the program is
 * loaded; the engine keeps only declared facts.
 *
 * <p>A host's own check: implement this interface as an Immutables value (or any Jackson-readable class), register
 * its name in a {@code JsonTypeProvider}, and it loads like a built-in.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface RiskCheck {
    /**
     * Screens a commission about to be made.
     *
     * @param context the commission's facts
     * @return a verdict if the check fires, else empty
     */
    default Optional<RiskVerdict> screen(RiskContext context) {
        return Optional.empty();
    }

    /**
     * Screens a payout about to be made. A payout check may flag or hold (withhold), never reject.
     *
     * @param context the payout's facts
     * @return a verdict if the check fires, else empty
     */
    default Optional<RiskVerdict> screenPayout(PayoutContext context) {
        return Optional.empty();
    }

    /**
     * Declares what the check reads (see {@link RiskNeeds}).
     *
     * @param needs receives the declarations
     */
    default void declare(RiskNeeds needs) {
    }
}
