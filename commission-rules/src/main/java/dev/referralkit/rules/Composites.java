package dev.referralkit.rules;

import dev.referralkit.reward.Reward;
import dev.referralkit.reward.RewardContext;
import dev.referralkit.reward.RewardResult;
import dev.referralkit.program.Trigger;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/** Shared walking of composite strategies. */
final class Composites {
    private Composites() {
    }

    static List<Reward.Child> children(List<Reward> rewards) {
        List<Reward.Child> children = new ArrayList<>(rewards.size());
        for (int i = 0; i < rewards.size(); i++) {
            children.add(new Reward.Child(Segments.reward(i), rewards.get(i)));
        }
        return children;
    }

    static void requireSome(List<Reward> rewards) {
        if (rewards.isEmpty()) {
            throw Plans.invalid("rewards", "must not be empty");
        }
    }

    static List<RewardResult> evaluateAll(RewardContext context, List<Reward> rewards) {
        List<RewardResult> results = new ArrayList<>(rewards.size());
        for (int i = 0; i < rewards.size(); i++) {
            results.add(rewards.get(i).evaluate(context.child(Segments.reward(i))));
        }
        return results;
    }

    /** Whether a tree pays a flat amount anywhere (built-in nodes only; a host node is opaque). */
    static boolean containsFlat(Reward reward) {
        if (reward instanceof FlatReward) {
            return true;
        }
        for (Reward.Child c : reward.children()) {
            if (containsFlat(c.reward())) {
                return true;
            }
        }
        return false;
    }
}
