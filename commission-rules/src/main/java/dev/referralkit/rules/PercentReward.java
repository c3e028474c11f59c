package dev.referralkit.rules;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.money.Percent;
import dev.referralkit.reward.Reward;
import dev.referralkit.reward.RewardContext;
import dev.referralkit.reward.RewardResult;
import java.math.BigDecimal;
import org.immutables.value.Value;

/**
 * {@code {"type": "percent", "percent": "20"}}: the partner's base share × percent / 100, exact.
 * Clicks and leads have no base, so a percentage pays nothing for them.
 */
@Value.Immutable
@JsonSerialize(as = ImmutablePercentReward.class)
@JsonDeserialize(as = ImmutablePercentReward.class)
public interface PercentReward extends Reward {
    /** @return the percentage */
    @Value.Parameter
    Percent percent();

    /**
     * @param percent like {@code "20"}
     * @return the strategy
     */
    static PercentReward of(String percent) {
        return ImmutablePercentReward.of(Percent.parse(percent));
    }

    /** Outside a {@code recurring} node a percentage pays the first payment only. */
    @Override
    default boolean paysAfterFirstPayment() {
        return false;
    }

    /** A percentage of the base, in the base's currency: no conversion. */
    @Override
    default boolean convertsCurrency() {
        return false;
    }

    @Override
    default RewardResult evaluate(RewardContext context) {
        if (context.isOneTimeSpent()) {
            return RewardResult.none(OneTime.explanation(context));
        }
        BigDecimal base = context.base();
        BigDecimal amount = percent().applyTo(base);
        Percent p = percent();
        java.util.Currency currency = context.currency();
        // the explanation keeps values only, never the context (which reaches the engine's state)
        return RewardResult.of(amount, Plans.lazy("percent", java.util.List.of(),
                () -> p.value().toPlainString() + "% of " + Plans.show(base, currency)));
    }
}
