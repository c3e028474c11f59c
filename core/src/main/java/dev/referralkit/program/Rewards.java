package dev.referralkit.program;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.reward.Reward;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Up to one reward tree per trigger (SPEC.md §5). Overrides are per trigger: a partner's own
 * {@code click} beats its group's, which beats the program's, independently of {@code payment}.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableRewards.class)
@JsonDeserialize(as = ImmutableRewards.class)
@JsonPropertyOrder({"click", "lead", "payment"})
public interface Rewards {
    /** @return the reward per {@code link} touch */
    Optional<Reward> click();

    /** @return the reward for a customer's first lead */
    Optional<Reward> lead();

    /** @return the reward per payment */
    Optional<Reward> payment();

    /**
     * @param trigger a trigger
     * @return the tree for it
     */
    default Optional<Reward> forTrigger(Trigger trigger) {
        switch (trigger) {
            case CLICK:
                return click();
            case LEAD:
                return lead();
            default:
                return payment();
        }
    }

    /** @return no rewards at all */
    static Rewards none() {
        return ImmutableRewards.builder().build();
    }
}
