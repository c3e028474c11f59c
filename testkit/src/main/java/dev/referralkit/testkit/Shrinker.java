package dev.referralkit.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reduces a failing history to a small one that still fails: delta debugging over the events
 * (drop halves, then quarters, … then single events, while the failure persists). The program and
 * partners are kept: they are the host's own plan.
 */
public final class Shrinker {
    private Shrinker() {
    }

    /**
     * @param history a history for which {@code failing} holds
     * @param failing the failure to keep
     * @return a history with as few events as this search finds, still failing
     */
    public static History minimize(History history, Predicate<History> failing) {
        List<JsonNode> events = new ArrayList<>(history.events());
        int chunk = Math.max(1, events.size() / 2);
        while (chunk >= 1) {
            boolean removed = false;
            for (int start = 0; start < events.size(); ) {
                List<JsonNode> candidate = new ArrayList<>(events.subList(0, start));
                candidate.addAll(events.subList(Math.min(events.size(), start + chunk), events.size()));
                if (candidate.size() < events.size() && failing.test(history.withEvents(candidate))) {
                    events = candidate;
                    removed = true;
                } else {
                    start += chunk;
                }
            }
            if (!removed) {
                chunk /= 2;
            }
        }
        return history.withEvents(events);
    }
}
