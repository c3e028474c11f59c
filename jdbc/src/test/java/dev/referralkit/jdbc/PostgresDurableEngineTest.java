package dev.referralkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.referralkit.engine.Outcome;
import dev.referralkit.engine.ReferralEngine;
import dev.referralkit.event.Event;
import dev.referralkit.jdbc.internal.JdbcStore;
import dev.referralkit.jdbc.internal.StoredRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The durable engine's contract on a real PostgreSQL server (embedded binaries, see
 * {@link PostgresServer}): a new schema per test. Plus what only PostgreSQL can show: a commit whose
 * outcome is unknown.
 */
class PostgresDurableEngineTest extends DurableEngineContract {
    private String schema;

    @Override
    DataSource freshStore() {
        schema = PostgresServer.newSchema();
        return PostgresServer.dataSource(schema);
    }

    @Override
    void killStoreSessions() throws SQLException {
        try (Connection c = PostgresServer.admin().getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'rk-" + schema + "'");
        }
    }

    @Test
    void a_commit_whose_outcome_is_unknown_makes_the_engine_read_the_database_again() throws SQLException {
        open().processAll(events(0, 3));
        // the database ends the session while it commits: the client cannot know whether the commit happened
        sql("CREATE FUNCTION end_my_session() RETURNS trigger LANGUAGE plpgsql AS $$"
                + " BEGIN PERFORM pg_terminate_backend(pg_backend_pid()); RETURN NULL; END; $$");
        sql("CREATE CONSTRAINT TRIGGER end_session_at_commit AFTER INSERT ON rk_journal DEFERRABLE INITIALLY DEFERRED"
                + " FOR EACH ROW EXECUTE FUNCTION end_my_session()");
        assertThatThrownBy(() -> durable.process(event(EVENTS.get(3))))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(StoreException.Code.UNREACHABLE));
        sql("DROP TRIGGER end_session_at_commit ON rk_journal");

