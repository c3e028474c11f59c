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
    default void validate(String path, Trigger trigger, Currency programCurrency) {
        Composites.validateAll(path, rewards(), trigger, programCurrency);
    }

    @Override
    default void declareFields(String path, java.util.function.BiConsumer<String, String> uses) {
        Composites.declareFieldsAll(path, rewards(), uses);
    }

    @Override
    default void declareVolumes(java.util.function.BiConsumer<dev.referralkit.program.Metric, dev.referralkit.program.Period> uses) {
        rewards().forEach(r -> r.declareVolumes(uses));
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
