package dev.referralkit.rules;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.ledger.Explanation;
import dev.referralkit.program.CapScope;
import dev.referralkit.reward.CapUse;
import dev.referralkit.reward.Reward;
import dev.referralkit.reward.RewardContext;
import dev.referralkit.reward.RewardResult;
import dev.referralkit.program.Trigger;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import org.immutables.value.Value;

/**
 * {@code cap}: at most {@code max} (program currency) of its reward per partner and scope
 * ({@code event}, {@code customer}, {@code partner_month}, {@code partner_lifetime}). The cap
 * applies to the exact amount before rounding; usage is tracked in program currency (exact) and
 * reversals do not restore headroom (SPEC.md §5). The cap's identity is its JSON path in the plan.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableCapReward.class)
@JsonDeserialize(as = ImmutableCapReward.class)
@JsonPropertyOrder({"max", "per", "reward"})
public interface CapReward extends Reward {
    /** @return the capped reward */
    Reward reward();

    /** @return the most it pays per scope, program currency */
    BigDecimal max();

    /** @return the scope */
    CapScope per();

    @Override
    default List<Child> children() {
        return List.of(new Child("reward", reward()));
    }

    @Override
    default void validate(String path, Trigger trigger, Currency programCurrency) {
        Plans.checkAmount(path + ".max", max(), programCurrency);
        Reward.super.validate(path, trigger, programCurrency);
    }

    /** A cap compares what its reward pays with a maximum in program currency: it converts. */
    @Override
    default boolean convertsCurrency() {
        return true;
    }

    @Override
    default RewardResult evaluate(RewardContext context) {
        RewardResult inner = reward().evaluate(context.child("reward"));
        BigDecimal used = per() == CapScope.EVENT ? BigDecimal.ZERO : context.caps().used(context.path(), per());
        BigDecimal headroom = max().subtract(used).max(BigDecimal.ZERO);
        BigDecimal wanted = context.toProgramCurrency(inner.amount());
        Explanation child = inner.explanation();
        if (wanted.compareTo(headroom) <= 0) {
            return inner.reshaped(inner.amount(), child, new CapUse(context.path(), per(), wanted));
        }
        BigDecimal allowed = context.fromProgramCurrency(headroom);
        BigDecimal max = max();
        CapScope per = per();
        Currency program = context.fx().programCurrency();
        return inner.reshaped(allowed, Plans.lazy("cap", List.of(child), () -> child.text() + ", capped at "
                        + Plans.show(max, program) + " per " + per.jsonName() + " (" + Plans.show(used, program) + " used before)"),
                new CapUse(context.path(), per(), headroom));
    }

    /** The maximum is non-negative and bounded. */
    @Value.Check
    default void check() {
        if (max().signum() < 0 || max().precision() - max().scale() > 15 || max().scale() > 3) {
            throw Plans.invalid("max", "\"" + max().toPlainString() + "\" must be non-negative, below 10^15, with at most 3 decimals");
        }
    }
}