        // the next call reads the database again: the event was not stored, so it is accepted now
        Outcome again = durable.process(event(EVENTS.get(3)));
        assertThat(again.isAccepted()).isTrue();
        ReferralEngine memory = ReferralEngine.create(program(), partners());
        events(0, 4).forEach(memory::process);
        assertThat(durable.snapshot()).isEqualTo(memory.snapshot());
    }

    @Test
    void a_pipelined_call_whose_commit_outcome_is_unknown_is_read_back_from_the_database() throws SQLException {
        List<Event> many = touchesAndPayments(DurableEngine.PART + 60);
        open();
        sql("CREATE FUNCTION end_my_session() RETURNS trigger LANGUAGE plpgsql AS $$"
                + " BEGIN PERFORM pg_terminate_backend(pg_backend_pid()); RETURN NULL; END; $$");
        sql("CREATE CONSTRAINT TRIGGER end_session_at_commit AFTER INSERT ON rk_journal DEFERRABLE INITIALLY DEFERRED"
                + " FOR EACH ROW EXECUTE FUNCTION end_my_session()");
        assertThatThrownBy(() -> durable.processAll(many))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(StoreException.Code.UNREACHABLE));
        sql("DROP TRIGGER end_session_at_commit ON rk_journal");
        ReferralEngine memory = ReferralEngine.create(program(), partners());
        many.forEach(memory::process);
        List<Outcome> again = durable.processAll(many);
        assertThat(again).as("nothing was stored, so every event is accepted now").allMatch(Outcome::isAccepted);
        assertThat(durable.snapshot()).isEqualTo(memory.snapshot());
    }

    @Test
    void a_failing_checkpoint_fails_no_call_loses_nothing_and_is_tried_again_later() throws SQLException {
        ds = freshStore();
        durable = DurableEngine.open(ds, program(), partners(), 1);
        long opened = sqlLong("SELECT MAX(checkpoint) FROM rk_state_chunk");
        sql("CREATE FUNCTION refuse_chunks() RETURNS trigger LANGUAGE plpgsql AS $$"
                + " BEGIN RAISE EXCEPTION 'no checkpoint today'; END; $$");
        sql("CREATE TRIGGER refuse_chunks BEFORE INSERT ON rk_state_chunk FOR EACH ROW EXECUTE FUNCTION refuse_chunks()");
        ReferralEngine memory = ReferralEngine.create(program(), partners());
        for (Event e : events(0, EVENTS.size())) {
            assertThat(durable.process(e).isAccepted()).isTrue();
            memory.process(e);
        }
        assertThat(sqlLong("SELECT MAX(checkpoint) FROM rk_state_chunk")).as("no checkpoint got through").isEqualTo(opened);
        assertThat(sqlLong("SELECT SUM(OCTET_LENGTH(changes)) FROM rk_state_log"))
                .as("the log outgrew the checkpoint, so checkpoints were due and failed")
                .isGreaterThan(sqlLong("SELECT SUM(OCTET_LENGTH(records)) FROM rk_state_chunk"));
        assertThat(durable.snapshot()).isEqualTo(memory.snapshot());
        sql("DROP TRIGGER refuse_chunks ON rk_state_chunk");

        // tried again once the log has doubled: more events, then a checkpoint gets through
        List<Event> more = touchesAndPayments(60);
        for (Event e : more) {
            durable.process(e);
            memory.process(e);
        }
        assertThat(sqlLong("SELECT MAX(checkpoint) FROM rk_state_chunk")).isGreaterThan(opened);
        assertThat(open().snapshot()).isEqualTo(memory.snapshot());
    }

    @Test
    void a_populated_version_2_store_is_migrated_and_continued_from_its_rows_of_records() throws SQLException {
        ReferralEngine memory = ReferralEngine.create(program(), partners());
        open().processAll(events(0, 5));
        events(0, 5).forEach(memory::process);
        durable.close();
        durable = null;
        // what version 2 left: every record a row of rk_state, default collations, no state log
        List<StoredRecord> records = new ArrayList<>();
        try (JdbcStore s = JdbcStore.openForReading(ds)) {
            s.readState(records::add);
        }
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO rk_state (kind, key_bytes, version, value_bytes) VALUES (?, ?, ?, ?)")) {
            for (StoredRecord r : records) {
                ps.setShort(1, (short) r.key().kind());
                ps.setBytes(2, r.key().key());
                ps.setShort(3, (short) r.version());
                ps.setBytes(4, r.value());
                ps.executeUpdate();
            }
        }
        sql("DROP TABLE rk_state_log");
        sql("DROP TABLE rk_state_chunk");
        sql("ALTER TABLE rk_payout_entries DROP CONSTRAINT rk_payout_entries_entry");
        sql("ALTER TABLE rk_journal ALTER COLUMN event_id TYPE VARCHAR(128) COLLATE \"default\"");
        sql("ALTER TABLE rk_entries ALTER COLUMN id TYPE VARCHAR(512) COLLATE \"default\"");
        sql("ALTER TABLE rk_entries ALTER COLUMN partner TYPE VARCHAR(128) COLLATE \"default\"");
        sql("ALTER TABLE rk_payouts ALTER COLUMN run TYPE VARCHAR(128) COLLATE \"default\"");
        sql("ALTER TABLE rk_payouts ALTER COLUMN partner TYPE VARCHAR(128) COLLATE \"default\"");
        sql("ALTER TABLE rk_payout_entries ALTER COLUMN entry_id TYPE VARCHAR(512) COLLATE \"default\"");
        sql("ALTER TABLE rk_payout_entries ADD CONSTRAINT rk_payout_entries_entry FOREIGN KEY (entry_id) REFERENCES rk_entries (id)");
        sql("DELETE FROM rk_schema_history WHERE \"version\" = '3'");
        assertThat(sqlLong("SELECT COUNT(*) FROM rk_state")).isEqualTo(records.size());
        long payoutEntries = sqlLong("SELECT COUNT(*) FROM rk_payout_entries");

        // opening migrates to version 3 over the rows and reads rk_state as the base; a checkpoint then empties it
        durable = DurableEngine.open(ds, program(), partners(), 1);
        assertThat(sqlLong("SELECT COUNT(*) FROM rk_schema_history WHERE \"version\" = '3' AND \"success\"")).isEqualTo(1);
        assertThat(sqlLong("SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = current_schema()"
                + " AND table_name = 'rk_entries' AND column_name = 'id' AND collation_name = 'C'")).isEqualTo(1);
        assertThat(durable.snapshot()).isEqualTo(memory.snapshot());
        for (Event e : events(5, EVENTS.size())) {
            assertThat(describe(durable.process(e))).isEqualTo(describe(memory.process(e)));
        }
        assertThat(sqlLong("SELECT COUNT(*) FROM rk_state")).as("emptied by a checkpoint").isZero();
        assertThat(sqlLong("SELECT COUNT(*) FROM rk_payout_entries")).isGreaterThan(payoutEntries);
        assertThat(open().snapshot()).isEqualTo(memory.snapshot());
    }
}
