package dev.referralkit.reward;

import dev.referralkit.program.Metric;
import dev.referralkit.program.Period;
import dev.referralkit.program.Trigger;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A node of a reward tree: the commission strategy SPI (SPEC.md §5). JSON names the node by
 * {@code "type"}; names are registered through {@link dev.referralkit.json.JsonTypeProvider}
 * (never class names). The built-ins are {@code percent}, {@code flat}, {@code tiered},
 * {@code recurring}, {@code firstMatch}, {@code sum}, {@code max} and {@code cap}.
 *
 * <p><b>Evaluation is pure.</b> A node reads only its {@link RewardContext} (the partner's base share,
 * weight, payment number and month, volumes, cap usage, fx) and returns a {@link RewardResult}: the
 * exact amount, its explanation, and the state deltas (cap usage, retroactive tier pricing) for the
 * engine to apply. It never mutates shared state, so the engine can decide, roll back or replay.
 *
 * <p>A host's own strategy: implement this interface as an Immutables value (or any Jackson-readable
 * class), register its name in a {@code JsonTypeProvider}, and it loads like a built-in.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface Reward {
    /**
     * Computes the reward for one credited partner and one event.
     *
     * @param context what the node may read; never null
     * @return the exact amount in the event's currency (never negative for a non-negative base),
     *         its explanation and state deltas; never null
     * @throws dev.referralkit.ReferralKitException {@code MISSING_FX_RATE} when a needed rate is absent
     */
    RewardResult evaluate(RewardContext context);

    /**
     * Checks the node in its place in the plan, after JSON reading (which already checked each
     * node's own fields). Composite nodes check their children.
     *
     * @param path            the node's JSON path, for messages, like {@code rewards.payment.tiers[1].reward}
     * @param trigger         the trigger the tree pays for
     * @param programCurrency the program currency, in which flat amounts and caps are given
     * @throws dev.referralkit.ReferralKitException {@code INVALID_PROGRAM} naming the path
     */
    default void validate(String path, Trigger trigger, java.util.Currency programCurrency) {
    }

    /**
     * Declares the volumes this node and its children read through {@link RewardContext#volumes()}: the
     * engine tracks only declared volumes (a volume read without being declared is a programming error,
     * refused with {@link IllegalStateException}). Composite nodes pass the call to their children.
     *
     * @param uses receives each (metric, period) read
     */
    default void declareVolumes(java.util.function.BiConsumer<Metric, Period> uses) {
    }

    /**
     * Declares the condition fields this node and its children read (like {@code event.product}), each
     * with the dotted path of the key that names it, so that a program checks them at load against the
     * built-in fields and its declared {@code attributes} ({@code dev.referralkit.program.ConditionFields}).
     * Composite nodes pass the call to their children with the paths {@link #validate} gives them. A
     * node with conditions that does not declare them is not checked (its typos pass silently).
     *
     * @param path this node's dotted path, like {@code rewards.payment}
     * @param uses receives the path of each field's key (like {@code rewards.payment.rules[0].when.field})
     *             and the field
     */
    default void declareFields(String path, java.util.function.BiConsumer<String, String> uses) {
    }
}
