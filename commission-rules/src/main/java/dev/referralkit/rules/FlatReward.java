package dev.referralkit.rules;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.money.Ratio;
import dev.referralkit.reward.Reward;
import dev.referralkit.reward.RewardContext;
import dev.referralkit.reward.RewardResult;
import dev.referralkit.program.Trigger;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import org.immutables.value.Value;

/**
 * {@code {"type": "flat", "amount": "5.00"}}: a fixed amount in program currency, multiplied by the
 * partner's credit weight (SPEC.md §4.3) and converted to the event's currency with
 * {@code program.fx} ({@code MISSING_FX_RATE} when the rate is absent).
 */
@Value.Immutable
@JsonSerialize(as = ImmutableFlatReward.class)
@JsonDeserialize(as = ImmutableFlatReward.class)
public interface FlatReward extends Reward {
    /** @return the amount, program currency */
    @Value.Parameter
    BigDecimal amount();

    /**
     * @param amount like {@code "5.00"}
     * @return the strategy
     */
    static FlatReward of(String amount) {
        return ImmutableFlatReward.of(new BigDecimal(amount));
    }

    @Override
    default void validate(String path, Trigger trigger, Currency programCurrency) {
        Plans.checkAmount(path + ".amount", amount(), programCurrency);
    }

    /** Outside a {@code recurring} node a flat amount pays the first payment only. */
    @Override
    default boolean paysAfterFirstPayment() {
        return false;
    }

    /** A flat amount is given in program currency: it converts to the event's. */
    @Override
    default boolean convertsCurrency() {
        return true;
    }

    @Override
    default RewardResult evaluate(RewardContext context) {
        if (context.isOneTimeSpent()) {
            return RewardResult.none(OneTime.explanation(context));
        }
        Ratio weight = context.weight();
        BigDecimal weighted = weight.times(amount(), 34, RoundingMode.HALF_EVEN);
        BigDecimal converted = context.fromProgramCurrency(weighted);
        BigDecimal flat = amount();
        Currency program = context.fx().programCurrency();
        Currency event = context.currency();
        return RewardResult.of(converted, Plans.lazy("flat", java.util.List.of(), () -> {
            StringBuilder text = new StringBuilder("flat ").append(Plans.show(flat, program));
            if (!weight.equals(Ratio.ONE)) {
                text.append(" × weight ").append(weight.toDecimalString());
            }
            if (!event.equals(program)) {
                text.append(" = ").append(Plans.show(converted, event));
            }
            return text.toString();
        }));
    }

    /** The amount is non-negative and below 10^15. */
    @Value.Check
    default void check() {
        if (amount().signum() < 0 || amount().precision() - amount().scale() > 15 || amount().scale() > 3) {
            throw Plans.invalid("amount", "\"" + amount().toPlainString() + "\" must be non-negative, below 10^15, with at most 3 decimals");
        }
    }
}
