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

    static void validateAll(String path, List<Reward> rewards, Trigger trigger, Currency programCurrency) {
        for (int i = 0; i < rewards.size(); i++) {
            rewards.get(i).validate(path + ".rewards[" + i + "]", trigger, programCurrency);
        }
    }

    static void declareFieldsAll(String path, List<Reward> rewards, java.util.function.BiConsumer<String, String> uses) {
        for (int i = 0; i < rewards.size(); i++) {
            rewards.get(i).declareFields(path + ".rewards[" + i + "]", uses);
        }
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
        List<Reward> children = new ArrayList<>();
        if (reward instanceof SumReward) {
            children.addAll(((SumReward) reward).rewards());
        } else if (reward instanceof MaxReward) {
            children.addAll(((MaxReward) reward).rewards());
        } else if (reward instanceof CapReward) {
            children.add(((CapReward) reward).reward());
        } else if (reward instanceof RecurringReward) {
            children.add(((RecurringReward) reward).reward());
        } else if (reward instanceof FirstMatchReward) {
            ((FirstMatchReward) reward).rules().forEach(r -> children.add(r.reward()));
        } else if (reward instanceof TieredReward) {
            ((TieredReward) reward).tiers().forEach(t -> children.add(t.reward()));
        }
        for (Reward child : children) {
            if (containsFlat(child)) {
                return true;
            }
        }
        return false;
    }
}
