package dev.referralkit.program;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * {@code program.attribution} (SPEC.md §4): the binding model by name ({@code last_touch} by
 * default; any name a {@code BindingModel} plug-in provides), the window in days (inclusive), whether
 * coupons win, the optional lock-in, the half-life of {@code time_decay} and the weights of
 * {@code custom}.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableAttributionSettings.class)
@JsonDeserialize(as = ImmutableAttributionSettings.class)
@JsonPropertyOrder({"model", "windowDays", "couponsWin", "lockInDays", "halfLifeDays", "weights"})
public interface AttributionSettings {
    /** @return the model's name */
    @Value.Default
    default String model() {
        return "last_touch";
    }

    /** @return how many days before the binding event a touch still counts (inclusive) */
    @Value.Default
    default int windowDays() {
        return 30;
    }

    /** @return whether a coupon touch beats link touches */
    @Value.Default
    default boolean couponsWin() {
        return true;
    }

    /** @return days after binding during which payments earn; absent means for ever */
    Optional<Integer> lockInDays();

    /** @return the half-life of {@code time_decay}, in days */
    @Value.Default
    default int halfLifeDays() {
        return 7;
    }

    /** @return the weights of {@code custom} */
    @Value.Default
    default CustomWeights weights() {
        return ImmutableCustomWeights.builder().build();
    }

    /** Checks ranges. */
    @Value.Check
    default void check() {
        if (windowDays() < 0 || windowDays() > 36_500) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "windowDays",
                    Integer.toString(windowDays()), "must be between 0 and 36500");
        }
        if (halfLifeDays() < 1 || halfLifeDays() > 36_500) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "halfLifeDays",
                    Integer.toString(halfLifeDays()), "must be between 1 and 36500");
        }
        lockInDays().ifPresent(d -> {
            if (d < 0 || d > 36_500) {
                throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "lockInDays",
                        Integer.toString(d), "must be between 0 and 36500");
            }
        });
    }
}
