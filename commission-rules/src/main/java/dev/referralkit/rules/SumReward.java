package dev.referralkit.rules;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.ledger.Explanation;
import dev.referralkit.reward.Reward;
import dev.referralkit.reward.RewardContext;
import dev.referralkit.reward.RewardResult;
import dev.referralkit.program.Trigger;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.immutables.value.Value;

/** {@code sum}: the sum of the computed amounts of its rewards (all their state deltas apply). */
@Value.Immutable
@JsonSerialize(as = ImmutableSumReward.class)
@JsonDeserialize(as = ImmutableSumReward.class)
public interface SumReward extends Reward {
    /** @return the rewards added up */
    List<Reward> rewards();

    @Override
    default List<Child> children() {
        return Composites.children(rewards());
    }

    @Override
    default RewardResult evaluate(RewardContext context) {
        List<RewardResult> results = Composites.evaluateAll(context, rewards());
        BigDecimal total = BigDecimal.ZERO;
        List<Explanation> parts = new ArrayList<>();
        for (RewardResult r : results) {
            total = total.add(r.amount());
            parts.add(r.explanation());
        }
        return RewardResult.combine(results, total, Plans.lazy("sum", parts, () -> {
            List<String> texts = new ArrayList<>();
            parts.forEach(p -> texts.add(p.text()));
            return String.join(" + ", texts);
        }));
    }

    /** There is at least one reward. */
    @Value.Check
    default void check() {
        Composites.requireSome(rewards());
    }
}
