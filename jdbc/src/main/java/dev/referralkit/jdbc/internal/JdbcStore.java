package dev.referralkit.jdbc.internal;

import dev.referralkit.engine.state.Bytes;
import dev.referralkit.jdbc.StoreException;
import dev.referralkit.jdbc.StoreException.Code;
import dev.referralkit.ledger.Entry;
import dev.referralkit.ledger.EntryKind;
import dev.referralkit.ledger.Explanation;
import dev.referralkit.ledger.ImmutableEntry;
import dev.referralkit.ledger.ImmutablePayout;
import dev.referralkit.ledger.Payout;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal, the ledger, the payouts and the engine's records in one database, written one
 * transaction per {@link Batch}. The durable engine is its only user.
 *
 * <p><b>Opening</b> connects, tells PostgreSQL from H2, refuses a schema newer than this code
 * ({@code SCHEMA_TOO_NEW}, before anything is written), migrates with Flyway, and reads where the
 * journal, the ledger and the payouts end. Connection failures and refused credentials are
 * {@link StoreException}s with their own codes, raised in seconds (connect and login timeouts are the
 * data source's: {@link dev.referralkit.jdbc.UrlDataSource} sets 10 seconds).
 *
 * <p><b>Writing</b> a batch is one transaction at {@code READ COMMITTED}: the store inserts the journal
 * rows, the batch's record changes as one row of the state log ({@link StateLog}: in order, so the last
 * change to a key wins and a prefix deletion removes what was written under it before), the entries and
 * the payout records, and commits. On PostgreSQL the journal rows, the log row and the entries are one
 * statement over arrays ({@link PostgresArrays}), encoded beforehand by {@link #prepare} on any thread;
 * on H2 each table's rows are one JDBC batch. A {@link #checkpoint} (the caller decides
 * when, {@link #checkpointDue}) writes every record in a few large rows and deletes the log it covers, in
 * a transaction of its own. Positions ({@code seq}) are assigned here, without
 * gaps, and are primary keys, so a second writer cannot interleave: its rows collide and its transaction
 * is refused. Idempotency is the engine's (its records of accepted event ids are among the records
 * stored); the unique constraints on event ids, entry ids and settled entries are the backstop
 * ({@code CONFLICT}), never the mechanism, and {@link #journaled} looks ids up for a caller that needs to.
 * Any failure rolls the transaction back, so the database is as it was. If the connection breaks
 * during the commit, whether the commit happened is unknown: the store then refuses every further write
 * ({@link #needsReopen()}) until it is opened again and has re-read what is stored.
 *
 * <p><b>Reading</b> streams rows in a stable order: records by (kind, key bytes unsigned), the journal
 * and the ledger by position. A lost connection is replaced on the next call.
 *
 * <p>Not thread-safe: one store, one thread, like the engine. It keeps one connection open.
 */
public final class JdbcStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcStore.class);

    /** Rows fetched per round trip when streaming. */
    private static final int FETCH_SIZE = 5_000;

    private static final String INSERT_JOURNAL =
            "INSERT INTO rk_journal (seq, event_id, fingerprint, event) VALUES (?, ?, ?, ?)";
    private static final String INSERT_LOG = "INSERT INTO rk_state_log (seq, changes) VALUES (?, ?)";
    private static final String INSERT_CHUNK = "INSERT INTO rk_state_chunk (checkpoint, chunk, records) VALUES (?, ?, ?)";
    /**
     * A checkpoint is due once the state log after it holds this many times its bytes: checkpoints then
     * write at most half a byte per byte logged plus what the state grew meanwhile (at most 1.5 in all), and
     * reading the state back reads at most about three times the state.
     */
    private static final int LOG_PER_CHECKPOINT = 2;
    /** A checkpoint's rows hold about this many bytes of records each. */
    private static final int CHUNK_BYTES = 1 << 20;
    /** The schema version that has the state log; a reader may meet an older store. */
    private static final MigrationVersion STATE_LOG = MigrationVersion.fromVersion("3");
    private static final String INSERT_ENTRY = "INSERT INTO rk_entries (seq, id, kind, partner, customer, event, amount,"
            + " currency, available_at, available_nanos, rule, explanation) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_PAYOUT =
            "INSERT INTO rk_payouts (seq, run, partner, currency, amount) VALUES (?, ?, ?, ?, ?)";
    private static final String INSERT_PAYOUT_ENTRY =
            "INSERT INTO rk_payout_entries (payout_seq, position, entry_id) VALUES (?, ?, ?)";
    private static final String SELECT_ENTRIES = "SELECT id, kind, partner, customer, event, amount, currency,"
            + " available_at, available_nanos, rule, explanation FROM rk_entries";

    private final DataSource dataSource;
    private final Dialect dialect;
    /** False for a store opened for reading: it neither migrates nor writes. */
    private final boolean writer;
    /** True if the schema has the state log and checkpoint tables (always, for a writer). */
    private boolean stateLog;
    private Connection connection;
    /** The last state log position, or the checkpoint's if the log after it is empty. */
    private long logSeq;
    /** Bytes of state log after the checkpoint. */
    private long logBytes;
    /** Bytes of the checkpoint. */
    private long checkpointBytes;
    private long journalSeq;
    private long entrySeq;
    private long payoutSeq;
    private String outcomeUnknown;
    /** Positions of the transaction being written; null when none is. */
    private Open open;

    private JdbcStore(DataSource dataSource, Dialect dialect, Connection connection, boolean writer, boolean stateLog)
            throws SQLException {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.connection = connection;
        this.writer = writer;
        this.stateLog = stateLog;
        prepare(connection);
    }

    /**
     * Connects, checks and migrates the schema, and reads where the tables end.
     *
     * @param dataSource where to connect, not null; the store keeps one of its connections open
     * @return the store, open
     * @throws StoreException {@code UNREACHABLE}, {@code BAD_CREDENTIALS}, {@code UNSUPPORTED_DATABASE},
     *                        {@code SCHEMA_TOO_NEW} (nothing written), {@code SCHEMA_INVALID} or {@code FAILED}
     */
    public static JdbcStore open(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        Connection c = connect(dataSource, "open the store");
        try {
            c.setAutoCommit(true);
            Dialect dialect = Dialect.of(c.getMetaData());
            Migrations.installed(c);
            int ran = Migrations.migrate(dataSource, dialect);
            if (ran > 0) {
                LOG.info("ReferralKit store: {} schema migration(s) run, now at version {}", ran, Migrations.LATEST);
            }
            return new JdbcStore(dataSource, dialect, c, true, true);
        } catch (SQLException e) {
            closeQuietly(c);
            throw SqlErrors.of("open the store", e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /**
     * Connects to an existing store to read it: nothing is migrated or written, and H2 needs no
     * administrator.
     *
     * @param dataSource where to connect, not null
     * @return the store, open for reading ({@link #write} and {@link #claim} refuse)
     * @throws StoreException {@code NO_STORE} if the database holds no ReferralKit schema, and as
     *                        {@link #open}
     */
    public static JdbcStore openForReading(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        Connection c = connect(dataSource, "open the store");
        try {
            c.setAutoCommit(true);
            Dialect dialect = Dialect.of(c.getMetaData());
            MigrationVersion installed = Migrations.installed(c);
            if (installed.compareTo(MigrationVersion.fromVersion("1")) < 0) {
                throw StoreException.of(Code.NO_STORE, "the database holds no ReferralKit store (no " + Migrations.HISTORY
                        + " table with its migrations): nothing was stored there yet", null, null);
            }
            return new JdbcStore(dataSource, dialect, c, false, installed.compareTo(STATE_LOG) >= 0);
        } catch (SQLException e) {
            closeQuietly(c);
            throw SqlErrors.of("open the store", e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /**
     * H2 keeps committed transactions in memory for up to {@code WRITE_DELAY} milliseconds before it
     * writes them to its file, so a process killed in that time loses commits it had reported: the
     * crash test saw 700 reported events lost. H2 2.4 records {@code SET WRITE_DELAY 0} in the file but
     * does not apply it when the file is opened again (the setting then reads 0 and is not in force),
     * so the store sets it on every connection it opens. Only an H2 administrator may.
     */
    private static void commitDurablyOnH2(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET WRITE_DELAY 0");
        } catch (SQLException e) {
            throw StoreException.of(Code.FAILED, "H2 keeps commits in memory for a while (WRITE_DELAY) unless an"
                    + " administrator sets it to 0, and a killed process would lose them: open the store as an H2"
                    + " administrator (" + SqlErrors.reason(e) + ")", e.getSQLState(), e);
        }
    }

    private static Connection connect(DataSource dataSource, String doing) {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw SqlErrors.of(doing, e);
        }
    }

    /**
     * PostgreSQL plans a statement prepared on the server once for all parameters after five
     * executions, and keeps that generic plan until the table is analysed again. Planned while the
     * journal was nearly empty, the look-up of a batch's ids became a sequential scan: at 100 events a
     * transaction it took most of the write's time. Planning each execution with its parameters costs
     * a fraction of a millisecond and keeps every look-up on its index, whatever the pool does.
     */
    private static void planEveryExecution(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET plan_cache_mode = force_custom_plan");
        }
    }

    /** Sets up a fresh connection and reads the last positions. */
    private void prepare(Connection c) throws SQLException {
        if (dialect == Dialect.H2) {
            if (writer) {
                c.setAutoCommit(true);
                commitDurablyOnH2(c);
            }
        } else {
            planEveryExecution(c);
        }
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        try (Statement s = c.createStatement()) {
            journalSeq = maxSeq(s, "rk_journal");
            entrySeq = maxSeq(s, "rk_entries");
            payoutSeq = maxSeq(s, "rk_payouts");
            if (stateLog) {
                logSeq = Math.max(maxSeq(s, "rk_state_log"), scalar(s, "SELECT COALESCE(MAX(checkpoint), 0) FROM rk_state_chunk"));
                logBytes = scalar(s, "SELECT COALESCE(SUM(OCTET_LENGTH(changes)), 0) FROM rk_state_log");
                checkpointBytes = scalar(s, "SELECT COALESCE(SUM(OCTET_LENGTH(records)), 0) FROM rk_state_chunk");
            }
        }
        c.commit();
    }

    private static long maxSeq(Statement s, String table) throws SQLException {
        return scalar(s, "SELECT COALESCE(MAX(seq), 0) FROM " + table);
    }

    private static long scalar(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** @return the database */
    public Dialect dialect() {
        return dialect;
    }

    /** @return the schema version this code writes */
    public static String schemaVersion() {
        return Migrations.LATEST.toString();
    }

    // ---------------------------------------------------------------- writing

    /**
     * Writes a batch in one transaction, or nothing: {@link #begin}, {@link #append}, {@link #commit}.
     *
     * @param batch the rows, not null
     * @throws StoreException {@code CONFLICT} if an event id of the batch is journaled already (or twice
     *                        in the batch), or a unique constraint refused a row; {@code UNREACHABLE} or
     *                        {@code FAILED} otherwise. In every case nothing of the batch is stored,
     *                        except when the connection broke during the commit: then whether it was
     *                        stored is unknown, and the store refuses further writes until it is opened
     *                        again and has read back what is stored.
     */
    public void write(Batch batch) {
        Objects.requireNonNull(batch, "batch");
        refuseReader();
        refuseUnknown();
        if (batch.isEmpty()) {
            return;
        }
        begin();
        append(batch);
        commit();
    }

    private void refuseUnknown() {
        if (outcomeUnknown != null) {
            throw StoreException.of(Code.FAILED, "cannot write: an earlier commit failed (" + outcomeUnknown
                    + ") and may or may not have happened; open the store again", null, null);
        }
    }

    /** Where an open transaction's rows go, and how many events it holds. */
    private static final class Open {
        long journal;
        long entry;
        long payout;
        long log;
        long logBytes;
        long events;

        Open(long journal, long entry, long payout, long log) {
            this.journal = journal;
            this.entry = entry;
            this.payout = payout;
            this.log = log;
        }
    }

    /**
     * Starts a transaction to be written in parts: {@link #append} each, then {@link #commit} (or
     * {@link #abandon}). Parts are stored as one batch of their rows concatenated would be, except that
     * each part's record changes are a state log row of its own. Not thread-safe, like the store: one
     * thread at a time may call these, and a caller that hands parts to another thread must see that one
     * call ends before the next starts.
     *
     * @throws StoreException {@code FAILED} if an earlier commit's outcome is unknown
     * @throws IllegalStateException if a transaction is already open
     */
    public void begin() {
        refuseReader();
        refuseUnknown();
        if (open != null) {
            throw new IllegalStateException("a transaction is already open");
        }
        connection("begin a write"); // a lost connection is replaced first: it re-reads the positions
        open = new Open(journalSeq, entrySeq, payoutSeq, logSeq);
    }

    /**
     * Writes a part of the open transaction, not committed yet.
     *
     * @param part the rows, not null
     * @throws StoreException as {@link #write}; the transaction is then rolled back and closed, and
     *                        nothing of it is stored
     * @throws IllegalStateException if no transaction is open
     */
    public void append(Batch part) {
        append(prepare(part));
    }

    /**
     * Encodes a batch's rows as this database takes them (the state log row; on PostgreSQL the tables'
     * arrays), so that {@link #append(Prepared)} only sends them. Touches neither the connection nor the
     * store's positions, so it may run on any thread while another appends an earlier part.
     *
     * @param batch the rows, not null
     * @return the batch, ready to append
     */
    public Prepared prepare(Batch batch) {
        Objects.requireNonNull(batch, "batch");
        String[][] arrays = dialect == Dialect.POSTGRESQL ? PostgresArrays.columns(batch.journal(), batch.entries()) : null;
        return new Prepared(batch, encode(batch.state()), arrays);
    }

    /** A batch encoded by {@link #prepare}, for the store that prepared it. */
    public static final class Prepared {
        private final Batch batch;
        /** The state log row, or null if the batch changes no record. */
        private final byte[] changes;
        /** On PostgreSQL the journal's and the entries' array literals (each null if none), else null. */
        private final String[][] arrays;

        private Prepared(Batch batch, byte[] changes, String[][] arrays) {
            this.batch = batch;
            this.changes = changes;
            this.arrays = arrays;
        }
    }

    /**
     * Writes a prepared part of the open transaction, not committed yet.
     *
     * @param prepared the rows, prepared by this store, not null
     * @throws StoreException as {@link #write}; the transaction is then rolled back and closed, and
     *                        nothing of it is stored
     * @throws IllegalStateException if no transaction is open
     */
    public void append(Prepared prepared) {
        Objects.requireNonNull(prepared, "prepared");
        Open o = requireOpen();
        Batch part = prepared.batch;
        if (part.isEmpty()) {
            return;
        }
        String doing = "write a batch of " + part.journal().size() + " events";
        Connection c = connection; // opened by begin(); a failure closes the transaction
        byte[] changes = prepared.changes;
        try {
            long j = o.journal + part.journal().size();
            long e = o.entry + part.entries().size();
            if (prepared.arrays != null) {
                PostgresArrays.insert(c, prepared.arrays, o.journal, changes, o.log + 1, o.entry);
            } else {
                insertJournal(c, part.journal(), o.journal);
                if (changes != null) {
                    insertLog(c, o.log + 1, changes);
                }
                insertEntries(c, part.entries(), o.entry);
            }
            long p = insertPayouts(c, part.payouts(), o.payout);
            o.journal = j;
            o.entry = e;
            o.payout = p;
            o.events += part.journal().size();
            if (changes != null) {
                o.log++;
                o.logBytes += changes.length;
            }
        } catch (SQLException ex) {
            open = null;
            rollback(c, ex);
            throw SqlErrors.of(doing, ex);
        } catch (RuntimeException ex) {
            open = null;
            rollback(c, ex);
            throw ex;
        }
    }

    /**
     * Commits the open transaction.
     *
     * @throws StoreException as {@link #write}
     * @throws IllegalStateException if no transaction is open
     */
    public void commit() {
        Open o = requireOpen();
        open = null;
        Connection c = connection;
        try {
            c.commit();
        } catch (SQLException ex) {
            if (SqlErrors.connectionLost(ex)) {
                // the database may have committed before the connection broke
                outcomeUnknown = SqlErrors.reason(ex);
            }
            rollback(c, ex);
            throw SqlErrors.of("commit a batch of " + o.events + " events", ex);
        }
        journalSeq = o.journal;
        entrySeq = o.entry;
        payoutSeq = o.payout;
        logSeq = o.log;
        logBytes += o.logBytes;
    }

    /** Rolls the open transaction back, if one is open: nothing of it is stored. */
    public void abandon() {
        if (open == null) {
            return;
        }
        open = null;
        if (connection != null) {
            try {
                connection.rollback();
            } catch (SQLException e) {
                LOG.debug("ReferralKit store: rolling back an abandoned transaction failed", e);
                dropConnection();
            }
        }
    }

    private Open requireOpen() {
        if (open == null) {
            throw new IllegalStateException("no transaction is open: a part failed, or begin() was not called");
        }
        return open;
    }

    private void refuseReader() {
        if (!writer) {
            throw new IllegalStateException("this store was opened for reading");
        }
    }

    /**
     * @return true if a commit broke off so that whether it happened is unknown: the store refuses to
     *         write until it is opened again, and what the caller holds in memory may differ from it
     */
    public boolean needsReopen() {
        return outcomeUnknown != null;
    }

    /**
     * Looks event ids up in the journal.
     *
     * @param eventIds event ids, not null
     * @return the fingerprint of each one that is journaled, by id
     */
    public Map<String, Long> journaled(Collection<String> eventIds) {
        Objects.requireNonNull(eventIds, "eventIds");
        if (eventIds.isEmpty()) {
            return Map.of();
        }
        return read("look events up in the journal", c -> {
            Map<String, Long> found = new HashMap<>();
            Array array = c.createArrayOf("VARCHAR", eventIds.toArray());
            try (PreparedStatement ps = c.prepareStatement("SELECT event_id, fingerprint FROM rk_journal WHERE event_id = ANY (?)")) {
                ps.setArray(1, array);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.put(rs.getString(1), rs.getLong(2));
                    }
                }
            } finally {
                array.free();
            }
            return found;
        });
    }

    /** @return how many events the journal holds (its positions have no gaps), as of the last read or write */
    public long journalSize() {
        return journalSeq;
    }

    /** @return the id of the event journaled last, if any */
    public Optional<String> lastEventId() {
        return read("read the journal", c -> {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT event_id FROM rk_journal ORDER BY seq DESC FETCH FIRST 1 ROWS ONLY")) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
            }
        });
    }

    private static void insertJournal(Connection c, List<JournalRow> rows, long seq) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_JOURNAL)) {
            for (JournalRow r : rows) {
                ps.setLong(1, ++seq);
                ps.setString(2, r.eventId());
                ps.setLong(3, r.fingerprint());
                ps.setString(4, r.eventJson());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** @return the changes as one state log row, or null if there are none */
    private static byte[] encode(List<StateChange> changes) {
        if (changes.isEmpty()) {
            return null;
        }
        Bytes.Writer w = StateLog.writer();
        changes.forEach(change -> StateLog.add(w, change));
        return w.bytes();
    }

    private static void insertLog(Connection c, long seq, byte[] changes) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_LOG)) {
            ps.setLong(1, seq);
            ps.setBytes(2, changes);
            ps.executeUpdate();
        }
    }

    /** @return bytes of state log after the checkpoint */
    public long logBytes() {
        return logBytes;
    }

    /**
     * @param minBytes the least state log worth a checkpoint
     * @return true if the state log after the checkpoint holds at least {@code minBytes} and at least
     *         twice as many bytes as the checkpoint itself: checkpoints then write at most half a byte per
     *         byte logged plus what the state grew meanwhile (at most 1.5 in all), and reading the state
     *         back reads at most about three times the state
     */
    public boolean checkpointDue(long minBytes) {
        return logBytes >= Math.max(minBytes, LOG_PER_CHECKPOINT * checkpointBytes);
    }

    /**
     * Writes a checkpoint, in one transaction: every record in rows of about a megabyte, replacing the
     * last checkpoint; then deletes the state log it covers and the records of a store written before
     * the log (schema version 2). Reading the state back gives the same records before and after.
     *
     * @param records gives every current record to the sink it is passed (the state the log up to now
     *                makes, which only the caller holds)
     * @return the checkpoint's bytes
     * @throws StoreException if it failed: nothing changed, and the log still holds the state. A connection
     *                        lost during the commit is harmless here (either way the stored state is the
     *                        same); the store reconnects on the next call.
     */
    public long checkpoint(Consumer<Consumer<StoredRecord>> records) {
        return checkpoint(records, null);
    }

    /**
     * Writes a checkpoint as {@link #checkpoint(Consumer)} does, each full row inserted by {@code inserter}
     * while the caller's thread encodes the next: one row at most is being inserted and one encoded. The
     * store's connection is used by one thread at a time (the inserter between handing it a row and that
     * row's end, the caller otherwise), and the call returns or throws only once no insert is running.
     *
     * @param records  as {@link #checkpoint(Consumer)}
     * @param inserter runs the rows' inserts, one at a time; or null to insert them on the caller's thread
     * @return the checkpoint's bytes
     * @throws StoreException as {@link #checkpoint(Consumer)}
     */
    public long checkpoint(Consumer<Consumer<StoredRecord>> records, ExecutorService inserter) {
        Objects.requireNonNull(records, "records");
        refuseReader();
        refuseUnknown();
        String doing = "write a checkpoint of the engine's state";
        Connection c = connection(doing);
        long written;
        // closed in reverse order: the chunks first, which waits for a row still being inserted
        try (Statement s = c.createStatement();
             Chunks chunks = new Chunks(c.prepareStatement(INSERT_CHUNK), inserter)) {
            refuseIfAnotherWriter(s);
            s.executeUpdate("DELETE FROM rk_state_chunk");
            try {
                records.accept(chunks::add);
            } catch (SqlFailure e) {
                throw e.getCause();
            }
            written = chunks.finish();
            try (PreparedStatement log = c.prepareStatement("DELETE FROM rk_state_log WHERE seq <= ?")) {
                log.setLong(1, logSeq);
                log.executeUpdate();
            }
            s.executeUpdate("DELETE FROM rk_state");
        } catch (SQLException ex) {
            rollback(c, ex);
            throw SqlErrors.of(doing, ex);
        } catch (RuntimeException | Error ex) {
            // an Error too (say, out of memory on the inserter's thread): a checkpoint left open would be
            // committed by the next write, its old rows deleted and only some new ones written
            rollback(c, ex);
            throw ex;
        }
        try {
            c.commit();
        } catch (SQLException ex) {
            rollback(c, ex);
            throw SqlErrors.of("commit a checkpoint of the engine's state", ex);
        }
        logBytes = 0;
        checkpointBytes = written;
        return written;
    }

    /**
     * A checkpoint's records, inserted in rows of about {@link #CHUNK_BYTES}, numbered from 0, on the
     * inserter's thread if there is one. Closing waits for the row being inserted, so that the caller may
     * then roll back or commit.
     */
    private final class Chunks implements AutoCloseable {
        private final PreparedStatement insert;
        private final ExecutorService inserter;
        private Bytes.Writer w = StateLog.writer();
        private int chunk;
        private long written;
        /** The row being inserted by the inserter, or null. */
        private Future<Void> inserting;

        Chunks(PreparedStatement insert, ExecutorService inserter) {
            this.insert = insert;
            this.inserter = inserter;
        }

        /** Adds a record; a full chunk is inserted (a failure is thrown as {@link SqlFailure}). */
        void add(StoredRecord r) {
            StateLog.add(w, r);
            if (w.size() >= CHUNK_BYTES) {
                try {
                    flush();
                } catch (SQLException e) {
                    throw new SqlFailure(e);
                }
            }
        }

        /** @return the bytes inserted, the last chunk included */
        long finish() throws SQLException {
            if (!StateLog.isEmpty(w)) {
                flush();
            }
            awaitInsert();
            return written;
        }

        private void flush() throws SQLException {
            byte[] bytes = w.bytes();
            int number = chunk++;
            w = StateLog.writer();
            awaitInsert();
            if (inserter == null) {
                insert(number, bytes);
            } else {
                inserting = inserter.submit(() -> {
                    insert(number, bytes);
                    return null;
                });
            }
            written += bytes.length;
        }

        private void insert(int number, byte[] bytes) throws SQLException {
            insert.setLong(1, logSeq);
            insert.setInt(2, number);
            insert.setBytes(3, bytes);
            insert.executeUpdate();
        }

        /** Waits for the row being inserted, even when interrupted, and throws its failure. */
        private void awaitInsert() throws SQLException {
            Future<Void> row = inserting;
            if (row == null) {
                return;
            }
            inserting = null;
            Throwable failure = Await.end(row);
            if (failure == null) {
                return;
            } else if (failure instanceof SQLException sql) {
                throw sql;
            } else if (failure instanceof RuntimeException r) {
                throw r;
            } else if (failure instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("a checkpoint row's insert failed", failure);
        }

        @Override
        public void close() throws SQLException {
            try {
                awaitInsert(); // the caller rolls back or commits next: no insert may still be running
            } catch (SQLException | RuntimeException e) {
                // already failing, or the failure is thrown by finish(): the caller rolls back
                LOG.debug("ReferralKit store: a checkpoint row's insert failed while closing", e);
            } finally {
                insert.close();
            }
        }
    }

    /** A {@link SQLException} carried through a {@link Consumer}. */
    private static final class SqlFailure extends RuntimeException {
        SqlFailure(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }

    /**
     * A checkpoint replaces the stored state with what this store's caller holds, so it must hold the latest:
     * checkpoints are serialised on the format row, and one is refused if the journal or the state log has
     * grown since this store last wrote (a second writer on the same tables, whose own writes collide on
     * the journal's positions). Without this, a second writer's checkpoint from an older view would delete
     * the first one's newer checkpoint and log.
     */
    private void refuseIfAnotherWriter(Statement s) throws SQLException {
        s.executeQuery("SELECT meta_value FROM rk_meta WHERE meta_key = '" + StoreMeta.FORMAT + "' FOR UPDATE").close();
        long journal = maxSeq(s, "rk_journal");
        long log = Math.max(maxSeq(s, "rk_state_log"), scalar(s, "SELECT COALESCE(MAX(checkpoint), 0) FROM rk_state_chunk"));
        if (journal != journalSeq || log != logSeq) {
            throw StoreException.of(Code.CONFLICT, "another writer has written to this store (journal at " + journal
                    + ", state log at " + log + "; this writer wrote up to " + journalSeq + " and " + logSeq
                    + "): no checkpoint written; open the store again", null, null);
        }
    }

    private static void insertEntries(Connection c, List<Entry> entries, long seq) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_ENTRY)) {
            for (Entry e : entries) {
                Instant at = e.availableAt();
                ps.setLong(1, ++seq);
                ps.setString(2, e.id());
                ps.setString(3, e.kind().name());
                ps.setString(4, e.partner());
                ps.setString(5, e.customer().orElse(null));
                ps.setString(6, e.event());
                ps.setBigDecimal(7, e.amount());
                ps.setString(8, e.currency().getCurrencyCode());
                ps.setObject(9, OffsetDateTime.ofInstant(at.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
                ps.setInt(10, at.getNano());
                ps.setString(11, e.explanation().rule());
                ps.setString(12, e.explanation().text());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static long insertPayouts(Connection c, List<Payout> payouts, long seq) throws SQLException {
        if (payouts.isEmpty()) {
            return seq;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_PAYOUT);
             PreparedStatement settled = c.prepareStatement(INSERT_PAYOUT_ENTRY)) {
            int settledRows = 0;
            for (Payout p : payouts) {
                ps.setLong(1, ++seq);
                ps.setString(2, p.run());
                ps.setString(3, p.partner());
                ps.setString(4, p.currency().getCurrencyCode());
                ps.setBigDecimal(5, p.amount());
                ps.addBatch();
                int position = 0;
                for (String entryId : p.entries()) {
                    settled.setLong(1, seq);
                    settled.setInt(2, position++);
                    settled.setString(3, entryId);
                    settled.addBatch();
                    settledRows++;
                }
            }
            ps.executeBatch();
            if (settledRows > 0) {
                settled.executeBatch();
            }
        }
        return seq;
    }

    // ---------------------------------------------------------------- the meta row

    /**
     * Records the engine's record format the first time, and checks it every later time. The program is
     * not kept here: the engine's own records hold its fingerprints and the engine checks them.
     *
     * @param format the record format of the caller, from 1
     * @return what is stored: {@code format} on a new store; on an older store its format may be older
     * @throws StoreException {@code SCHEMA_TOO_NEW} if the stored format is newer than {@code format}
     */
    public int claim(int format) {
        StoreMeta.checkFormat(format);
        refuseReader();
        String doing = "read the store's record format";
        Connection c = connection(doing);
        try {
            Optional<StoreMeta> stored = readMeta(c);
            if (stored.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO rk_meta (meta_key, meta_value) VALUES (?, ?)")) {
                    ps.setString(1, StoreMeta.FORMAT);
                    ps.setString(2, Integer.toString(format));
                    ps.executeUpdate();
                }
                c.commit();
                return format;
            }
            c.commit();
            StoreMeta.refuseNewer(stored.get().format(), format);
            return stored.get().format();
        } catch (SQLException e) {
            rollback(c, e);
            throw SqlErrors.of(doing, e);
        } catch (RuntimeException e) {
            rollback(c, e);
            throw e;
        }
    }

    /** @return the record format of the store, if a writer has claimed it */
    public Optional<StoreMeta> meta() {
        return read("read the store's record format", this::readMeta);
    }

    private Optional<StoreMeta> readMeta(Connection c) throws SQLException {
        Map<String, String> meta = new HashMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT meta_key, meta_value FROM rk_meta")) {
            while (rs.next()) {
                meta.put(rs.getString(1), rs.getString(2));
            }
        }
        return StoreMeta.of(meta);
    }

    // ---------------------------------------------------------------- reading

    /**
     * Streams every engine record, by kind and then key bytes (unsigned): the records of a store written
     * before the state log (schema version 2), then the checkpoint's, then the state log after it,
     * folded in order (the last change to a key wins).
     *
     * @param sink receives each record
     * @throws StoreException {@code SCHEMA_TOO_NEW} or {@code SCHEMA_INVALID} if a state log row or a
     *                        checkpoint chunk cannot be read
     */
    public void readState(Consumer<StoredRecord> sink) {
        state().forEach(sink);
    }

    /** Attempts at a consistent read of the state while a writer checkpoints, before giving up. */
    private static final int STATE_READS = 5;

    /**
     * Folds the stored state. A writer may checkpoint between this reader's statements (each is its own
     * snapshot under {@code READ COMMITTED}): the checkpoint's number is read before and after, and the
     * read is repeated if it changed, so the records always come from one checkpoint and the whole log
     * after it.
     */
    private StateLog.View state() {
        if (!stateLog) {
            // a reader opened on an older schema: a writer may have migrated it since
            stateLog = read("read the store's schema version", c -> Migrations.installed(c).compareTo(STATE_LOG) >= 0);
        }
        for (int attempt = 1; ; attempt++) {
            long before = stateLog ? lastCheckpoint() : 0;
            StateLog.View view = new StateLog.View();
            stream("read the engine's records", "SELECT kind, key_bytes, version, value_bytes FROM rk_state ORDER BY kind, key_bytes",
                    null, rs -> view.apply(new StoredRecord(new RecordKey(rs.getShort(1), rs.getBytes(2)), rs.getShort(3),
                            rs.getBytes(4))));
            if (!stateLog) {
                return view;
            }
            stream("read the engine's records", "SELECT checkpoint, chunk, records FROM rk_state_chunk WHERE checkpoint = "
                    + before + " ORDER BY chunk", null, rs -> StateLog.decode(rs.getBytes(3), "checkpoint " + rs.getLong(1)
                    + " chunk " + rs.getInt(2), true, view::apply));
            stream("read the engine's records", "SELECT seq, changes FROM rk_state_log WHERE seq > " + before + " ORDER BY seq",
                    null, rs -> StateLog.decode(rs.getBytes(2), "state log row " + rs.getLong(1), false, view::apply));
            if (lastCheckpoint() == before) {
                return view;
            }
            if (attempt == STATE_READS) {
                throw StoreException.of(Code.FAILED, "cannot read the engine's records: a writer checkpointed during each of "
                        + STATE_READS + " attempts; try again", null, null);
            }
            LOG.debug("ReferralKit store: a checkpoint was written while the state was read; reading again");
        }
    }

    private long lastCheckpoint() {
        return read("read the engine's records", c -> {
            try (Statement s = c.createStatement()) {
                return scalar(s, "SELECT COALESCE(MAX(checkpoint), 0) FROM rk_state_chunk");
            }
        });
    }

    /**
     * Streams the journal's ids and fingerprints in journal order, for the engine's idempotency table.
     *
     * @param sink receives each row
     */
    public void readJournal(Consumer<JournalMark> sink) {
        stream("read the journal", "SELECT seq, event_id, fingerprint FROM rk_journal ORDER BY seq", null,
                rs -> sink.accept(new JournalMark(rs.getLong(1), rs.getString(2), rs.getLong(3))));
    }

    /**
     * Streams the journaled events themselves, in journal order.
     *
     * @param sink receives each row
     */
    public void readEvents(Consumer<JournalRow> sink) {
        stream("read the journal", "SELECT event_id, fingerprint, event FROM rk_journal ORDER BY seq", null,
                rs -> sink.accept(new JournalRow(rs.getString(1), rs.getLong(2), rs.getString(3))));
    }

    /**
     * The API's own idempotency look-up for one event.
     *
     * @param eventId an event id
     * @return the journaled event's fingerprint, if the event is in the journal
     */
    public Optional<Long> fingerprint(String eventId) {
        Objects.requireNonNull(eventId, "eventId");
        return read("look an event up in the journal", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT fingerprint FROM rk_journal WHERE event_id = ?")) {
                ps.setString(1, eventId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getLong(1)) : Optional.<Long>empty();
                }
            }
        });
    }

    /**
     * Streams the ledger in the order the entries were made, all of it or one partner's.
     *
     * @param partner a partner id, or null for every partner
     * @param sink    receives each entry
     */
    public void readEntries(String partner, Consumer<Entry> sink) {
        String sql = SELECT_ENTRIES + (partner == null ? "" : " WHERE partner = ?") + " ORDER BY seq";
        stream("read the ledger", sql, partner, rs -> sink.accept(entry(rs)));
    }

    /** @return the whole ledger, in the order the entries were made */
    public List<Entry> entries() {
        List<Entry> all = new ArrayList<>();
        readEntries(null, all::add);
        return all;
    }

    /**
     * Streams the payout records in the order they were made, each with its settled entries.
     *
     * @param sink receives each payout
     */
    public void readPayouts(Consumer<Payout> sink) {
        PayoutAssembler assembler = new PayoutAssembler(sink);
        stream("read the payouts", "SELECT p.seq, p.run, p.partner, p.currency, p.amount, e.entry_id"
                        + " FROM rk_payouts p LEFT JOIN rk_payout_entries e ON e.payout_seq = p.seq"
                        + " ORDER BY p.seq, e.position", null, assembler::row);
        assembler.finish();
    }

    /** @return every payout record, in the order they were made */
    public List<Payout> payouts() {
        List<Payout> all = new ArrayList<>();
        readPayouts(all::add);
        return all;
    }

    /**
     * @return how many events the journal holds, read now: its last position (positions have no gaps), an
     *         index look-up rather than a count; unlike {@link #journalSize} not as of the last read or write
     */
    public long journalCount() {
        return read("count the journal", c -> {
            try (Statement s = c.createStatement()) {
                return maxSeq(s, "rk_journal");
            }
        });
    }

    /** @return how many rows each table holds, and how many records the folded state has */
    public Counts counts() {
        long records = state().size();
        return read("count the store's rows", c -> {
            try (Statement s = c.createStatement()) {
                return new Counts(count(s, "rk_journal"), count(s, "rk_entries"), count(s, "rk_payouts"), records);
            }
        });
    }

    private static long count(Statement s, String table) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * How many rows the store holds.
     *
     * @param journal accepted events
     * @param entries ledger entries
     * @param payouts payout records
     * @param records engine records (as {@link #readState} gives them)
     */
    public record Counts(long journal, long entries, long payouts, long records) {
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        Currency currency = Currency.getInstance(rs.getString(7));
        BigDecimal amount = rs.getBigDecimal(6).setScale(currency.getDefaultFractionDigits(), RoundingMode.UNNECESSARY);
        Instant at = rs.getObject(8, OffsetDateTime.class).toInstant();
        return ImmutableEntry.builder()
                .id(rs.getString(1))
                .kind(EntryKind.valueOf(rs.getString(2)))
                .partner(rs.getString(3))
                .customer(Optional.ofNullable(rs.getString(4)))
                .event(rs.getString(5))
                .amount(amount)
                .currency(currency)
                .availableAt(Instant.ofEpochSecond(at.getEpochSecond(), rs.getInt(9)))
                .explanation(Explanation.of(rs.getString(10), rs.getString(11)))
                .build();
    }

    /** Joins payout rows with their settled entries, one payout at a time. */
    private static final class PayoutAssembler {
        private final Consumer<Payout> sink;
        private final Set<Long> seen = new HashSet<>();
        private ImmutablePayout.Builder current;
        private long currentSeq;

        PayoutAssembler(Consumer<Payout> sink) {
            this.sink = sink;
        }

        void row(ResultSet rs) throws SQLException {
            long seq = rs.getLong(1);
            if (current == null || seq != currentSeq) {
                finish();
                if (!seen.add(seq)) {
                    throw new IllegalStateException("payout rows out of order at " + seq);
                }
                Currency currency = Currency.getInstance(rs.getString(4));
                currentSeq = seq;
                current = ImmutablePayout.builder()
                        .run(rs.getString(2))
                        .partner(rs.getString(3))
                        .currency(currency)
                        .amount(rs.getBigDecimal(5).setScale(currency.getDefaultFractionDigits(), RoundingMode.UNNECESSARY));
            }
            String entryId = rs.getString(6);
            if (entryId != null) {
                current.addEntries(entryId);
            }
        }

        void finish() {
            if (current != null) {
                sink.accept(current.build());
                current = null;
            }
        }
    }

    // ---------------------------------------------------------------- plumbing

    /** A read on the store's connection. */
    @FunctionalInterface
    private interface Read<T> {
        T apply(Connection c) throws SQLException;
    }

    /** One row of a streamed result. */
    @FunctionalInterface
    private interface RowSink {
        void accept(ResultSet rs) throws SQLException;
    }

    private <T> T read(String doing, Read<T> read) {
        Connection c = connection(doing);
        try {
            T result = read.apply(c);
            c.commit();
            return result;
        } catch (SQLException e) {
            rollback(c, e);
            throw SqlErrors.of(doing, e);
        } catch (RuntimeException e) {
            rollback(c, e);
            throw e;
        }
    }

    private void stream(String doing, String sql, String parameter, RowSink sink) {
        read(doing, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(FETCH_SIZE);
                if (parameter != null) {
                    ps.setString(1, parameter);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(rs);
                    }
                }
            }
            return null;
        });
    }

    /** The open connection, or a new one (re-reading the positions) if the last one was lost. */
    private Connection connection(String doing) {
        if (connection == null) {
            Connection c = connect(dataSource, doing);
            try {
                prepare(c);
            } catch (SQLException e) {
                closeQuietly(c);
                throw SqlErrors.of(doing, e);
            } catch (RuntimeException e) {
                closeQuietly(c);
                throw e;
            }
            connection = c;
            LOG.info("ReferralKit store: reconnected");
        }
        return connection;
    }

    private void rollback(Connection c, Throwable cause) {
        if (cause instanceof SQLException e && SqlErrors.connectionLost(e)) {
            dropConnection();
            return;
        }
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
            dropConnection();
        }
    }

    private void dropConnection() {
        closeQuietly(connection);
        connection = null;
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debug("ReferralKit store: closing a connection failed", e);
        }
    }

    /**
     * Closes (or returns to its pool) the store's connection: an open transaction is rolled back, and
     * on PostgreSQL the session's planning setting is reset for the pool's next user.
     */
    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.rollback();
                if (dialect == Dialect.POSTGRESQL) {
                    try (Statement s = connection.createStatement()) {
                        s.execute("RESET plan_cache_mode");
                    }
                    connection.commit();
                }
            } catch (SQLException e) {
                LOG.debug("ReferralKit store: cleaning the connection at close failed", e);
            }
            dropConnection();
        }
    }
}
