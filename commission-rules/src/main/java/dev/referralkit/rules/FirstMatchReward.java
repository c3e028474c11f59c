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
    default void validate(String path, Trigger trigger, Currency programCurrency) {
        for (int i = 0; i < rules().size(); i++) {
            Rule rule = rules().get(i);
            String at = path + ".rules[" + i + "]";
            rule.when().ifPresent(c -> c.validate(at + ".when"));
            rule.reward().validate(at + ".reward", trigger, programCurrency);
        }
    }

    @Override
    default void declareFields(String path, java.util.function.BiConsumer<String, String> uses) {
        for (int i = 0; i < rules().size(); i++) {
            Rule rule = rules().get(i);
            String at = path + ".rules[" + i + "]";
            rule.when().ifPresent(c -> c.declareFields(at + ".when", uses));
            rule.reward().declareFields(at + ".reward", uses);
        }
    }

    @Override
    default void declareVolumes(java.util.function.BiConsumer<dev.referralkit.program.Metric, dev.referralkit.program.Period> uses) {
        rules().forEach(r -> r.reward().declareVolumes(uses));
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
