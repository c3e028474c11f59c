package dev.referralkit.binding;

import dev.referralkit.money.Ratio;
import dev.referralkit.program.AttributionSettings;
import java.time.Instant;
import java.util.List;

/**
 * Turns qualifying touches into per-touch weights (SPEC.md §4.1 step 4). The engine sums weights
 * per partner, orders partners by first touch, credits only positive weights and normalises so
 * credits sum to exactly 1. Implementations must be pure and deterministic on every JVM (use
 * {@link StrictMath} where a power is needed).
 */
public interface BindingModel {
    /**
     * @param candidates the qualifying touches in time order (ties by input order), never empty
     * @param settings   the program's attribution settings (half-life, custom weights)
     * @param bindingAt  the binding event's instant
     * @return one non-negative weight per candidate, not all zero, in the same order
     */
    List<Ratio> weights(List<Candidate> candidates, AttributionSettings settings, Instant bindingAt);
}
