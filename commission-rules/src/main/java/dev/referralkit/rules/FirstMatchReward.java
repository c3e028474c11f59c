package dev.referralkit.rules;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.ledger.Explanation;
import dev.referralkit.reward.Reward;
import dev.referralkit.reward.RewardContext;
import dev.referralkit.reward.RewardResult;
import dev.referralkit.program.Trigger;
import java.util.Currency;
import java.util.ArrayList;
import java.util.List;
import org.immutables.value.Value;

/**
 * {@code firstMatch}: the reward of the first rule whose condition holds; no match pays nothing.
 * Rate changes over time are {@code firstMatch} on {@code payment.number} or {@code payment.month}
 * inside {@code recurring} (SPEC.md §5.2).
 */
@Value.Immutable
@JsonSerialize(as = ImmutableFirstMatchReward.class)
@JsonDeserialize(as = ImmutableFirstMatchReward.class)
public interface FirstMatchReward extends Reward {
    /** @return the rules, tried in order */
    List<Rule> rules();

    @Override
    default List<Child> children() {
        List<Child> children = new ArrayList<>(rules().size());
        for (int i = 0; i < rules().size(); i++) {
            children.add(new Child(Segments.rule(i), rules().get(i).reward()));
        }
        return children;
    }

    /** The rules' rewards are declared as children; their conditions here. */
    @Override
    default void declareFields(String path, java.util.function.BiConsumer<String, String> uses) {
        for (int i = 0; i < rules().size(); i++) {
            String at = path + ".rules[" + i + "].when";
            rules().get(i).when().ifPresent(c -> c.declareFields(at, uses));
        }
        Reward.super.declareFields(path, uses);
    }

    @Override
    default RewardResult evaluate(RewardContext context) {
        for (int i = 0; i < rules().size(); i++) {
            Rule rule = rules().get(i);
            if (rule.when().map(c -> c.test(context.fields())).orElse(true)) {
                RewardResult inner = rule.reward().evaluate(context.child(Segments.rule(i)));
                Explanation child = inner.explanation();
                int number = i + 1;
                boolean conditional = rule.when().isPresent();
                return inner.reshaped(inner.amount(), Plans.lazy("first_match", List.of(child),
                        () -> conditional ? child.text() + " (rule " + number + ")" : child.text()), null);
            }
        }
        return RewardResult.none(Plans.text("first_match", "no rule matched"));
    }

    /** There is at least one rule. */
    @Value.Check
    default void check() {
        if (rules().isEmpty()) {
            throw Plans.invalid("rules", "must not be empty");
        }
    }
}
