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
@JsonPropertyOrder({"click", "lead", "payment", "stages"})
public interface Rewards {
    /** @return the reward per {@code link} touch */
    Optional<Reward> click();

    /** @return the reward for a customer's first lead */
    Optional<Reward> lead();

    /** @return the reward per payment */
    Optional<Reward> payment();

    /**
     * @return the reward when a lead reaches a stage, by stage name (extension, docs/lifecycle.md §1);
     *         {@link #forTrigger} gives none of them: use {@link #forStage}
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
    java.util.Map<String, Reward> stages();

    /**
     * @param stage a lead stage
     * @return the tree for it
     */
    default Optional<Reward> forStage(String stage) {
        return Optional.ofNullable(stages().get(stage));
    }

    /**
     * One reward tree of a set, with where it sits.
     *
     * @param key     {@code click}, {@code lead}, {@code payment} or {@code stages.<stage>}
     * @param trigger what it pays for
     * @param reward  the tree
     */
    record Tree(String key, Trigger trigger, Reward reward) {
    }

    /** @return every tree of the set, in JSON order (stages by name) */
    default java.util.List<Tree> trees() {
        java.util.List<Tree> trees = new java.util.ArrayList<>();
        click().ifPresent(r -> trees.add(new Tree("click", Trigger.CLICK, r)));
        lead().ifPresent(r -> trees.add(new Tree("lead", Trigger.LEAD, r)));
        payment().ifPresent(r -> trees.add(new Tree("payment", Trigger.PAYMENT, r)));
        new java.util.TreeMap<>(stages()).forEach((stage, r) -> trees.add(new Tree("stages." + stage, Trigger.STAGE, r)));
        return trees;
    }
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
            case PAYMENT:
                return payment();
            default:
                return Optional.empty();
        }
    }

    /** @return no rewards at all */
    static Rewards none() {
        return ImmutableRewards.builder().build();
    }
}
