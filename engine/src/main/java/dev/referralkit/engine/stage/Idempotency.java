package dev.referralkit.engine.stage;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.engine.state.EngineRecord;
import dev.referralkit.engine.state.EventRecord;
import dev.referralkit.engine.state.IdHash;
import dev.referralkit.engine.state.Nanos;
import dev.referralkit.engine.state.StateStore;
import dev.referralkit.event.Event;
import dev.referralkit.program.EventIdRetention;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Idempotency and lateness (SPEC.md §3) with the event-id retention of docs/engine.md §4: an event id
 * already accepted with the same content fingerprint is {@code DUPLICATE}, with another
 * {@code DUPLICATE_CONFLICT}; then an event not after the latest payout run is {@code LATE_EVENT}.
 * Accepted ids are remembered in buckets: one bucket (0) when every id is kept, else one per UTC month of
 * the event's instant, forgotten by the first payout run at or after the month's end.
 */
public final class Idempotency {
    private final boolean monthly;

    /** @param retention the program's event-id retention */
    public Idempotency(EventIdRetention retention) {
        this.monthly = retention == EventIdRetention.UNTIL_PAYOUT_RUN;
    }

    /**
     * @param event       an event
     * @param fingerprint its content fingerprint ({@link Fingerprint#of})
     * @param store       the store
     * @throws ReferralKitException {@code DUPLICATE}, {@code DUPLICATE_CONFLICT} or {@code LATE_EVENT}
     */
    public void check(Event event, int fingerprint, StateStore store) {
        EngineRecord engine = store.engine();
        long hash = hash(event);
        List<Integer> buckets = engine.eventBuckets();
        for (int i = 0; i < buckets.size(); i++) {
            EventRecord seen = store.event(buckets.get(i), hash);
            if (seen != null) {
                if (seen.fingerprint() == fingerprint) {
                    throw ReferralKitException.of(RejectionCode.DUPLICATE, "id", event.id(),
                            "already accepted with identical content; nothing changed");
                }
                throw ReferralKitException.of(RejectionCode.DUPLICATE_CONFLICT, "id", event.id(),
                        "already accepted with different content");
            }
        }
        long last = engine.lastPayoutRun();
        if (last != Nanos.NONE && Nanos.of(event.at()) <= last) {
            throw ReferralKitException.of(RejectionCode.LATE_EVENT, "at", event.at().toString(),
                    "at " + event.at() + " is not after the payout run at " + Nanos.instant(last) + ", which settled everything up to it");
        }
    }

    /**
     * Remembers an accepted event's id.
     *
     * @param event       the event
     * @param fingerprint its fingerprint
     * @param tx          the event's transaction
     */
    public void remember(Event event, int fingerprint, Transaction tx) {
        long at = Nanos.of(event.at());
        int bucket = monthly ? month(at) : 0;
        EngineRecord engine = tx.store().engine();
        boolean newBucket = !engine.eventBuckets().contains(bucket);
        boolean later = engine.seenUntil() == Nanos.NONE || at >= engine.seenUntil();
        if (newBucket || later) {
            List<Integer> buckets = engine.eventBuckets();
            if (newBucket) {
                buckets = new ArrayList<>(buckets);
                buckets.add(bucket);
                buckets.sort(null);
            }
            // seenUntil moves a day at a time, so the engine record changes at most once per day of events
            long seen = later ? Math.floorDiv(at, Nanos.days(1)) * Nanos.days(1) + Nanos.days(1) : engine.seenUntil();
            tx.put(stored(tx.store()), engine.with(engine.lastPayoutRun(), buckets, seen));
        }
        tx.put(null, new EventRecord(bucket, hash(event), fingerprint));
    }

    /**
     * A payout run: records its instant and, with monthly buckets, forgets every bucket whose month ended
     * at or before it.
     *
     * @param at epoch nanoseconds of the run
     * @param tx the run's transaction
     */
    public void payoutRun(long at, Transaction tx) {
        EngineRecord engine = tx.store().engine();
        List<Integer> kept = new ArrayList<>(engine.eventBuckets().size());
        for (int bucket : engine.eventBuckets()) {
            if (monthly && monthEnd(bucket) <= at) {
                tx.forgetEvents(bucket);
            } else {
                kept.add(bucket);
            }
        }
        tx.put(stored(tx.store()), engine.with(at, kept, engine.seenUntil()));
    }

    /** The hash of the event last asked about, so that checking and remembering one event hashes its id once. */
    private Event hashed;
    private long hash;

    private long hash(Event event) {
        if (event != hashed) {
            hash = IdHash.hi(event.id());
            hashed = event;
        }
        return hash;
    }

    private static EngineRecord stored(StateStore store) {
        EngineRecord e = store.engine();
        return e == EngineRecord.INITIAL || e.equals(EngineRecord.INITIAL) ? null : e;
    }

    /** Months since January 1900, UTC: the bucket of an instant. */
    static int month(long at) {
        LocalDate date = LocalDate.ofInstant(Nanos.instant(at), ZoneOffset.UTC);
        return (date.getYear() - 1900) * 12 + date.getMonthValue() - 1;
    }

    static long monthEnd(int bucket) {
        int next = bucket + 1;
        return Nanos.of(LocalDate.of(1900 + next / 12, next % 12 + 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }
}
