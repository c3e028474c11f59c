package dev.referralkit.reward;

import dev.referralkit.program.Metric;
import dev.referralkit.program.Period;
import dev.referralkit.program.Trigger;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Objects;

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
     * A child node of a composite reward, and the segment its JSON path adds ({@code reward},
     * {@code rewards[1]}, {@code tiers[0].reward}, {@code rules[2].reward}).
     *
     * @param segment the path segment
     * @param reward  the child
     */
    record Child(String segment, Reward reward) {
        /** Checks the fields. */
        public Child {
            Objects.requireNonNull(segment, "segment");
            Objects.requireNonNull(reward, "reward");
        }
    }

    /**
     * The node's children, each with its path segment: what validation and the declarations below walk,
     * so that a composite names its children once. A leaf has none.
     *
     * @return the children, in order
     */
    default List<Child> children() {
        return List.of();
    }

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
        for (Child c : children()) {
            c.reward().validate(path + "." + c.segment(), trigger, programCurrency);
        }
    }

    /**
     * Declares the volumes this node and its children read through {@link RewardContext#volumes()}: the
     * engine tracks only declared volumes (a volume read without being declared is a programming error,
     * refused with {@link IllegalStateException}). Composite nodes pass the call to their children.
     *
     * @param uses receives each (metric, period) read
     */
    default void declareVolumes(java.util.function.BiConsumer<Metric, Period> uses) {
        for (Child c : children()) {
            c.reward().declareVolumes(uses);
        }
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
        for (Child c : children()) {
            c.reward().declareFields(path + "." + c.segment(), uses);
        }
    }

    /**
     * Whether this tree may pay a payment after the customer's first (SPEC.md §5.2): a {@code recurring}
     * node on some path does; a percentage or a flat amount alone does not. The engine does not evaluate a
     * tree that cannot on a later payment. A composite may when a child may; a leaf of a host's own is
     * assumed to unless it says otherwise.
     *
     * @return true if a payment after the first may earn something
     */
    default boolean paysAfterFirstPayment() {
        List<Child> children = children();
        if (children.isEmpty()) {
            return true;
        }
        for (Child c : children) {
            if (c.reward().paysAfterFirstPayment()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether evaluating this node (or a child) may convert an amount between the program currency and the
     * event's: then a payment in a currency the program has no rate for cannot be priced, and is
     * {@code MISSING_FX_RATE} (SPEC.md §6) — decided before pricing, from the plans of the partners it
     * credits (docs/engine.md §5). A composite converts when a child does; a leaf of a host's own is assumed
     * to convert unless it says otherwise.
     *
     * @return true if a rate may be needed
     */
    default boolean convertsCurrency() {
        List<Child> children = children();
        if (children.isEmpty()) {
            return true;
        }
        for (Child c : children) {
            if (c.reward().convertsCurrency()) {
                return true;
            }
        }
        return false;
    }
}
