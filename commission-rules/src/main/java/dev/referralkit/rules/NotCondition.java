package dev.referralkit.rules;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.reward.RewardContext;
import org.immutables.value.Value;

/** {@code {not: {...}}}: the condition does not hold. */
@Value.Immutable
@JsonSerialize(as = ImmutableNotCondition.class)
@JsonDeserialize(as = ImmutableNotCondition.class)
public interface NotCondition extends Condition {
    /** @return the negated condition */
    @Value.Parameter
    Condition not();

    @Override
    default void declareFields(String path, java.util.function.BiConsumer<String, String> uses) {
        not().declareFields(path + ".not", uses);
    }

    @Override
    default boolean test(RewardContext.Fields fields) {
        return !not().test(fields);
    }
}
