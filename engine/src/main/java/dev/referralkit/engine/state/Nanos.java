package dev.referralkit.engine.state;

import java.time.Instant;

/**
 * Instants as epoch nanoseconds in a {@code long}: the form of every instant in a record. Event
 * instants are limited to [1900, 2200) (docs/engine.md §1), well inside the range of a {@code long}.
 */
public final class Nanos {
    /** No instant. */
    public static final long NONE = Long.MIN_VALUE;

    private Nanos() {
    }

    /**
     * @param at an instant
     * @return its epoch nanoseconds
     * @throws ArithmeticException outside about 1677–2262
     */
    public static long of(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano());
    }

    /**
     * @param nanos epoch nanoseconds, or {@link #NONE}
     * @return the instant, or null for {@link #NONE}
     */
    public static Instant instant(long nanos) {
        return nanos == NONE ? null : Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    /**
     * @param days whole days
     * @return them in nanoseconds
     */
    public static long days(long days) {
        return Math.multiplyExact(days, 86_400_000_000_000L);
    }
}
