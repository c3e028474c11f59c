package dev.referralkit.jdbc;

import static dev.referralkit.jdbc.Rows.entry;
import static dev.referralkit.jdbc.Rows.event;
import static dev.referralkit.jdbc.Rows.payout;
import static dev.referralkit.jdbc.Rows.payoutEntry;
import static dev.referralkit.jdbc.Rows.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.referralkit.jdbc.StoreException.Code;
import dev.referralkit.jdbc.internal.Batch;
import dev.referralkit.jdbc.internal.Dialect;
import dev.referralkit.jdbc.internal.JdbcStore;
import dev.referralkit.jdbc.internal.StoredRecord;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The store contract on a real PostgreSQL server (embedded binaries, see {@link PostgresServer}): a new
 * schema per test. Plus what only PostgreSQL does: the append-only triggers, and a commit that fails.
 */
class PostgresStoreTest extends StoreContract {
    private String schema;

    @Override
    DataSource freshStore() {
        schema = PostgresServer.newSchema();
        return PostgresServer.dataSource(schema);
    }

    @Override
    Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    @Override
    void killStoreSessions() throws SQLException {
        try (Connection c = PostgresServer.admin().getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'rk-" + schema + "'");
        }
    }

    @Test
    void a_checkpoint_row_refused_on_the_inserters_thread_leaves_the_last_checkpoint_and_the_log() throws SQLException {
        store.write(Batch.builder().journal(event("a1")).change(put(1, "a", "1")).build());
        store.checkpoint(sink -> sink.accept(put(1, "a", "1")));
        store.write(Batch.builder().journal(event("a2")).change(put(1, "b", "2")).build());
        List<StoredRecord> before = new ArrayList<>();
        store.readState(before::add);
        assertThat(before).containsExactly(put(1, "a", "1"), put(1, "b", "2"));
        sql("CREATE FUNCTION refuse_second_row() RETURNS trigger LANGUAGE plpgsql AS $$"
                + " BEGIN IF NEW.chunk = 1 THEN RAISE EXCEPTION 'second row refused'; END IF; RETURN NEW; END; $$");
        sql("CREATE TRIGGER refuse_second_row BEFORE INSERT ON rk_state_chunk FOR EACH ROW EXECUTE FUNCTION refuse_second_row()");
        ThreadPoolExecutor inserter = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        try {
            List<StoredRecord> records = checkpointOfFourRows();
            assertThatThrownBy(() -> store.checkpoint(sink -> records.forEach(sink), inserter))
                    .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e).hasMessageContaining("second row refused"));
            assertThat(inserter.getCompletedTaskCount()).as("the first row inserted, the second refused, no third sent")
                    .isEqualTo(2);
        } finally {
            inserter.shutdownNow();
        }
        sql("DROP TRIGGER refuse_second_row ON rk_state_chunk");
        List<StoredRecord> after = new ArrayList<>();
        store.readState(after::add);
        assertThat(after).as("the last checkpoint and the log after it, untouched").isEqualTo(before);
        store.write(Batch.builder().journal(event("a3")).change(put(1, "c", "3")).build());
        List<StoredRecord> reopened = new ArrayList<>();
        reopen().readState(reopened::add);
        assertThat(reopened).containsExactly(put(1, "a", "1"), put(1, "b", "2"), put(1, "c", "3"));
    }

    @Test
    void the_journal_ledger_and_payouts_refuse_updates_deletes_and_truncation() throws SQLException {
        store.write(Batch.builder().journal(event("e1")).journal(event("run1")).entry(entry("e1/p1/commission", "p1", "1.00"))
                .entry(payoutEntry("run1", "p1", "-1.00")).payout(payout("run1", "p1", "1.00", List.of("e1/p1/commission")))
                .build());
        for (String statement : new String[] {
                "UPDATE rk_entries SET amount = 2", "DELETE FROM rk_entries", "TRUNCATE rk_entries CASCADE",
                "UPDATE rk_journal SET fingerprint = 0", "DELETE FROM rk_journal", "TRUNCATE rk_journal CASCADE",
                "UPDATE rk_payouts SET amount = 0", "DELETE FROM rk_payouts", "TRUNCATE rk_payouts CASCADE",
                "DELETE FROM rk_payout_entries", "TRUNCATE rk_payout_entries"}) {
            assertThatThrownBy(() -> sql(statement)).as(statement)
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("23001");
                        assertThat(e.getMessage()).contains("is append-only");
                    });
        }
        assertThat(store.counts()).isEqualTo(new JdbcStore.Counts(2, 2, 1, 0));
    }

    @Test
    void a_commit_refused_by_the_database_leaves_nothing_and_the_store_goes_on() throws SQLException {
        // a deferred constraint is checked at COMMIT: the commit itself fails, definitely
        sql("CREATE TABLE guard (fingerprint BIGINT PRIMARY KEY)");
        sql("ALTER TABLE rk_journal ADD CONSTRAINT journal_guard FOREIGN KEY (fingerprint) REFERENCES guard (fingerprint)"
                + " DEFERRABLE INITIALLY DEFERRED");
        Batch batch = Batch.builder().journal(event("e1")).change(put(1, "k", "v")).entry(entry("e1/p1/commission", "p1", "1.00")).build();
        assertThatThrownBy(() -> store.write(batch))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.sqlState()).contains("23503"))
                .hasMessageStartingWith("cannot commit a batch of 1 events: ");
        assertThat(store.counts()).isEqualTo(new JdbcStore.Counts(0, 0, 0, 0));

        sql("INSERT INTO guard VALUES (" + event("e1").fingerprint() + ")");
        store.write(batch);
        assertThat(store.counts()).isEqualTo(new JdbcStore.Counts(1, 1, 0, 1));
    }

    @Test
    void a_connection_lost_during_commit_makes_the_outcome_unknown_and_the_store_refuses_to_write_on() throws SQLException {
        // the database ends the session while it commits: the client cannot know whether the commit happened
        sql("CREATE FUNCTION end_my_session() RETURNS trigger LANGUAGE plpgsql AS $$"
                + " BEGIN PERFORM pg_terminate_backend(pg_backend_pid()); RETURN NULL; END; $$");
        sql("CREATE CONSTRAINT TRIGGER end_session_at_commit AFTER INSERT ON rk_state_log DEFERRABLE INITIALLY DEFERRED"
                + " FOR EACH ROW EXECUTE FUNCTION end_my_session()");
        Batch batch = Batch.builder().journal(event("e1")).change(put(1, "k", "v")).build();
        assertThatThrownBy(() -> store.write(batch))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(Code.UNREACHABLE));
        sql("DROP TRIGGER end_session_at_commit ON rk_state_log");

        assertThatThrownBy(() -> store.write(Batch.builder().journal(event("e2")).build()))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(Code.FAILED))
                .hasMessageStartingWith("cannot write: an earlier commit failed (")
                .hasMessageEndingWith(") and may or may not have happened; open the store again");
        assertThat(reopen().counts()).isEqualTo(new JdbcStore.Counts(0, 0, 0, 0));
        store.write(batch);
        assertThat(store.counts()).isEqualTo(new JdbcStore.Counts(1, 0, 0, 1));
    }
}
