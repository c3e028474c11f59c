package dev.referralkit.risk;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * {@code fast_conversion} (docs/payouts.md §1.3): the customer's binding lead, or its first payment, came less
 * than {@code seconds} after the credited partner's latest link touch. Code {@code FAST_CONVERSION}.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableFastConversionCheck.class)
@JsonDeserialize(as = ImmutableFastConversionCheck.class)
@JsonPropertyOrder({"seconds", "action"})
public interface FastConversionCheck extends RiskCheck {
    /** @return the shortest believable time from click to conversion, 1 to 86,400 seconds */
    int seconds();

    /** @return the action when it fires; hold by default */
    @Value.Default
    default RiskAction action() {
        return RiskAction.HOLD;
    }

    @Override
    default void declare(RiskNeeds needs) {
        needs.touchTimes();
    }

    @Override
    default Optional<RiskVerdict> screen(RiskContext c) {
        Optional<Instant> touch = c.touchAt();
        if (touch.isEmpty()) {
            return Optional.empty();
        }
        Duration elapsed = Duration.between(touch.get(), c.at());
        if (elapsed.compareTo(Duration.ofSeconds(seconds())) >= 0) {
            return Optional.empty();
        }
        String what = c.conversion() ? "first payment " : "lead ";
        return Optional.of(RiskVerdict.of(action(), "FAST_CONVERSION", what + c.event() + " came " + seconds(elapsed)
                + " after partner " + c.partner() + "'s click at " + touch.get() + ", under " + seconds() + " s"));
    }

    private static String seconds(Duration d) {
        return d.getNano() == 0 ? d.getSeconds() + " s" : new java.math.BigDecimal(d.toNanos()).movePointLeft(9).stripTrailingZeros()
                .toPlainString() + " s";
    }

    /** The limit is positive and at most a day. */
    @Value.Check
    default void check() {
        Checks.range("seconds", seconds(), 1, 86_400);
    }
}
