package dev.referralkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.engine.Outcome;
import dev.referralkit.engine.ReferralEngine;
import dev.referralkit.engine.ReferralProgram;
import dev.referralkit.engine.state.RecordKind;
import dev.referralkit.event.Event;
import dev.referralkit.jdbc.StoreException.Code;
import dev.referralkit.jdbc.internal.JdbcStore;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.ledger.Entry;
import dev.referralkit.program.Partner;
import dev.referralkit.program.Program;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the durable engine promises, on every database: one subclass per database, each test on a new,
 * empty store. Failures are real: constraints the database enforces, sessions it ends.
 */
abstract class DurableEngineContract {
    static final String PROGRAM = """
            {"currency": "USD", "holdDays": 14,
             "rewards": {"lead": {"type": "flat", "amount": "2.00"},
                         "payment": {"type": "recurring", "months": 12, "reward": {"type": "percent", "percent": "20"}}},
             "parentShare": {"levels": ["10"]},
             "payout": {"minimum": {"USD": "25.00"}}}""";
    static final String PARTNERS = """
            [{"id": "ana"}, {"id": "ben"}, {"id": "cara", "parent": "ana"}]""";
    static final List<String> EVENTS = List.of(
            "{\"type\":\"touch\",\"id\":\"t1\",\"at\":\"2026-01-02T09:00:00Z\",\"partner\":\"ana\",\"customer\":\"acme\",\"channel\":\"link\"}",
            "{\"type\":\"touch\",\"id\":\"t2\",\"at\":\"2026-01-03T10:00:00Z\",\"partner\":\"cara\",\"customer\":\"bolt\",\"channel\":\"coupon\"}",
            "{\"type\":\"lead\",\"id\":\"l1\",\"at\":\"2026-01-04T12:00:00Z\",\"customer\":\"acme\"}",
            "{\"type\":\"payment\",\"id\":\"in1\",\"at\":\"2026-01-05T08:00:00Z\",\"customer\":\"acme\",\"amount\":\"149.00\",\"currency\":\"USD\"}",
            "{\"type\":\"payment\",\"id\":\"in2\",\"at\":\"2026-01-06T08:00:00Z\",\"customer\":\"bolt\",\"amount\":\"199.00\",\"currency\":\"USD\"}",
            "{\"type\":\"refund\",\"id\":\"r1\",\"at\":\"2026-01-09T08:00:00Z\",\"payment\":\"in2\",\"amount\":\"50.00\"}",
            "{\"type\":\"payout_run\",\"id\":\"run-jan\",\"at\":\"2026-01-31T00:00:00Z\"}",
            "{\"type\":\"payment\",\"id\":\"in3\",\"at\":\"2026-02-05T08:00:00Z\",\"customer\":\"acme\",\"amount\":\"149.00\",\"currency\":\"USD\"}",
            "{\"type\":\"payout_run\",\"id\":\"run-feb\",\"at\":\"2026-02-28T00:00:00Z\"}");

    /** @return a data source for a new, empty store */
    abstract DataSource freshStore();

    /** Makes the database end every session of the current store. */
    abstract void killStoreSessions() throws SQLException;

    DataSource ds;
    DurableEngine durable;

    @AfterEach
    void closeEngine() {
        if (durable != null) {
            durable.close();
        }
    }

    static Program program() {
        return Program.parse(PROGRAM);
    }

    static List<Partner> partners() {
        return ReferralProgram.parsePartners(PARTNERS);
    }

    static JsonNode node(String json) {
        return ReferralKitJson.readTree(json, RejectionCode.INVALID_EVENT);
    }

    static Event event(String json) {
        return ReferralKitJson.read(node(json), Event.class, RejectionCode.INVALID_EVENT);
    }

    static List<Event> events(int from, int to) {
        return EVENTS.subList(from, to).stream().map(DurableEngineContract::event).toList();
    }

    DurableEngine open() {
        return open(program(), partners());
    }

    DurableEngine open(Program program, List<Partner> partners) {
        if (durable != null) {
            durable.close();
        }
        if (ds == null) {
            ds = freshStore();
        }
        durable = DurableEngine.open(ds, program, partners);
        return durable;
    }

