package dev.referralkit.rules;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.ledger.Explanation;
import dev.referralkit.reward.Reward;
import dev.referralkit.reward.RewardContext;
import dev.referralkit.reward.RewardResult;
import dev.referralkit.program.Trigger;
import java.util.Currency;
import java.util.List;
import org.immutables.value.Value;

/**
 * {@code max}: the greatest of the computed amounts of its rewards — amounts are compared, never raw
 * parameters, so 10 % of 1000 beats a flat 50. Ties go to the earlier reward; only the chosen
 * reward's state deltas apply.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableMaxReward.class)
@JsonDeserialize(as = ImmutableMaxReward.class)
public interface MaxReward extends Reward {
    /** @return the rewards compared */
    List<Reward> rewards();

    @Override
    default List<Child> children() {
        return Composites.children(rewards());
    }

    @Override
    default RewardResult evaluate(RewardContext context) {
        List<RewardResult> results = Composites.evaluateAll(context, rewards());
        int best = 0;
        for (int i = 1; i < results.size(); i++) {
            if (results.get(i).amount().compareTo(results.get(best).amount()) > 0) {
                best = i;
            }
        }
        RewardResult chosen = results.get(best);
        Explanation child = chosen.explanation();
        int index = best + 1;
        int n = results.size();
        return chosen.reshaped(chosen.amount(), Plans.lazy("max", List.of(child),
                () -> child.text() + " (greatest of " + n + ": option " + index + ")"), null);
    }

    /** There is at least one reward. */
    @Value.Check
    default void check() {
        Composites.requireSome(rewards());
    }
}
