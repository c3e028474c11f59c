package dev.referralkit.attribution;

import java.util.List;

/**
 * Credit per channel over many journeys (SPEC.md §4.4): reporting, not payouts. Results are sorted
 * by channel name and do not depend on the order of the journeys.
 */
public interface JourneyModel {
    /** @return the model's name, like {@code markov} */
    String name();

    /**
     * @param journeys distinct paths with their outcomes
     * @return one credit per channel that appears in a journey, sorted by channel
     */
    List<ChannelCredit> credit(List<Journey> journeys);
}
