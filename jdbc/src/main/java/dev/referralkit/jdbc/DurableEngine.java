package dev.referralkit.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.engine.Outcome;
import dev.referralkit.engine.ReferralEngine;
import dev.referralkit.engine.stage.Change;
import dev.referralkit.engine.stage.Fingerprint;
import dev.referralkit.engine.state.InMemoryStateStore;
import dev.referralkit.engine.state.RecordCodec;
import dev.referralkit.engine.state.RecordKind;
import dev.referralkit.engine.state.StateRecord;
import dev.referralkit.event.Event;
import dev.referralkit.jdbc.StoreException.Code;
import dev.referralkit.jdbc.internal.Await;
import dev.referralkit.jdbc.internal.Batch;
import dev.referralkit.jdbc.internal.JdbcStore;
import dev.referralkit.jdbc.internal.JournalRow;
import dev.referralkit.jdbc.internal.PrefixDeletion;
import dev.referralkit.jdbc.internal.RecordKey;
import dev.referralkit.jdbc.internal.StateChange;
import dev.referralkit.jdbc.internal.StoredDeletion;
import dev.referralkit.jdbc.internal.StoredRecord;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.ledger.Balance;
import dev.referralkit.ledger.Entry;
import dev.referralkit.ledger.Payout;
import dev.referralkit.ledger.Rejection;
import dev.referralkit.program.EventIdRetention;
import dev.referralkit.program.Partner;
import dev.referralkit.program.Program;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine on a database: every accepted event, its entries, its payout records and the engine's
 * changed records are stored in one transaction before the outcome is returned, and a new process
 * continues exactly where the last one stopped. PostgreSQL in production, H2 in a file embedded.
 *
 * <pre>{@code
 * try (DurableEngine engine = DurableEngine.open(dataSource, program, partners)) {
 *     Outcome outcome = engine.process(event);      // stored when it returns
 * }
 * }</pre>
 *
 * <h2>Opening is recovering</h2>
 * {@link #open} connects, migrates the schema (Flyway), and reads the engine's state back (the
 * checkpoint and the state log after it, below) into an {@link InMemoryStateStore}; then {@link ReferralEngine#prepare} and
 * {@link ReferralEngine#open} continue from it. Preparing may write records — the engine record with the
 * program's fingerprints the first time, or with versions added (docs/lifecycle.md §4), and the records of
 * partners not yet stored — and returns them; they are stored in one transaction before {@code open}
 * returns. A program the state cannot continue
 * under is refused by the engine ({@code INVALID_PROGRAM}, saying what changed) and nothing is written.
 *
 * <h2>One transaction per call</h2>
 * {@link #process(Event)} is {@link #processAll} of one event. {@code processAll} runs the events through
 * the in-memory engine in order, then writes in one transaction the journal rows of the accepted events,
 * the records they changed ({@link Outcome#changes()}: a put, a deletion, or every remembered id of a
 * forgotten bucket), their entries and their payout records. Rejected events (a {@code DUPLICATE} among
 * them) write nothing. Outcomes and stored rows are the same whether N events go in one call or in N
 * calls. If the transaction fails, the in-memory engine is undone ({@link ReferralEngine#undo}) so that
 * memory is what the database holds, and the failure is thrown as a {@link StoreException}; the events
 * may be given again. A payout run that forgot event ids cannot be undone in memory; the engine is then
 * rebuilt from the database (the database is the truth). If the connection broke during the commit, so
 * that whether it happened is unknown, the engine is rebuilt from the database before the next call.
 *
 * <p>A call with more than 250 events is pipelined: its accepted events' rows go to the store's writer
 * thread in parts, which it sends inside the call's one open transaction while the engine computes the
 * next events; the call commits after the last part. The database thus works while the engine does. A
 * part is sent when 250 accepted events are waiting, or when at least 50 are and the writer has nothing to
 * do (so the first part does not wait for 250; the database is the slower side and later parts grow to
 * 250). The caller's thread also encodes each part as the database takes it, so that the writer only sends
 * it. Where the parts end depends on timing: the journal, the ledger and the payouts get the same rows
 * either way, and the state log, split into different rows (so its size and the moment of the next
 * checkpoint vary), folds to the same records. If a part fails, the later parts are skipped, the
 * transaction is rolled back and the engine undone, exactly as when one write fails: nothing of the call is
 * stored. Each part's record changes are a state log row of their own.
 *
 * <h2>State log and checkpoints</h2>
 * The engine's records are not stored one row each: a transaction stores the changes of its events as one
 * row of a state log, in order (a put, a deletion, or every remembered id of a forgotten bucket). The
 * state is a checkpoint (every record, in rows of about a megabyte) plus the log after it, folded in order;
 * opening reads exactly that. After a write, when the log after the checkpoint holds at least
 * {@code checkpointBytes} ({@link #DEFAULT_CHECKPOINT_BYTES} unless opened with another) and at least
 * twice as many bytes as the checkpoint, a new checkpoint is written from memory in a transaction of its
 * own (the engine's thread encodes each row while the writer thread inserts the one before), and the log it
 * covers is deleted with the old checkpoint. So checkpoints write at most half a byte per byte logged, plus
 * what the state grew meanwhile (at most 1.5 bytes in all), whatever the state's size, and opening reads at
 * most about three times the state. A checkpoint that fails loses nothing and does not fail the call (its
 * events are stored): the log still holds what the checkpoint would have, a warning is logged, and it is
 * tried again once the log has doubled. A checkpoint is refused ({@code CONFLICT}) if another writer has
 * written to the store since this engine read it, so that it never replaces newer state with older. A store
 * written before the log (schema version 2, a row per record in {@code rk_state}) is read as the base under
 * the log and emptied by the first checkpoint.
 *
 * <h2>Idempotency</h2>
 * The engine's own records of accepted event ids are stored with its state, so an event given again
 * after a crash is a {@code DUPLICATE} (or {@code DUPLICATE_CONFLICT}) like any re-delivery. Under
 * {@code retention.eventIds: "until_payout_run"} the engine forgets ids (docs/engine.md §4) but the
 * journal never does: each call then looks its ids up in the journal first (one query), so an id accepted
 * before is a {@code DUPLICATE} (same content) or {@code DUPLICATE_CONFLICT} (other content) — SPEC.md §3
 * exactly — where the in-memory engine would answer {@code LATE_EVENT}, or accept a reused id as new.
 * The unique constraints on event ids, entry ids and settled entries are the backstop.
 *
 * <h2>Threads and writers</h2>
 * Thread-safe: calls are serialised. One durable engine writes a store at a time; a second writer's
 * transactions collide on the journal's positions and are refused ({@code CONFLICT}). The first pipelined
 * call starts one daemon thread, {@code referralkit-store-writer}, which ends after 30 idle seconds or at
 * {@link #close()}; the store's connection is used by one thread at a time.
 */
public final class DurableEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DurableEngine.class);

    /**
     * Accepted events per part of a pipelined transaction: a call with more events than this writes each
     * part while the engine computes the next.
     */
    static final int PART = 250;
    /**
     * The fewest accepted events sent as a part while the writer is idle. The writer is the slower side:
     * the call's first part goes out at this size instead of waiting for {@link #PART} events, and later
     * parts grow to {@code PART} while the writer is busy.
     */
    static final int SMALLEST_PART = 50;
    /**
     * Parts of a pipelined call that may wait for the writer: the caller then waits for the oldest before
     * sending another, so that a long call never holds more than this many encoded parts.
     */
    static final int MOST_WAITING = 3;

    /** The default least state log worth a checkpoint: 8 MiB. */
    public static final long DEFAULT_CHECKPOINT_BYTES = 8L << 20;

    private final DataSource dataSource;
    private final Program program;
    private final List<Partner> partners;
    private final long checkpointBytes;
    /** Event ids are looked up in the journal: the engine forgets some. */
    private final boolean journalLookUp;
    private JdbcStore store;
    /** The engine over the state the database holds; null when it must be rebuilt from the database. */
    private ReferralEngine engine;
    /** The engine's records, which a checkpoint writes; replaced with the engine. */
    private InMemoryStateStore state;
    private String lastEventId;
    private boolean closed;
    /** After a failed checkpoint, the state log's size at which the next is tried; 0 otherwise. */
    private long checkpointRetryAt;
    /** The store's writer thread for pipelined calls; null until one needs it. */
    private ExecutorService writer;

    private DurableEngine(DataSource dataSource, Program program, List<Partner> partners, long checkpointBytes) {
        this.dataSource = dataSource;
        this.program = program;
        this.partners = partners;
        this.checkpointBytes = checkpointBytes;
        this.journalLookUp = program.retention().eventIds() == EventIdRetention.UNTIL_PAYOUT_RUN;
    }

    /**
     * Opens the store and continues from what it holds: migrates the schema, reads the engine's records
     * back, and stores what the engine writes when it opens.
     *
     * @param dataSource where the store is (a pool, or {@link UrlDataSource}), not null; one of its
     *                   connections stays open until {@link #close()}
     * @param program    the program the store's state was made with, or that program with versions added
     *                   (docs/lifecycle.md §4); any program for a new store
     * @param partners   the program's initial partners (partners already stored keep their stored
     *                   definition; changes arrive as {@code partner} events)
     * @return the engine, open
     * @throws ReferralKitException {@code INVALID_PROGRAM} for an invalid program or partners, or a program
     *                              the stored state cannot continue under (the message says what changed)
     * @throws StoreException       {@code UNREACHABLE}, {@code BAD_CREDENTIALS}, {@code SCHEMA_TOO_NEW} (a
     *                              schema, record format or kind of record newer than this library; nothing
     *                              written), {@code SCHEMA_INVALID}, {@code UNSUPPORTED_DATABASE}, {@code FAILED}
     */
    public static DurableEngine open(DataSource dataSource, Program program, List<Partner> partners) {
        return open(dataSource, program, partners, DEFAULT_CHECKPOINT_BYTES);
    }

    /**
     * Opens the store as {@link #open(DataSource, Program, List)}, with the least state log worth a
     * checkpoint (see "State log and checkpoints" above).
     *
     * @param dataSource      as {@link #open(DataSource, Program, List)}
     * @param program         as {@link #open(DataSource, Program, List)}
     * @param partners        as {@link #open(DataSource, Program, List)}
     * @param checkpointBytes the least bytes of state log after which a checkpoint is written, from 1;
     *                        {@link #DEFAULT_CHECKPOINT_BYTES} by default. Smaller: faster opening, more
     *                        checkpoints.
     * @return the engine, open
     * @throws IllegalArgumentException if {@code checkpointBytes} is below 1
     */
    public static DurableEngine open(DataSource dataSource, Program program, List<Partner> partners, long checkpointBytes) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(partners, "partners");
        if (checkpointBytes < 1) {
            throw new IllegalArgumentException("checkpointBytes must be at least 1, is " + checkpointBytes);
        }
        program.validate();
        DurableEngine durable = new DurableEngine(dataSource, program, List.copyOf(partners), checkpointBytes);
        durable.recover();
        return durable;
    }

    // ------------------------------------------------------------------ recovery

    /** Opens the store if needed, and rebuilds the engine from it. */
    private void recover() {
        engine = null;
        state = null;
        if (store == null) {
            store = JdbcStore.open(dataSource);
        }
        try {
            store.claim(RecordCodec.VERSION);
            InMemoryStateStore state = new InMemoryStateStore();
            long[] records = {0};
            store.readState(r -> {
                put(state, r);
                records[0]++;
            });
            // preparing the state may write (the program's fingerprints, partners not yet stored): those records
            // are stored before the first event; open then finds nothing left to write
            List<StateChange> opened = new ArrayList<>();
            for (StateRecord written : ReferralEngine.prepare(program, partners, state)) {
                opened.add(stored(written));
            }
            ReferralEngine continued = ReferralEngine.open(program, partners, state);
            if (!opened.isEmpty()) {
                store.write(new Batch(List.of(), opened, List.of(), List.of()));
            }
            engine = continued;
            this.state = state;
            lastEventId = store.lastEventId().orElse(null);
            checkpointIfDue();
            LOG.debug("ReferralKit store: {} records read back, {} events journaled", records[0], store.journalSize());
        } catch (RuntimeException e) {
            closeStore();
            throw e;
        }
    }

    /** Decodes a stored record into the in-memory state, in our words when it cannot be read. */
    private static void put(InMemoryStateStore state, StoredRecord r) {
        byte[] key = r.key().key();
        byte[] value = r.value();
        StateRecord record;
        try {
            if ((key[0] & 0xFF) != r.key().kind()) {
                throw new IllegalArgumentException("its kind column says " + r.key().kind());
            }
            record = RecordCodec.decode(key, value);
        } catch (IllegalArgumentException e) {
            try {
                RecordKind.of(key[0]);
            } catch (IllegalArgumentException unknown) {
                throw StoreException.of(Code.SCHEMA_TOO_NEW, "the store holds records of kind " + (key[0] & 0xFF)
                        + ", unknown to this library: use a newer ReferralKit", null, e);
            }
            if (value.length > 0 && (value[0] & 0xFF) > RecordCodec.VERSION) {
                throw StoreException.of(Code.SCHEMA_TOO_NEW, "the store holds records in format " + (value[0] & 0xFF)
                        + ", newer than this library's " + RecordCodec.VERSION + ": use a newer ReferralKit", null, e);
            }
            throw damaged(r, e);
        }
        try {
            state.put(record);
        } catch (IllegalArgumentException e) {
            throw damaged(r, e);
        }
    }

    private static StoreException damaged(StoredRecord r, RuntimeException e) {
        return StoreException.of(Code.SCHEMA_INVALID, "the store's record " + HexFormat.of().formatHex(r.key().key())
                + " cannot be read: " + e.getMessage(), null, e);
    }

    private static StoredRecord stored(StateRecord record) {
        return stored(RecordCodec.key(record), RecordCodec.value(record));
    }

    private static StoredRecord stored(byte[] key, byte[] value) {
        return new StoredRecord(key(key), value[0] & 0xFF, value);
    }

    /** A record's key as stored: the kind column is the key's first byte; the key bytes are the whole key. */
    private static RecordKey key(byte[] key) {
        return new RecordKey(key[0] & 0xFF, key);
    }

    private static PrefixDeletion prefix(byte[] prefix) {
        return new PrefixDeletion(prefix[0] & 0xFF, prefix);
    }

    /** One change of an outcome as the store writes it. */
    private static StateChange change(Change change) {
        byte[] key = change.keyBytes();
        if (change instanceof Change.ForgottenEvents) {
            return prefix(key);
        }
        Optional<byte[]> value = change.valueBytes();
        return value.isPresent() ? stored(key, value.get()) : new StoredDeletion(key(key));
    }

    private ReferralEngine live() {
        if (closed) {
            throw new IllegalStateException("this durable engine is closed");
        }
        if (engine == null) {
            recover();
        }
        return engine;
    }

    // ------------------------------------------------------------------ processing

    /**
     * Processes one event and stores what it did, in one transaction.
     *
     * @param event the event, not null
     * @return the outcome, never null; an accepted event is stored when this returns
     * @throws StoreException if the transaction failed: nothing of the event is stored and the engine is as
     *                        before it (the event may be given again)
     */
    public synchronized Outcome process(Event event) {
        Objects.requireNonNull(event, "event");
        return processAll(List.of(event)).get(0);
    }

    /**
     * Processes one event given as JSON: a malformed event is rejected ({@code INVALID_EVENT}) and writes
     * nothing, like in {@link ReferralEngine#process(JsonNode)}.
     *
     * @param node the event's JSON, not null
     * @return the outcome, never null
     * @throws StoreException as {@link #process(Event)}
     */
    public synchronized Outcome process(JsonNode node) {
        Objects.requireNonNull(node, "node");
        Event event;
        try {
            event = ReferralKitJson.read(node, Event.class, RejectionCode.INVALID_EVENT);
        } catch (ReferralKitException e) {
            ReferralEngine live = live();
            Outcome refused = live.process(node);
            if (refused.isAccepted()) {
                live.undo(List.of(refused));
                throw new IllegalStateException("the engine accepted event " + refused.event() + " that could not be read", e);
            }
            return refused;
        }
        return process(event);
    }

    /**
     * Processes events in order and stores what they did in one transaction: the same outcomes and the
     * same stored rows as one call per event, at a fraction of the cost per event.
     *
     * @param events the events, in order, not null
     * @return their outcomes, in order; the accepted events are stored when this returns
     * @throws StoreException if the transaction failed: nothing of the events is stored and the engine is
     *                        as before the call (they may be given again)
     */
    public synchronized List<Outcome> processAll(List<? extends Event> events) {
        Objects.requireNonNull(events, "events");
        if (events.isEmpty()) {
            return List.of();
        }
        ReferralEngine live = live();
        Map<String, Long> journaled = Map.of();
        Map<String, Integer> acceptedHere = null;
        if (journalLookUp) {
            List<String> ids = new ArrayList<>(events.size());
            events.forEach(e -> ids.add(e.id()));
            journaled = store.journaled(ids);
            acceptedHere = new HashMap<>();
        }
        List<Outcome> outcomes = new ArrayList<>(events.size());
        List<Outcome> accepted = new ArrayList<>(events.size());
        Batch.Builder rows = Batch.builder();
        Pipeline pipeline = events.size() > PART ? new Pipeline() : null;
        String last = null;
        try {
            for (Event event : events) {
                int fingerprint = Fingerprint.of(event);
                Outcome outcome = acceptedHere == null ? null : journaledBefore(event, fingerprint, journaled, acceptedHere);
                if (outcome == null) {
                    outcome = live.process(event);
                }
                outcomes.add(outcome);
                if (outcome.isAccepted()) {
                    accepted.add(outcome);
                    rows.journal(new JournalRow(event.id(), fingerprint, ReferralKitJson.write(event)));
                    for (Change c : outcome.changes()) {
                        rows.change(change(c));
                    }
                    outcome.entries().forEach(rows::entry);
                    outcome.payouts().forEach(rows::payout);
                    if (acceptedHere != null) {
                        acceptedHere.put(event.id(), fingerprint);
                    }
                    last = event.id();
                    if (pipeline != null && (rows.events() >= PART || rows.events() >= SMALLEST_PART && pipeline.idle())) {
                        pipeline.send(rows.build());
                        rows.clear();
                    }
                }
            }
        } catch (RuntimeException | Error e) {
            if (pipeline != null) {
                pipeline.awaitAll(e);
                store.abandon();
            }
            revert(accepted, e);
            if (!(e instanceof StoreException)) {
                // the engine undoes a failing event's own writes; should it ever not, the database is the truth
                engine = null;
            }
            throw e;
        }
        if (accepted.isEmpty()) {
            return List.copyOf(outcomes);
        }
        try {
            if (pipeline == null) {
                store.write(rows.build());
            } else {
                pipeline.send(rows.build());
                pipeline.awaitAll(null);
                store.commit();
            }
        } catch (RuntimeException | Error e) {
            if (pipeline != null) {
                pipeline.awaitAll(e); // parts still in flight finish before the caller's thread touches the store
            }
            store.abandon();
            if (store.needsReopen()) {
                // committed or not: the database is the truth, read again before the next call
                closeStore();
                engine = null;
            } else {
                revert(accepted, e);
            }
            throw e;
        }
        lastEventId = last;
        checkpointIfDue();
        return List.copyOf(outcomes);
    }

    /**
     * One transaction's rows handed to the store's writer thread part by part, in order, while the caller's
     * thread runs the engine over the next events: the database works on one part while the engine computes
     * the next. The caller's thread also encodes each part ({@link JdbcStore#prepare}, which touches no
     * connection), so that the writer only sends it. The store is otherwise used by one thread at a time:
     * the writer between {@link #send} and {@link #awaitAll}, the caller before and after.
     */
    private final class Pipeline {
        /** The parts sent, in order; the one writer thread runs them in that order. */
        private final List<Future<?>> parts = new ArrayList<>();
        /** Set by the writer when a part failed: the transaction is rolled back, later parts are skipped. */
        private volatile boolean failed;

        /** How many of {@link #parts} the caller has waited for, oldest first. */
        private int awaited;

        /** @return true if the writer has no part to write (parts end in order: the last sent has ended) */
        boolean idle() {
            return parts.isEmpty() || parts.get(parts.size() - 1).isDone();
        }

        /**
         * Encodes a part on the caller's thread and hands it to the writer. Once a part has failed, throws its
         * failure instead: the call is lost, so nothing more is encoded. While {@link #MOST_WAITING} parts
         * wait, first waits for the oldest, so that a long call holds a bounded number of parts.
         */
        void send(Batch rows) {
            if (failed) {
                awaitAll(null); // throws the part's failure
                throw new IllegalStateException("a part of the call failed");
            }
            while (parts.size() - awaited >= MOST_WAITING) {
                Await.end(parts.get(awaited++)); // a failure is thrown by awaitAll, which waits again
            }
            JdbcStore.Prepared part = store.prepare(rows);
            JdbcStore writing = store;
            if (parts.isEmpty()) {
                writing.begin();
            }
            parts.add(writer().submit(() -> {
                try {
                    if (!failed) {
                        writing.append(part);
                    }
                } catch (RuntimeException | Error e) {
                    failed = true;
                    throw e;
                }
            }));
        }

        /**
         * Waits until every part sent is written or skipped, even when interrupted (the store must be idle
         * before the caller's thread touches it again).
         *
         * @param pending a failure already being thrown, to which a part's failure is added; or null, and
         *                the first part's failure is thrown
         */
        void awaitAll(Throwable pending) {
            Throwable first = null;
            for (Future<?> part : parts) {
                Throwable failure = Await.end(part);
                if (first == null) {
                    first = failure;
                }
            }
            if (first == null) {
                return;
            }
            if (pending != null) {
                if (first != pending) { // awaited again after the first wait threw it
                    pending.addSuppressed(first);
                }
            } else if (first instanceof RuntimeException r) {
                throw r;
            } else if (first instanceof Error err) {
                throw err;
            } else {
                throw new IllegalStateException("the store's writer failed", first);
            }
        }
    }

    /** The store's writer thread, started when a call first needs it and ended after 30 idle seconds. */
    private ExecutorService writer() {
        if (writer == null) {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "referralkit-store-writer");
                t.setDaemon(true);
                return t;
            });
            pool.allowCoreThreadTimeOut(true);
            writer = pool;
        }
        return writer;
    }

    /**
     * Writes a checkpoint when the state log has grown enough. A failure loses nothing (the log still holds
     * the state) and does not fail the call, whose events are stored: it is logged, and tried again after
     * the next write.
     */
    private void checkpointIfDue() {
        if (!store.checkpointDue(checkpointBytes) || store.logBytes() < checkpointRetryAt) {
            return;
        }
        InMemoryStateStore records = state;
        try {
            long bytes = store.checkpoint(sink -> records.forEachUnordered(r -> sink.accept(stored(r))), writer());
            checkpointRetryAt = 0;
            LOG.debug("ReferralKit store: checkpoint of {} bytes written", bytes);
        } catch (RuntimeException e) {
            // the call's events are stored: a checkpoint's failure must not fail it. Tried again once the log
            // has doubled, so that a checkpoint that keeps failing does not cost every call
            checkpointRetryAt = 2 * store.logBytes();
            LOG.warn("ReferralKit store: a checkpoint failed; nothing is lost (the state log holds it), and it is tried"
                    + " again when the log reaches {} bytes: {}", checkpointRetryAt, e.getMessage());
        }
    }

    /** The journal's answer for an id the engine may have forgotten: accepted before, so never again. */
    private static Outcome journaledBefore(Event event, int fingerprint, Map<String, Long> journaled, Map<String, Integer> acceptedHere) {
        Integer here = acceptedHere.get(event.id());
        Long stored = journaled.get(event.id());
        if (here == null && stored == null) {
            return null;
        }
        int before = here != null ? here : (int) (long) stored;
        ReferralKitException e = before == fingerprint
                ? ReferralKitException.of(RejectionCode.DUPLICATE, "id", event.id(), "already accepted with identical content; nothing changed")
                : ReferralKitException.of(RejectionCode.DUPLICATE_CONFLICT, "id", event.id(), "already accepted with different content");
        return Outcome.rejected(Rejection.of(event.id(), e.withContext(event.typeName() + " " + event.id())));
    }

    /** Undoes accepted events in memory; rebuilds from the database when they cannot be undone. */
    private void revert(List<Outcome> accepted, Throwable cause) {
        if (accepted.isEmpty()) {
            return;
        }
        try {
            engine.undo(accepted);
        } catch (IllegalArgumentException forgotten) {
            // a payout run forgot event ids, which memory cannot get back: the database has them
            LOG.info("ReferralKit store: rebuilding the engine from the database after a failed write that forgot event ids");
            engine = null;
            try {
                recover();
            } catch (RuntimeException again) {
                cause.addSuppressed(again); // rebuilt before the next call
            }
        }
    }

    // ------------------------------------------------------------------ reading

    /** @return the program */
    public Program program() {
        return program;
    }

    /**
     * @return the id of the event stored last, if any: where a stream that is given again may resume
     *         (events given again before it are {@code DUPLICATE}s)
     */
    public synchronized Optional<String> lastEventId() {
        live();
        return Optional.ofNullable(lastEventId);
    }

    /**
     * Balances from the engine's state (SPEC.md §6), as {@link ReferralEngine#balances}.
     *
     * @param asOf the instant, at or after the last event processed
     * @return balances sorted by partner, then currency
     */
    public synchronized List<Balance> balances(Instant asOf) {
        return live().balances(asOf);
    }

    /**
     * @return the engine's whole state as a snapshot (docs/engine.md §3): byte for byte what an in-memory
     *         engine with the same history gives
     */
    public synchronized String snapshot() {
        return live().snapshot();
    }

    /**
     * Streams the stored ledger in the order the entries were made.
     *
     * @param partner a partner id, or null for every partner
     * @param each    receives each entry
     */
    public synchronized void forEachEntry(String partner, Consumer<Entry> each) {
        Objects.requireNonNull(each, "each");
        live();
        store.readEntries(partner, each);
    }

    /** @return the stored ledger, in the order the entries were made */
    public synchronized List<Entry> entries() {
        live();
        return store.entries();
    }

    /** @return the stored payout records, in the order they were made */
    public synchronized List<Payout> payouts() {
        live();
        return store.payouts();
    }

    /** Closes the store's connection (or gives it back to its pool). Later calls are refused. */
    @Override
    public synchronized void close() {
        closed = true;
        engine = null;
        state = null;
        if (writer != null) {
            writer.shutdown();
            writer = null;
        }
        closeStore();
    }

    private void closeStore() {
        if (store != null) {
            store.close();
            store = null;
        }
    }
}
