package dev.referralkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.referralkit.engine.Outcome;
import dev.referralkit.engine.ReferralEngine;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> durable.process(event(EVENTS.get(3))))
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
        java.util.List<dev.referralkit.event.Event> many = touchesAndPayments(DurableEngine.PART + 60);
        open();
        sql("CREATE FUNCTION end_my_session() RETURNS trigger LANGUAGE plpgsql AS $$"
                + " BEGIN PERFORM pg_terminate_backend(pg_backend_pid()); RETURN NULL; END; $$");
        sql("CREATE CONSTRAINT TRIGGER end_session_at_commit AFTER INSERT ON rk_journal DEFERRABLE INITIALLY DEFERRED"
                + " FOR EACH ROW EXECUTE FUNCTION end_my_session()");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> durable.processAll(many))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(StoreException.Code.UNREACHABLE));
        sql("DROP TRIGGER end_session_at_commit ON rk_journal");
        ReferralEngine memory = ReferralEngine.create(program(), partners());
        many.forEach(memory::process);
        java.util.List<Outcome> again = durable.processAll(many);
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
        for (dev.referralkit.event.Event e : events(0, EVENTS.size())) {
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
        java.util.List<dev.referralkit.event.Event> more = touchesAndPayments(60);
        for (dev.referralkit.event.Event e : more) {
            durable.process(e);
            memory.process(e);
        }
        assertThat(sqlLong("SELECT MAX(checkpoint) FROM rk_state_chunk")).isGreaterThan(opened);
        assertThat(open().snapshot()).isEqualTo(memory.snapshot());
    }
}
