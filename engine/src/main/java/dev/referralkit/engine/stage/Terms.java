package dev.referralkit.engine.stage;

import dev.referralkit.engine.state.Nanos;
import dev.referralkit.program.Program;
import dev.referralkit.program.Version;
import java.util.List;

/**
 * Which terms price an event (docs/lifecycle.md §4): the latest version in force at the event, skipping
 * every version that grandfathers and started after the customer was bound; −1 for the base program.
 */
final class Terms {
    private final long[] from;
    private final boolean[] grandfather;
    private final boolean anyGrandfather;

    Terms(Program program) {
        List<Version> versions = program.versions();
        from = new long[versions.size()];
        grandfather = new boolean[versions.size()];
        boolean any = false;
        for (int i = 0; i < versions.size(); i++) {
            from[i] = Nanos.of(versions.get(i).from());
            grandfather[i] = versions.get(i).grandfather();
            any |= grandfather[i];
        }
        anyGrandfather = any;
    }

    /** @return whether a customer's binding instant must be kept (a version grandfathers) */
    boolean needsBoundAt() {
        return anyGrandfather;
    }

    /**
     * @param at      epoch nanoseconds of the event
     * @param boundAt epoch nanoseconds of the customer's binding, or {@link Nanos#NONE} when the state did not
     *                keep it: it was bound while the program had no grandfathering version, so before every
     *                grandfathering version it has now (a version is added only after the events seen so far)
     * @return the version index, or −1
     */
    int version(long at, long boundAt) {
        for (int i = from.length - 1; i >= 0; i--) {
            if (from[i] <= at && !(grandfather[i] && (boundAt == Nanos.NONE || boundAt < from[i]))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * @param at epoch nanoseconds of an event that belongs to no binding (a click)
     * @return the version in force at it, or −1
     */
    int versionAt(long at) {
        for (int i = from.length - 1; i >= 0; i--) {
            if (from[i] <= at) {
                return i;
            }
        }
        return -1;
    }
}
