package dev.referralkit.engine.state;

import java.util.List;

/**
 * The one engine-wide record: the instant of the latest payout run (events not after it are
 * {@code LATE_EVENT}, SPEC.md §3) and the live buckets of remembered event ids (docs/engine.md §4).
 *
 * @param lastPayoutRun epoch nanoseconds of the latest payout run, or {@link Nanos#NONE}
 * @param eventBuckets  the buckets that hold remembered event ids, ascending
 */
public record EngineRecord(long lastPayoutRun, List<Integer> eventBuckets) implements StateRecord {
    /** The state of an engine with no history. */
    public static final EngineRecord INITIAL = new EngineRecord(Nanos.NONE, List.of());

    /** Copies the list. */
    public EngineRecord {
        eventBuckets = List.copyOf(eventBuckets);
    }

    @Override
    public RecordKind kind() {
        return RecordKind.ENGINE;
    }

    @Override
    public boolean sameKey(StateRecord other) {
        return other instanceof EngineRecord;
    }
}
