package dev.referralkit.program;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import java.math.BigDecimal;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What a partner level asks for over a period (docs/lifecycle.md §3): at least this many weighted
 * conversions, this much revenue (program currency) and this many active referred customers; every
 * criterion given must hold.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableLevelCriteria.class)
@JsonDeserialize(as = ImmutableLevelCriteria.class)
@JsonPropertyOrder({"conversions", "revenue", "activeCustomers"})
public interface LevelCriteria {
    /** @return the minimum weighted conversions */
    Optional<BigDecimal> conversions();

    /** @return the minimum revenue, program currency */
    Optional<BigDecimal> revenue();

    /** @return the minimum number of distinct referred customers with a payment in the period */
    Optional<Integer> activeCustomers();

    /**
     * @param conversions weighted conversions of the period
     * @param revenue     revenue of the period
     * @param active      active referred customers of the period
     * @return whether every criterion given holds
     */
    default boolean met(BigDecimal conversions, BigDecimal revenue, long active) {
        return conversions().map(c -> conversions.compareTo(c) >= 0).orElse(true)
                && revenue().map(r -> revenue.compareTo(r) >= 0).orElse(true)
                && activeCustomers().map(a -> active >= a).orElse(true);
    }

    /** Checks the minimums. */
    @Value.Check
    default void check() {
        conversions().ifPresent(c -> requireSmall("conversions", c));
        revenue().ifPresent(r -> requireSmall("revenue", r));
        activeCustomers().filter(a -> a < 0).ifPresent(a -> {
            throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "activeCustomers", a.toString(), "must not be negative");
        });
    }

    private static void requireSmall(String field, BigDecimal v) {
        if (v.signum() < 0 || v.precision() - v.scale() > 15 || v.scale() > 6) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, field, v.toPlainString(),
                    "must be non-negative, below 10^15, with at most 6 decimals");
        }
    }
}
