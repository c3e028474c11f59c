package dev.referralkit.rules;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.reward.RewardContext;
import java.util.List;
import org.immutables.value.Value;

/** {@code {all: [...]}}: every condition holds. */
@Value.Immutable
@JsonSerialize(as = ImmutableAllCondition.class)
@JsonDeserialize(as = ImmutableAllCondition.class)
public interface AllCondition extends Condition {
    /** @return the conditions */
    @Value.Parameter
    List<Condition> all();

    @Override
    default void declareFields(String path, java.util.function.BiConsumer<String, String> uses) {
        for (int i = 0; i < all().size(); i++) {
            all().get(i).declareFields(path + ".all[" + i + "]", uses);
        }
    }

    @Override
    default boolean test(RewardContext.Fields fields) {
        for (Condition c : all()) {
            if (!c.test(fields)) {
                return false;
            }
        }
        return true;
    }
}
