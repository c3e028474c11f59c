package dev.referralkit.rules;

import dev.referralkit.ledger.Explanation;
import dev.referralkit.reward.RewardContext;

/**
 * SPEC.md §5.2: without a {@code recurring} node on its path, a payment reward pays the customer's
 * first payment only. Leaf strategies ask {@link RewardContext#isOneTimeSpent()} and explain with this.
 */
final class OneTime {
    private OneTime() {
    }

    static Explanation explanation(RewardContext context) {
        int number = context.paymentNumber();
        return Plans.lazy("one_time", java.util.List.of(),
                () -> "one-time reward: payment " + number + " is not the customer's first");
    }
}
