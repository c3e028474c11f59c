package dev.referralkit.engine.state;

import java.util.List;

/**
 * The one engine-wide record: the instant of the latest payout run (events not after it are
 * {@code LATE_EVENT}, SPEC.md §3), the live buckets of remembered event ids (docs/engine.md §4), and the
 * fingerprints of the program the state was made with, so that any store can refuse a program it cannot
 * continue under (docs/lifecycle.md §4).
 *
 * @param lastPayoutRun epoch nanoseconds of the latest payout run, or {@link Nanos#NONE}
 * @param eventBuckets  the buckets that hold remembered event ids, ascending
 * @param seenUntil     no accepted event is at or after this instant (epoch nanoseconds, a UTC midnight), or
 *                      {@link Nanos#NONE}: what a program change must not reach back before (docs/lifecycle.md §4)
 * @param program       the program's fingerprints ({@code ProgramChange.fingerprints}); empty only before an
 *                      engine first opened the store
 */
public record EngineRecord(long lastPayoutRun, List<Integer> eventBuckets, long seenUntil, List<String> program) implements StateRecord {
    /** The state of a store no engine has opened. */
    public static final EngineRecord INITIAL = new EngineRecord(Nanos.NONE, List.of(), Nanos.NONE, List.of());

    /** Copies the lists. */
    public EngineRecord {
        eventBuckets = List.copyOf(eventBuckets);
        program = List.copyOf(program);
    }

    /**
     * @param lastPayoutRun the latest payout run
     * @param eventBuckets  the live buckets
     * @param seenUntil     the day after the latest accepted event
     * @return this record with those values, for the same program
     */
    public EngineRecord with(long lastPayoutRun, List<Integer> eventBuckets, long seenUntil) {
        return new EngineRecord(lastPayoutRun, eventBuckets, seenUntil, program);
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
