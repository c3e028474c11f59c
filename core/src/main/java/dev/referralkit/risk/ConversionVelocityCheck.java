package dev.referralkit.risk;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Duration;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * {@code conversion_velocity} (docs/payouts.md §1.3): more than {@code max} conversions for one partner in the
 * hour up to and including this one. Screens conversions only. Code {@code CONVERSION_VELOCITY}.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableConversionVelocityCheck.class)
@JsonDeserialize(as = ImmutableConversionVelocityCheck.class)
@JsonPropertyOrder({"max", "action"})
public interface ConversionVelocityCheck extends RiskCheck {
    /** @return the most conversions believable in an hour, 1 to 10,000 */
    int max();

    /** @return the action when it fires; hold by default */
    @Value.Default
    default RiskAction action() {
        return RiskAction.HOLD;
    }

    @Override
    default void declare(RiskNeeds needs) {
        needs.conversionInstants(max());
    }

    @Override
    default Optional<RiskVerdict> screen(RiskContext c) {
        if (!c.conversion()) {
            return Optional.empty();
        }
        int n = c.conversionsSince(c.at().minus(Duration.ofHours(1)).plusNanos(1));
        if (n <= max()) {
            return Optional.empty();
        }
        return Optional.of(RiskVerdict.of(action(), "CONVERSION_VELOCITY", "partner " + c.partner() + "'s " + n
                + " conversions in the hour to " + c.at() + " exceed " + max()));
    }

    /** The limit is positive and bounded. */
    @Value.Check
    default void check() {
        Checks.range("max", max(), 1, 10_000);
    }
}
