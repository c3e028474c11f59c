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
    default boolean test(RewardContext.Fields fields) {
        for (Condition c : any()) {
            if (c.test(fields)) {
                return true;
            }
        }
        return false;
    }
}
