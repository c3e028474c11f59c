package dev.referralkit.jdbc;

import dev.referralkit.jdbc.internal.JdbcStore;
import dev.referralkit.ledger.Entry;
import dev.referralkit.ledger.Payout;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * What a durable engine stored, read without the program: the ledger, the payout records and the
 * journal's extent, for reports, exports and the command line's {@code ledger}. Opening reads only: it
 * neither migrates nor writes, and refuses a database that holds no store ({@code NO_STORE}) or a newer
 * schema ({@code SCHEMA_TOO_NEW}). Not thread-safe; it keeps one connection open until {@link #close()}.
 */
public final class StoredLedger implements AutoCloseable {
    private final JdbcStore store;

    private StoredLedger(JdbcStore store) {
        this.store = store;
    }

    /**
     * @param dataSource where the store is, not null
     * @return the ledger, open for reading
     * @throws StoreException {@code NO_STORE}, {@code UNREACHABLE}, {@code BAD_CREDENTIALS},
     *                        {@code SCHEMA_TOO_NEW}, {@code SCHEMA_INVALID}, {@code UNSUPPORTED_DATABASE} or
     *                        {@code FAILED}
     */
    public static StoredLedger open(DataSource dataSource) {
        return new StoredLedger(JdbcStore.openForReading(Objects.requireNonNull(dataSource, "dataSource")));
    }

    /**
     * Streams the entries in the order they were made.
     *
     * @param partner a partner id, or null for every partner
     * @param each    receives each entry
     */
    public void forEachEntry(String partner, Consumer<Entry> each) {
        store.readEntries(partner, Objects.requireNonNull(each, "each"));
    }

    /** @return every entry, in the order they were made */
    public List<Entry> entries() {
        return store.entries();
    }

    /**
     * Streams the payout records in the order they were made, each with the entries it settled.
     *
     * @param each receives each payout
     */
    public void forEachPayout(Consumer<Payout> each) {
        store.readPayouts(Objects.requireNonNull(each, "each"));
    }

    /** @return every payout record, in the order they were made */
    public List<Payout> payouts() {
        return store.payouts();
    }

    /** @return how many events the journal holds (accepted events, each once) */
    public long events() {
        return store.journalCount();
    }

    /** @return the id of the event stored last, if any */
    public Optional<String> lastEventId() {
        return store.lastEventId();
    }

    /** Closes the connection. */
    @Override
    public void close() {
        store.close();
    }
}
