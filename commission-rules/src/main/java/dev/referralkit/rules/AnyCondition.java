package dev.referralkit.rules;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.reward.RewardContext;
import java.util.List;
import org.immutables.value.Value;

/** {@code {any: [...]}}: at least one condition holds. */
@Value.Immutable
@JsonSerialize(as = ImmutableAnyCondition.class)
@JsonDeserialize(as = ImmutableAnyCondition.class)
public interface AnyCondition extends Condition {
    /** @return the conditions */
    @Value.Parameter
    List<Condition> any();

    @Override
    default void declareFields(String path, java.util.function.BiConsumer<String, String> uses) {
        for (int i = 0; i < any().size(); i++) {
            any().get(i).declareFields(path + ".any[" + i + "]", uses);
        }
    }

    @Override
    default boolean test(RewardContext.Fields fields) {
        for (Condition c : any()) {
            if (c.test(fields)) {
                return true;
            }
        }
        return false;
    }
}