    JdbcStore.Counts counts() {
        try (JdbcStore s = JdbcStore.openForReading(ds)) {
            return s.counts();
        }
    }

    void sql(String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    long sqlLong(String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String describe(Outcome o) {
        return CrashWorkload.describe(o);
    }

    // ------------------------------------------------------------------ opening and recovering

    @Test
    void opening_a_new_store_stores_the_engine_record_and_the_partners_and_reopening_writes_nothing() throws SQLException {
        open();
        assertThat(records(RecordKind.ENGINE)).isEqualTo(1);
        assertThat(records(RecordKind.PARTNER)).isEqualTo(3);
        assertThat(sqlLong("SELECT meta_value FROM rk_meta WHERE meta_key = 'format'")).isEqualTo(1);
        String snapshot = durable.snapshot();
        assertThat(snapshot).isEqualTo(ReferralEngine.create(program(), partners()).snapshot());
        JdbcStore.Counts before = counts();
        assertThat(open().snapshot()).isEqualTo(snapshot);
        assertThat(counts()).isEqualTo(before);
        assertThat(durable.lastEventId()).isEmpty();
    }

    @Test
    void the_stored_ledger_reads_what_the_engine_stored_without_the_program() {
        List<Outcome> outcomes = open().processAll(events(0, EVENTS.size()));
        try (StoredLedger ledger = StoredLedger.open(ds)) {
            assertThat(ledger.events()).isEqualTo(EVENTS.size());
            assertThat(ledger.lastEventId()).contains("run-feb");
            assertThat(ledger.entries()).containsExactlyElementsOf(outcomes.stream().flatMap(o -> o.entries().stream()).toList());
            assertThat(ledger.payouts()).isNotEmpty()
                    .containsExactlyElementsOf(outcomes.stream().flatMap(o -> o.payouts().stream()).toList());
            List<Entry> caras = new ArrayList<>();
            ledger.forEachEntry("cara", caras::add);
            assertThat(caras).isNotEmpty().allMatch(e -> e.partner().equals("cara"));
            // a writer goes on while the reader is open: the count is read each time
            durable.process(event("{\"type\":\"touch\",\"id\":\"t9\",\"at\":\"2026-03-01T09:00:00Z\","
                    + "\"partner\":\"ana\",\"customer\":\"zed\",\"channel\":\"link\"}"));
            assertThat(ledger.events()).isEqualTo(EVENTS.size() + 1);
        }
    }

    @Test
    void checkpoints_keep_the_state_and_every_reopening_reads_a_checkpoint_and_the_log_after_it() throws SQLException {
        ReferralEngine memory = ReferralEngine.create(program(), partners());
        ds = freshStore();
        long most = 0;
        for (int i = 0; i < EVENTS.size(); i++) {
            try (DurableEngine small = DurableEngine.open(ds, program(), partners(), 1)) {
                memory.process(event(EVENTS.get(i)));
                small.process(event(EVENTS.get(i)));
                assertThat(small.snapshot()).as("after event %d", i).isEqualTo(memory.snapshot());
            }
            most = Math.max(most, sqlLong("SELECT COUNT(*) FROM rk_state_log"));
            assertThat(sqlLong("SELECT COALESCE(SUM(OCTET_LENGTH(changes)), 0) FROM rk_state_log"))
                    .as("after a call the log is smaller than twice the checkpoint, or a checkpoint was due")
                    .isLessThan(2 * sqlLong("SELECT SUM(OCTET_LENGTH(records)) FROM rk_state_chunk"));
        }
        assertThat(most).as("some writes were logged, not checkpointed at once").isGreaterThan(0);
        assertThat(sqlLong("SELECT COUNT(*) FROM rk_state")).isZero();
        assertThat(open().snapshot()).as("opened with the default, from a checkpoint and a log").isEqualTo(memory.snapshot());
        assertThatThrownBy(() -> DurableEngine.open(ds, program(), partners(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("checkpointBytes must be at least 1, is 0");
    }

    /** A touch and a payment for each of {@code customers} customers, a second apart. */
    static List<Event> touchesAndPayments(int customers) {
        List<Event> events = new ArrayList<>();
        Instant start = Instant.parse("2026-03-01T00:00:00Z");
        for (int i = 0; i < customers; i++) {
            events.add(event("{\"type\":\"touch\",\"id\":\"t" + i + "\",\"at\":\"" + start.plusSeconds(2L * i)
                    + "\",\"partner\":\"" + (i % 3 == 0 ? "cara" : "ben") + "\",\"customer\":\"c" + i + "\",\"channel\":\"link\"}"));
            events.add(event("{\"type\":\"payment\",\"id\":\"p" + i + "\",\"at\":\"" + start.plusSeconds(2L * i + 1)
                    + "\",\"customer\":\"c" + i + "\",\"amount\":\"" + (10 + i % 7) + ".00\",\"currency\":\"USD\"}"));
        }
        return events;
    }

    @Test
    void a_call_longer_than_a_part_is_one_transaction_that_a_failing_part_leaves_unstored() throws SQLException {
        List<Event> many = touchesAndPayments(DurableEngine.PART * 2 + 40);
        assertThat(many).hasSizeGreaterThan(4 * DurableEngine.PART);
        open();
        String before = durable.snapshot();
        JdbcStore.Counts stored = counts();
        // a journal row the engine does not know, with the id of an event about 510 accepted events in: the part
        // holding it (which one depends on timing) is refused by the unique constraint, the later ones skipped
        String foreign = many.get(2 * DurableEngine.PART + 10).id();
        sql("INSERT INTO rk_journal (seq, event_id, fingerprint, event) VALUES (1000000000, '" + foreign + "', 0, '{}')");
        assertThatThrownBy(() -> durable.processAll(many))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(Code.CONFLICT));
        assertThat(durable.snapshot()).as("the engine is undone").isEqualTo(before);
        assertThat(counts()).as("nothing of any part is stored")
                .isEqualTo(new JdbcStore.Counts(stored.journal() + 1, stored.entries(), stored.payouts(), stored.records()));

        List<Event> without = many.stream().filter(e -> !e.id().equals(foreign)).toList();
        ReferralEngine memory = ReferralEngine.create(program(), partners());
        List<Outcome> wanted = without.stream().map(memory::process).toList();
        List<Outcome> got = durable.processAll(without);
        assertThat(got).extracting(DurableEngineContract::describe)
                .containsExactlyElementsOf(wanted.stream().map(DurableEngineContract::describe).toList());
        assertThat(got).allMatch(Outcome::isAccepted);
        assertThat(durable.entries()).hasSizeGreaterThan(DurableEngine.PART)
                .containsExactlyElementsOf(wanted.stream().flatMap(o -> o.entries().stream()).toList());
        assertThat(open().snapshot()).isEqualTo(memory.snapshot());
    }

    @Test
    void every_accepted_event_is_stored_and_a_new_engine_continues_exactly_where_the_last_stopped() {
        ReferralEngine memory = ReferralEngine.create(program(), partners());
        open();
        List<Outcome> wanted = new ArrayList<>();
        List<Outcome> got = new ArrayList<>();
        for (int i = 0; i < EVENTS.size(); i++) {
            if (i == 3 || i == 6) {
                open(); // a new process: recovered from what is stored
            }
            wanted.add(memory.process(event(EVENTS.get(i))));
            got.add(durable.process(event(EVENTS.get(i))));
            assertThat(durable.snapshot()).as("after event %d", i).isEqualTo(memory.snapshot());
        }
        assertThat(got).extracting(DurableEngineContract::describe).containsExactlyElementsOf(
                wanted.stream().map(DurableEngineContract::describe).toList());
        assertThat(got).allMatch(Outcome::isAccepted);
        List<Entry> ledger = wanted.stream().flatMap(o -> o.entries().stream()).toList();
        assertThat(ledger).hasSizeGreaterThan(8);
        assertThat(durable.entries()).containsExactlyElementsOf(ledger);
        assertThat(durable.payouts()).containsExactlyElementsOf(wanted.stream().flatMap(o -> o.payouts().stream()).toList())
                .isNotEmpty();
        assertThat(open().snapshot()).isEqualTo(memory.snapshot());
        assertThat(durable.balances(Instant.parse("2026-03-31T00:00:00Z")))
                .isEqualTo(memory.balances(Instant.parse("2026-03-31T00:00:00Z")));
        assertThat(durable.lastEventId()).contains("run-feb");
        List<Entry> anas = new ArrayList<>();
        durable.forEachEntry("ana", anas::add);
        assertThat(anas).isNotEmpty().allMatch(e -> e.partner().equals("ana"))
                .containsExactlyElementsOf(ledger.stream().filter(e -> e.partner().equals("ana")).toList());
    }

    @Test
    void rejected_events_and_duplicates_write_nothing() {
        open().processAll(events(0, 5));
        JdbcStore.Counts before = counts();
        String state = durable.snapshot();

        Outcome unknown = durable.process(event("{\"type\":\"touch\",\"id\":\"t9\",\"at\":\"2026-01-07T09:00:00Z\","
                + "\"partner\":\"nobody\",\"customer\":\"x\",\"channel\":\"link\"}"));
        Outcome malformed = durable.process(node("{\"type\":\"payment\",\"id\":\"bad\",\"at\":\"2026-01-07T09:00:00Z\","
                + "\"customer\":\"x\",\"amount\":\"1.001\",\"currency\":\"USD\"}"));
        Outcome notAnEvent = durable.process(node("{\"type\":\"teleport\",\"id\":\"q\"}"));
        List<Outcome> again = open().processAll(events(0, 5));

        assertThat(unknown.rejection().orElseThrow().code()).isEqualTo(RejectionCode.UNKNOWN_PARTNER);
        assertThat(malformed.rejection().orElseThrow().code()).isEqualTo(RejectionCode.INVALID_AMOUNT);
        assertThat(notAnEvent.rejection().orElseThrow().code()).isEqualTo(RejectionCode.INVALID_EVENT);
        assertThat(again).allSatisfy(o -> assertThat(o.rejection().orElseThrow().code()).isEqualTo(RejectionCode.DUPLICATE));
        assertThat(counts()).isEqualTo(before);
        assertThat(durable.snapshot()).isEqualTo(state);
        Outcome conflict = durable.process(event(EVENTS.get(3).replace("149.00", "150.00")));
        assertThat(conflict.rejection().orElseThrow().code()).isEqualTo(RejectionCode.DUPLICATE_CONFLICT);
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void a_batch_stores_what_one_call_per_event_stores() {
        DataSource first = freshStore();
        ds = first;
        List<Outcome> single = new ArrayList<>();
        for (Event e : events(0, EVENTS.size())) {
            single.add(open().process(e));
        }
        String state = durable.snapshot();
        List<Entry> ledger = durable.entries();
        durable.close();
        durable = null;

        ds = freshStore();
        List<Outcome> batched = new ArrayList<>(open().processAll(events(0, 4)));
        batched.addAll(durable.processAll(events(4, EVENTS.size())));
        assertThat(batched).extracting(DurableEngineContract::describe)
                .containsExactlyElementsOf(single.stream().map(DurableEngineContract::describe).toList());
        assertThat(durable.snapshot()).isEqualTo(state);
        assertThat(durable.entries()).containsExactlyElementsOf(ledger);
        assertThat(durable.processAll(List.of())).isEmpty();
    }

    @Test
    void under_until_payout_run_the_journal_remembers_the_ids_the_engine_forgot() {
        Program forgetting = Program.parse(PROGRAM.replace("\"holdDays\": 14,",
                "\"holdDays\": 14, \"retention\": {\"eventIds\": \"until_payout_run\"},"));
        ReferralEngine memory = ReferralEngine.create(forgetting, partners());
        List<Event> history = events(0, EVENTS.size()); // run-feb forgets January's ids
        history.forEach(memory::process);
        open(forgetting, partners()).processAll(history);
        JdbcStore.Counts before = counts();

        Event again = event(EVENTS.get(3));
        assertThat(memory.process(again).rejection().orElseThrow().code()).isEqualTo(RejectionCode.LATE_EVENT);
        Outcome duplicate = durable.process(again);
        assertThat(duplicate.rejection().orElseThrow().code()).isEqualTo(RejectionCode.DUPLICATE);
        assertThat(duplicate.rejection().orElseThrow().message())
                .isEqualTo("payment in1: already accepted with identical content; nothing changed");

        Event reused = event(EVENTS.get(3).replace("2026-01-05", "2026-03-02"));
        assertThat(memory.process(reused).isAccepted()).as("the in-memory engine forgot in1").isTrue();
        Outcome conflict = open(forgetting, partners()).process(reused);
        assertThat(conflict.rejection().orElseThrow().code()).isEqualTo(RejectionCode.DUPLICATE_CONFLICT);
        assertThat(conflict.rejection().orElseThrow().message()).isEqualTo("payment in1: already accepted with different content");
        assertThat(counts()).isEqualTo(before);

        // within one transaction: x1 is accepted, forgotten by the April run, and given again with other content
        List<Outcome> batch = durable.processAll(List.of(
                event("{\"type\":\"payment\",\"id\":\"x1\",\"at\":\"2026-03-03T08:00:00Z\",\"customer\":\"acme\",\"amount\":\"10.00\",\"currency\":\"USD\"}"),
                event("{\"type\":\"payout_run\",\"id\":\"run-mar\",\"at\":\"2026-04-01T00:00:00Z\"}"),
                event("{\"type\":\"payment\",\"id\":\"x1\",\"at\":\"2026-04-02T08:00:00Z\",\"customer\":\"acme\",\"amount\":\"11.00\",\"currency\":\"USD\"}")));
        assertThat(batch).extracting(o -> o.rejection().map(r -> r.code().name()).orElse("accepted"))
                .containsExactly("accepted", "accepted", "DUPLICATE_CONFLICT");
        assertThat(counts().journal()).isEqualTo(before.journal() + 2);
    }

    // ------------------------------------------------------------------ failed transactions

    @Test
    void a_transaction_the_database_refuses_leaves_memory_and_the_store_as_they_were() throws SQLException {
        open().processAll(events(0, 3));
        String state = durable.snapshot();
        JdbcStore.Counts before = counts();
        // the database refuses the entry in1 makes: its whole transaction fails
        sql("ALTER TABLE rk_entries ADD CONSTRAINT small_entries CHECK (amount < 20)");

        assertThatThrownBy(() -> durable.processAll(events(3, 5)))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(Code.FAILED));
        assertThat(durable.snapshot()).as("memory after the failed transaction").isEqualTo(state);
        assertThat(counts()).isEqualTo(before);

        sql("ALTER TABLE rk_entries DROP CONSTRAINT small_entries");
        List<Outcome> retried = durable.processAll(events(3, 5));
        assertThat(retried).allMatch(Outcome::isAccepted); // not DUPLICATEs: memory forgot them
        ReferralEngine memory = ReferralEngine.create(program(), partners());
        events(0, 5).forEach(memory::process);
        assertThat(durable.snapshot()).isEqualTo(memory.snapshot());
        assertThat(open().snapshot()).isEqualTo(memory.snapshot());
    }

    @Test
    void a_failed_payout_run_that_forgot_event_ids_rebuilds_the_engine_from_the_database() throws SQLException {
        Program forgetting = Program.parse(PROGRAM.replace("\"holdDays\": 14,",
                "\"holdDays\": 14, \"retention\": {\"eventIds\": \"until_payout_run\"},"));
        open(forgetting, partners()).processAll(events(0, 8));
        String state = durable.snapshot();
        JdbcStore.Counts before = counts();
        sql("ALTER TABLE rk_journal ADD CONSTRAINT no_february_run CHECK (event_id <> 'run-feb')");

        Event run = events(8, 9).get(0);
        ReferralEngine probe = ReferralEngine.restore(forgetting, state);
        assertThat(probe.process(run).changes()).as("the run forgets January's ids")
                .anyMatch(c -> c instanceof dev.referralkit.engine.stage.Change.ForgottenEvents);
        assertThatThrownBy(() -> durable.process(run)).isInstanceOf(StoreException.class);
        assertThat(durable.snapshot()).as("rebuilt from the database").isEqualTo(state);
        assertThat(counts()).isEqualTo(before);

        sql("ALTER TABLE rk_journal DROP CONSTRAINT no_february_run");
        assertThat(durable.process(run).isAccepted()).isTrue();
        ReferralEngine memory = ReferralEngine.create(forgetting, partners());
        events(0, 9).forEach(memory::process);
        assertThat(durable.snapshot()).isEqualTo(memory.snapshot());
    }

    @Test
    void a_connection_the_database_ends_is_replaced_on_the_next_call() throws SQLException {
        open().processAll(events(0, 3));
        killStoreSessions();
        List<Outcome> outcomes = new ArrayList<>();
        for (Event e : events(3, 5)) {
            try {
                outcomes.add(durable.process(e));
            } catch (StoreException failed) {
                assertThat(failed.code()).isIn(Code.UNREACHABLE, Code.FAILED);
                outcomes.add(durable.process(e)); // given again: a new connection
            }
        }
        assertThat(outcomes).allMatch(Outcome::isAccepted);
        ReferralEngine memory = ReferralEngine.create(program(), partners());
        events(0, 5).forEach(memory::process);
        assertThat(open().snapshot()).isEqualTo(memory.snapshot());
    }

    // ------------------------------------------------------------------ programs

    @Test
    void a_program_with_a_version_added_continues_and_another_program_is_refused_saying_what_changed() throws SQLException {
        open().processAll(events(0, 5));
        JdbcStore.Counts before = counts();
        Program other = Program.parse(PROGRAM.replace("\"percent\": \"20\"", "\"percent\": \"25\""));
        assertThatThrownBy(() -> open(other, partners()))
                .isInstanceOfSatisfying(ReferralKitException.class, e -> assertThat(e.code()).isEqualTo(RejectionCode.INVALID_PROGRAM))
                .hasMessageContaining("the state was made with another program");
        durable = null;
        assertThat(counts()).isEqualTo(before);

        Program versioned = Program.parse(PROGRAM.replace("\"parentShare\"", """
                "versions": [{"from": "2026-03-01T00:00:00Z",
                              "rewards": {"payment": {"type": "recurring", "reward": {"type": "percent", "percent": "30"}}}}],
                "parentShare\""""));
        Program tooEarly = Program.parse(PROGRAM.replace("\"parentShare\"", """
                "versions": [{"from": "2026-01-05T00:00:00Z",
                              "rewards": {"payment": {"type": "percent", "percent": "30"}}}],
                "parentShare\""""));
        assertThatThrownBy(() -> open(tooEarly, partners()))
                .isInstanceOfSatisfying(ReferralKitException.class, e -> assertThat(e.code()).isEqualTo(RejectionCode.INVALID_PROGRAM));
        durable = null;
        String engineRecord = engineRecordHex();
        open(versioned, partners());
        assertThat(engineRecordHex()).as("the engine record now holds the version's fingerprint").isNotEqualTo(engineRecord);
        Outcome march = open(versioned, partners()).process(event(EVENTS.get(7).replace("2026-02-05", "2026-03-05")));
        assertThat(march.entries()).as(describe(march)).extracting(e -> e.amount().toPlainString()).first().isEqualTo("44.70");
        assertThatThrownBy(() -> open(program(), partners()))
                .isInstanceOfSatisfying(ReferralKitException.class, e -> assertThat(e.code()).isEqualTo(RejectionCode.INVALID_PROGRAM))
                .hasMessageContaining("versions can be added, never removed");
        durable = null;
    }

    private String engineRecordHex() {
        List<String> found = new ArrayList<>();
        try (JdbcStore s = JdbcStore.openForReading(ds)) {
            s.readState(r -> {
                if (r.key().kind() == RecordKind.ENGINE.code()) {
                    found.add(CrashWorkload.hex(r.value()));
                }
            });
        }
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    /** @return how many records of a kind the store holds, as the engine reads them back */
    long records(RecordKind kind) {
        long[] n = {0};
        try (JdbcStore s = JdbcStore.openForReading(ds)) {
            s.readState(r -> n[0] += r.key().kind() == kind.code() ? 1 : 0);
        }
        return n[0];
    }

    @Test
    void a_partner_added_to_the_list_is_stored_when_the_engine_opens() throws SQLException {
        open().processAll(events(0, 2));
        List<Partner> more = new ArrayList<>(partners());
        more.add(ReferralProgram.parsePartners("[{\"id\": \"dan\"}]").get(0));
        open(program(), more);
        assertThat(records(RecordKind.PARTNER)).isEqualTo(4);
        Outcome touch = durable.process(event("{\"type\":\"touch\",\"id\":\"t7\",\"at\":\"2026-01-07T09:00:00Z\","
                + "\"partner\":\"dan\",\"customer\":\"zed\",\"channel\":\"link\"}"));
        assertThat(touch.isAccepted()).isTrue();
        Outcome later = open(program(), partners()).process(event("{\"type\":\"touch\",\"id\":\"t8\","
                + "\"at\":\"2026-01-08T09:00:00Z\",\"partner\":\"dan\",\"customer\":\"yan\",\"channel\":\"link\"}"));
        assertThat(later.isAccepted()).as("dan is stored, though no longer listed").isTrue();
        assertThat(records(RecordKind.PARTNER)).isEqualTo(4);
    }

    // ------------------------------------------------------------------ what a newer library left

    /** Writes into version 2's table of records, which a store reads as the base under its state log. */
    @Test
    void records_of_a_kind_or_format_this_library_does_not_know_are_refused_before_anything_is_written() throws SQLException {
        open().processAll(events(0, 3));
        durable.close();
        durable = null;
        JdbcStore.Counts before = counts();
        insertRecord(99, new byte[] {99, 1}, new byte[] {1, 0});
        assertThatThrownBy(this::open)
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(Code.SCHEMA_TOO_NEW))
                .hasMessage("the store holds records of kind 99, unknown to this library: use a newer ReferralKit");
        sql("DELETE FROM rk_state WHERE kind = 99");

        insertRecord(RecordKind.CUSTOMER.code(), customerKey(), new byte[] {2, 0});
        assertThatThrownBy(this::open)
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(Code.SCHEMA_TOO_NEW))
                .hasMessage("the store holds records in format 2, newer than this library's 1: use a newer ReferralKit");
        sql("DELETE FROM rk_state WHERE version = 2");

        insertRecord(RecordKind.CUSTOMER.code(), customerKey(), new byte[] {1, 7});
        assertThatThrownBy(this::open)
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(Code.SCHEMA_INVALID))
                .hasMessageStartingWith("the store's record 04");
        deleteRecord(customerKey());

        sql("UPDATE rk_meta SET meta_value = '2' WHERE meta_key = 'format'");
        assertThatThrownBy(this::open)
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(Code.SCHEMA_TOO_NEW))
                .hasMessage("the store's records are in format 2, newer than this library's 1: use a newer ReferralKit");
        sql("UPDATE rk_meta SET meta_value = '1' WHERE meta_key = 'format'");
        assertThat(counts()).isEqualTo(before);
        assertThat(open().process(event(EVENTS.get(3))).isAccepted()).isTrue();
    }

    private static byte[] customerKey() {
        byte[] key = new byte[17];
        key[0] = RecordKind.CUSTOMER.code();
        key[16] = 42;
        return key;
    }

    private void deleteRecord(byte[] key) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("DELETE FROM rk_state WHERE key_bytes = ?")) {
            ps.setBytes(1, key);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    private void insertRecord(int kind, byte[] key, byte[] value) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO rk_state (kind, key_bytes, version, value_bytes) VALUES (?, ?, ?, ?)")) {
            ps.setShort(1, (short) kind);
            ps.setBytes(2, key);
            ps.setShort(3, value[0]);
            ps.setBytes(4, value);
            ps.executeUpdate();
        }
    }

    @Test
    void a_closed_engine_refuses_calls() {
        open().close();
        assertThatThrownBy(() -> durable.process(event(EVENTS.get(0)))).isInstanceOf(IllegalStateException.class)
                .hasMessage("this durable engine is closed");
        durable = null;
    }
}
