package dev.referralkit.jdbc;

import static dev.referralkit.jdbc.Rows.delete;
import static dev.referralkit.jdbc.Rows.entry;
import static dev.referralkit.jdbc.Rows.event;
import static dev.referralkit.jdbc.Rows.key;
import static dev.referralkit.jdbc.Rows.payout;
import static dev.referralkit.jdbc.Rows.payoutEntry;
import static dev.referralkit.jdbc.Rows.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.referralkit.jdbc.StoreException.Code;
import dev.referralkit.jdbc.internal.Batch;
import dev.referralkit.jdbc.internal.Dialect;
import dev.referralkit.jdbc.internal.JdbcStore;
import dev.referralkit.jdbc.internal.JournalMark;
import dev.referralkit.jdbc.internal.JournalRow;
import dev.referralkit.jdbc.internal.PrefixDeletion;
import dev.referralkit.jdbc.internal.RecordKey;
import dev.referralkit.jdbc.internal.StoredRecord;
import dev.referralkit.jdbc.internal.StoreMeta;
import dev.referralkit.ledger.Entry;
import dev.referralkit.ledger.Explanation;
import dev.referralkit.ledger.ImmutableEntry;
import dev.referralkit.ledger.Payout;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the store promises, on every database it runs on: one subclass per database, each test on a
 * new, empty store. Nothing is mocked: failures come from real constraints, real sessions killed by
 * the server, and real schema histories.
 */
abstract class StoreContract {
    /** @return a data source for a new, empty store (a new file or a new schema) */
    abstract DataSource freshStore();

    /** @return the dialect the store must detect */
    abstract Dialect dialect();

    /** Makes the database end every session of the current store, as an administrator would. */
    abstract void killStoreSessions() throws SQLException;

    DataSource ds;
    JdbcStore store;

    @BeforeEach
    void openFreshStore() {
        ds = freshStore();
        store = JdbcStore.open(ds);
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    JdbcStore reopen() {
        store.close();
        store = JdbcStore.open(ds);
        return store;
    }

    long sqlLong(String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    void sql(String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    List<String> history() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT \"version\", \"success\" FROM \"rk_schema_history\""
                     + " WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + ":" + rs.getBoolean(2));
            }
        }
        return rows;
    }

    // ------------------------------------------------------------------ opening and migrating

    @Test
    void opening_a_new_database_migrates_it_to_the_latest_schema() throws SQLException {
        assertThat(store.dialect()).isEqualTo(dialect());
        assertThat(history()).containsExactly("1:true", "2:true", "3:true");
        assertThat(store.counts()).isEqualTo(new JdbcStore.Counts(0, 0, 0, 0));
        assertThat(JdbcStore.schemaVersion()).isEqualTo("3");
    }

    @Test
    void reopening_migrates_nothing_and_keeps_every_row() throws SQLException {
        store.write(Batch.builder().journal(event("i1")).change(put(1, "c1", "v")).entry(entry("i1/p1/commission", "p1", "20.00")).build());
        reopen();
        assertThat(history()).containsExactly("1:true", "2:true", "3:true");
        assertThat(store.counts()).isEqualTo(new JdbcStore.Counts(1, 1, 0, 1));
    }

    @Test
    void a_schema_holding_the_hosts_own_tables_is_baselined_and_migrated() throws SQLException {
        DataSource other = freshStore();
        try (Connection c = other.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE host_orders (id INTEGER PRIMARY KEY)");
            s.execute("INSERT INTO host_orders VALUES (7)");
        }
        ds = other;
        try (JdbcStore second = JdbcStore.open(other)) {
            second.write(Batch.builder().journal(event("i1")).build());
            assertThat(second.counts().journal()).isEqualTo(1);
        }
        assertThat(history()).containsExactly("0:true", "1:true", "2:true", "3:true");
        assertThat(sqlLong("SELECT COUNT(*) FROM host_orders")).isEqualTo(1);
    }

    @Test
    void a_schema_newer_than_the_code_is_refused_before_anything_is_written() throws SQLException {
        store.write(Batch.builder().journal(event("i1")).entry(entry("i1/p1/commission", "p1", "20.00")).build());
        store.close();
        store = null;
        // what a newer library would have left: a migration this code does not know
        sql("INSERT INTO \"rk_schema_history\" (\"installed_rank\", \"version\", \"description\", \"type\", \"script\","
                + " \"checksum\", \"installed_by\", \"execution_time\", \"success\")"
                + " VALUES (4, '4', 'from the future', 'SQL', 'V4__from_the_future.sql', 1, 'rk', 1, TRUE)");
        List<String> before = history();

        assertThatThrownBy(() -> JdbcStore.open(ds))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(Code.SCHEMA_TOO_NEW))
                .hasMessage("the database's ReferralKit schema is at version 4, newer than this library's 3:"
                        + " use a newer ReferralKit; nothing was written");

        assertThat(history()).isEqualTo(before);
        assertThat(sqlLong("SELECT COUNT(*) FROM rk_journal")).isEqualTo(1);
        assertThat(sqlLong("SELECT COUNT(*) FROM rk_entries")).isEqualTo(1);
    }

    @Test
    void a_failed_migration_in_the_history_is_refused() throws SQLException {
        store.close();
        store = null;
        sql("UPDATE \"rk_schema_history\" SET \"success\" = FALSE WHERE \"version\" = '2'");
        assertThatThrownBy(() -> JdbcStore.open(ds))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(Code.SCHEMA_INVALID))
                .hasMessageContaining("migration to version 2 failed earlier");
    }

    @Test
    void an_altered_migration_is_refused() throws SQLException {
        store.close();
        store = null;
        sql("UPDATE \"rk_schema_history\" SET \"checksum\" = 42 WHERE \"version\" = '1'");
        assertThatThrownBy(() -> JdbcStore.open(ds))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(Code.SCHEMA_INVALID))
                .hasMessageStartingWith("the database's ReferralKit schema does not match this library's migrations: ");
    }

    // ------------------------------------------------------------------ writing and reading back

    @Test
    void a_batch_is_read_back_exactly() {
        Instant nanos = Instant.parse("2026-02-02T10:00:00.123456789Z");
        Instant endOfSecond = Instant.parse("2026-02-02T10:00:00.999999999Z");
        List<Entry> entries = List.of(
                entry("i1/p1/commission", "p1", "20.00", "USD", nanos),
                entry("i1/p1/commission/parent/p0", "p0", "2.00", "USD", endOfSecond),
                entry("i2/p1/commission", "p1", "1.234", "KWD", Instant.parse("1970-01-01T00:00:00Z")),
                entry("i3/p2/commission", "p2", "1500", "JPY", Instant.parse("2262-04-11T23:47:16.854775807Z")),
                entry("r1/p1/reversal", "p1", "-8.00", "USD", nanos),
                entry("i4/p1/commission", "p1", "999999999999999.99", "USD", nanos),
                payoutEntry("run1", "p1", "-12.00"));
        Payout paid = payout("run1", "p1", "12.00", List.of("i1/p1/commission", "r1/p1/reversal"));
        Batch.Builder b = Batch.builder().journal(event("i1")).journal(event("i2")).journal(event("i3"))
                .journal(event("r1")).journal(event("i4")).journal(event("run1"));
        entries.forEach(b::entry);
        store.write(b.payout(paid).build());

        for (JdbcStore s : List.of(store, reopen())) {
            List<Entry> read = s.entries();
            assertThat(read).containsExactlyElementsOf(entries);
            for (int i = 0; i < entries.size(); i++) {
                Entry want = entries.get(i);
                Entry got = read.get(i);
                assertThat(got.amount()).isEqualTo(want.amount()); // BigDecimal.equals: same scale too
                assertThat(got.availableAt()).isEqualTo(want.availableAt());
                assertThat(got.explanation().text()).isEqualTo(want.explanation().text());
                assertThat(got.explanation().rule()).isEqualTo(want.explanation().rule());
                assertThat(got.customer()).isEqualTo(want.customer());
            }
            assertThat(s.payouts()).containsExactly(paid);
        }
    }

    @Test
    void the_journal_reads_back_in_order_with_fingerprints_and_events() {
        store.write(Batch.builder().journal(event("e1")).journal(event("e2")).build());
        store.write(Batch.builder().journal(event("e3")).build());
        reopen().write(Batch.builder().journal(event("e4")).build());

        List<JournalMark> marks = new ArrayList<>();
        store.readJournal(marks::add);
        assertThat(marks).containsExactly(
                new JournalMark(1, "e1", event("e1").fingerprint()), new JournalMark(2, "e2", event("e2").fingerprint()),
                new JournalMark(3, "e3", event("e3").fingerprint()), new JournalMark(4, "e4", event("e4").fingerprint()));
        List<JournalRow> events = new ArrayList<>();
        store.readEvents(events::add);
        assertThat(events).containsExactly(event("e1"), event("e2"), event("e3"), event("e4"));
        assertThat(store.fingerprint("e3")).contains(event("e3").fingerprint());
        assertThat(store.fingerprint("e5")).isEmpty();
    }

    @Test
    void positions_continue_without_gaps_across_reopening() throws SQLException {
        store.write(Batch.builder().journal(event("e1")).entry(entry("e1/p1/commission", "p1", "1.00")).build());
        reopen().write(Batch.builder().journal(event("e2")).entry(entry("e2/p1/commission", "p1", "2.00"))
                .entry(entry("e2/p2/commission", "p2", "3.00")).build());
        assertThat(sqlLong("SELECT MAX(seq) FROM rk_journal")).isEqualTo(2);
        assertThat(sqlLong("SELECT MAX(seq) FROM rk_entries")).isEqualTo(3);
        assertThat(sqlLong("SELECT COUNT(DISTINCT seq) FROM rk_entries")).isEqualTo(3);
    }

    @Test
    void one_partners_ledger_is_read_in_ledger_order() {
        store.write(Batch.builder().journal(event("e1"))
                .entry(entry("e1/p1/commission", "p1", "1.00"))
                .entry(entry("e1/p2/commission", "p2", "2.00"))
                .entry(entry("e1/p1/commission/x", "p1", "3.00")).build());
        store.write(Batch.builder().journal(event("e2")).entry(entry("e2/p1/commission", "p1", "4.00")).build());
        List<String> ids = new ArrayList<>();
        store.readEntries("p1", e -> ids.add(e.id()));
        assertThat(ids).containsExactly("e1/p1/commission", "e1/p1/commission/x", "e2/p1/commission");
        List<String> none = new ArrayList<>();
        store.readEntries("p9", e -> none.add(e.id()));
        assertThat(none).isEmpty();
    }

    @Test
    void the_last_change_to_a_record_in_a_batch_wins() {
        store.write(Batch.builder().change(put(1, "a", "a1")).change(put(1, "b", "b1")).change(put(2, "a", "x")).build());
        store.write(Batch.builder()
                .change(put(1, "a", "a2")).change(delete(1, "a")).change(put(1, "a", "a3")) // put wins
                .change(put(1, "b", "b2")).change(delete(1, "b"))                          // delete wins
                .change(delete(1, "never-stored"))
                .change(put(1, "c", "c1"))
                .build());
        List<StoredRecord> read = new ArrayList<>();
        reopen().readState(read::add);
        assertThat(read).containsExactly(put(1, "a", "a3"), put(1, "c", "c1"), put(2, "a", "x"));
    }

    @Test
    void a_prefix_deletion_removes_a_kinds_keys_under_it_in_order_with_the_batchs_other_changes() {
        store.write(Batch.builder()
                .change(put(4, "a", "1")).change(put(4, "ab", "2")).change(put(4, "abc", "3")).change(put(4, "b", "4"))
                .change(put(5, "ab", "another kind"))
                .change(new StoredRecord(new RecordKey(6, new byte[] {(byte) 0xFF, 0x01}), 1, new byte[] {1}))
                .change(new StoredRecord(new RecordKey(6, new byte[] {(byte) 0xFF, (byte) 0xFF, 0x02}), 1, new byte[] {2}))
                .change(new StoredRecord(new RecordKey(6, new byte[] {(byte) 0xFE}), 1, new byte[] {3}))
                .change(put(7, "x", "1")).change(put(7, "y", "2"))
                .build());
        store.write(Batch.builder()
                .change(put(4, "abd", "written before")).change(new PrefixDeletion(4, bytes("ab")))
                .change(put(4, "abe", "written after"))
                .change(new PrefixDeletion(6, new byte[] {(byte) 0xFF}))   // no upper bound
                .change(new PrefixDeletion(7, new byte[0]))                 // the whole kind
                .build());
        List<StoredRecord> read = new ArrayList<>();
        reopen().readState(read::add);
        assertThat(read).containsExactly(put(4, "a", "1"), put(4, "abe", "written after"), put(4, "b", "4"),
                put(5, "ab", "another kind"),
                new StoredRecord(new RecordKey(6, new byte[] {(byte) 0xFE}), 1, new byte[] {3}));
    }

    private void sqlWithBytes(String sql, byte[]... parameters) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setBytes(i + 1, parameters[i]);
            }
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void records_are_read_by_kind_then_by_unsigned_key_bytes() {
        byte[][] keys = {{(byte) 0xFF}, {0x00, 0x01}, {0x01}, {(byte) 0x80}, {0x7F}, {0x01, 0x00}, {0x00}};
        Batch.Builder b = Batch.builder();
        for (int kind : new int[] {300, 2, 0}) {
            for (byte[] k : keys) {
                b.change(new StoredRecord(new RecordKey(kind, k), kind, new byte[] {(byte) kind}));
            }
        }
        store.write(b.build());
        List<RecordKey> read = new ArrayList<>();
        store.readState(r -> read.add(r.key()));
        assertThat(read).hasSize(21).isSorted();
        assertThat(read.get(0)).isEqualTo(new RecordKey(0, new byte[] {0x00}));
        assertThat(read.get(6)).isEqualTo(new RecordKey(0, new byte[] {(byte) 0xFF}));
    }

    @Test
    void large_events_and_records_are_stored_whole() {
        String bigJson = "{\"type\":\"lead\",\"id\":\"big\",\"attributes\":{\"notes\":\"" + "n".repeat(2_000_000) + "\"}}";
        byte[] bigValue = new byte[3_000_000];
        for (int i = 0; i < bigValue.length; i++) {
            bigValue[i] = (byte) (i * 31);
        }
        StoredRecord big = new StoredRecord(key(5, "big"), 7, bigValue);
        store.write(Batch.builder().journal(new JournalRow("big", 1L, bigJson)).change(big).build());
        List<JournalRow> events = new ArrayList<>();
        List<StoredRecord> records = new ArrayList<>();
        reopen().readEvents(events::add);
        store.readState(records::add);
        assertThat(events).containsExactly(new JournalRow("big", 1L, bigJson));
        assertThat(records).containsExactly(big);
    }

    @Test
    void text_with_quotes_backslashes_braces_commas_and_the_word_null_is_stored_as_written() {
        // PostgreSQL receives each column as an array literal: these are its special characters
        List<String> texts = List.of("say \"hi\"", "back\\slash \\\" both", "{a,b}", "a, b", "NULL", "null", "",
                " spaced ", "€ – 日本 😀", "line\nbreak\ttab", "'single' ; --");
        Batch.Builder b = Batch.builder();
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            String id = "q" + i;
            b.journal(new JournalRow(id, i, "{\"type\":\"lead\",\"id\":\"" + id + "\",\"note\":" + quoted(text) + "}"));
            Entry e = ImmutableEntry.copyOf(entry(id + "/p1/commission", "p1", "1.00"))
                    .withCustomer(text.isEmpty() ? Optional.empty() : Optional.of(text))
                    .withExplanation(Explanation.of("percent", text));
            entries.add(e);
            b.entry(e);
        }
        store.write(b.build());
        List<JournalRow> events = new ArrayList<>();
        reopen().readEvents(events::add);
        assertThat(events).extracting(JournalRow::eventJson).containsExactlyElementsOf(
                b.build().journal().stream().map(JournalRow::eventJson).toList());
        List<Entry> read = store.entries();
        assertThat(read).containsExactlyElementsOf(entries);
        for (int i = 0; i < entries.size(); i++) {
            assertThat(read.get(i).explanation().text()).isEqualTo(entries.get(i).explanation().text());
            assertThat(read.get(i).customer()).isEqualTo(entries.get(i).customer());
        }
    }

    private static String quoted(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\t' -> json.append("\\t");
                default -> json.append(c);
            }
        }
        return json.append('"').toString();
    }

    @Test
    void every_combination_of_journal_rows_record_changes_and_entries_is_written_and_read_back() {
        List<JournalRow> journal = new ArrayList<>();
        List<StoredRecord> records = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        for (int which = 1; which < 8; which++) {
            Batch.Builder b = Batch.builder();
            if ((which & 1) != 0) {
                JournalRow row = event("m" + which);
                journal.add(row);
                b.journal(row);
            }
            if ((which & 2) != 0) {
                StoredRecord record = put(1, "k" + which, "v" + which);
                records.add(record);
                b.change(record);
            }
            if ((which & 4) != 0) {
                Entry e = entry("m" + which + "/p1/commission", "p1", which + ".00");
                entries.add(e);
                b.entry(e);
            }
            store.write(b.build());
        }
        List<JournalRow> readJournal = new ArrayList<>();
        List<StoredRecord> readRecords = new ArrayList<>();
        reopen().readEvents(readJournal::add);
        store.readState(readRecords::add);
        assertThat(readJournal).containsExactlyElementsOf(journal);
        assertThat(readRecords).containsExactlyElementsOf(records);
        assertThat(store.entries()).containsExactlyElementsOf(entries);
    }

    // ------------------------------------------------------------------ the state log and checkpoints

    @Test
    void each_write_logs_its_changes_in_one_row_and_a_checkpoint_replaces_the_log_with_the_same_records() throws SQLException {
        // a record of a store written before the log: the base under it
        sqlWithBytes("INSERT INTO rk_state (kind, key_bytes, version, value_bytes) VALUES (3, ?, 1, ?)", bytes("old"), new byte[] {1});
        store.write(Batch.builder().journal(event("c1")).change(put(1, "a", "a1")).change(put(1, "b", "b1"))
                .change(put(4, "ab", "x")).build());
        store.write(Batch.builder().journal(event("c2")).change(delete(1, "b")).change(new PrefixDeletion(4, bytes("a")))
                .change(put(2, "c", "c1")).build());
        store.write(Batch.builder().journal(event("c3")).build());
        assertThat(sqlLong("SELECT COUNT(*) FROM rk_state_log")).as("one row per write with changes").isEqualTo(2);
        List<StoredRecord> before = new ArrayList<>();
        reopen().readState(before::add);
        assertThat(before).containsExactly(put(1, "a", "a1"), put(2, "c", "c1"), put(3, "old", "\u0001"));
        assertThat(store.checkpointDue(1)).isTrue();
        assertThat(store.checkpointDue(1_000_000)).isFalse();

        long bytes = store.checkpoint(sink -> before.forEach(sink));
        assertThat(bytes).isEqualTo(sqlLong("SELECT SUM(OCTET_LENGTH(records)) FROM rk_state_chunk"));
        assertThat(sqlLong("SELECT COUNT(*) FROM rk_state_log")).isZero();
        assertThat(sqlLong("SELECT COUNT(*) FROM rk_state")).as("the old base is emptied").isZero();
        assertThat(store.checkpointDue(1)).as("nothing logged since").isFalse();
        List<StoredRecord> after = new ArrayList<>();
        reopen().readState(after::add);
        assertThat(after).isEqualTo(before);

        store.write(Batch.builder().journal(event("c4")).change(put(1, "a", "a2")).change(delete(2, "c")).build());
        assertThat(store.checkpointDue(1)).as("the log is smaller than the checkpoint").isFalse();
        List<StoredRecord> later = new ArrayList<>();
        reopen().readState(later::add);
        assertThat(later).containsExactly(put(1, "a", "a2"), put(3, "old", "\u0001"));
        assertThat(store.counts()).isEqualTo(new JdbcStore.Counts(4, 0, 0, 2));
    }

    @Test
    void a_checkpoint_larger_than_a_chunk_is_written_in_several_rows_and_read_back_whole() throws SQLException {
        List<StoredRecord> records = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            byte[] value = new byte[700];
            value[0] = (byte) i;
            value[699] = (byte) (i >> 8);
            records.add(new StoredRecord(new RecordKey(9, String.format("k%05d", i).getBytes(StandardCharsets.UTF_8)), 1, value));
        }
        store.checkpoint(sink -> records.forEach(sink));
        assertThat(sqlLong("SELECT COUNT(*) FROM rk_state_chunk")).isEqualTo(3);
        List<StoredRecord> read = new ArrayList<>();
        reopen().readState(read::add);
        assertThat(read).isEqualTo(records);
        store.checkpoint(sink -> sink.accept(records.get(0)));
        assertThat(sqlLong("SELECT COUNT(*) FROM rk_state_chunk")).as("the last checkpoint replaced").isEqualTo(1);
    }

    /** About 3.9 MB of records: a checkpoint of four rows. */
    static List<StoredRecord> checkpointOfFourRows() {
        List<StoredRecord> records = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            records.add(new StoredRecord(new RecordKey(9, String.format("k%05d", i).getBytes(StandardCharsets.UTF_8)), 1,
                    String.valueOf(i).repeat(200).getBytes(StandardCharsets.UTF_8)));
        }
        return records;
    }

    @Test
    void a_checkpoint_whose_rows_another_thread_inserts_reads_back_whole() throws SQLException {
        List<StoredRecord> records = checkpointOfFourRows();
        ThreadPoolExecutor inserter = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        try {
            long bytes = store.checkpoint(sink -> records.forEach(sink), inserter);
            assertThat(bytes).as("several rows of about a megabyte").isGreaterThan(3L << 20);
            assertThat(inserter.getCompletedTaskCount()).as("each row inserted on the inserter's thread")
                    .isEqualTo(sqlLong("SELECT COUNT(*) FROM rk_state_chunk")).isEqualTo(4);
        } finally {
            inserter.shutdownNow();
        }
        List<StoredRecord> read = new ArrayList<>();
        reopen().readState(read::add);
        assertThat(read).isEqualTo(records);
    }

    @Test
    void a_checkpoint_is_refused_when_another_writer_has_written_since_and_nothing_is_lost() throws SQLException {
        store.write(Batch.builder().journal(event("w1")).change(put(1, "a", "1")).build());
        try (JdbcStore other = JdbcStore.open(ds)) {
            store.write(Batch.builder().journal(event("w2")).change(put(1, "b", "2")).build());
            assertThatThrownBy(() -> other.checkpoint(sink -> sink.accept(put(1, "a", "1"))))
                    .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(Code.CONFLICT))
                    .hasMessageStartingWith("another writer has written to this store (journal at 2, state log at 2;"
                            + " this writer wrote up to 1 and 1)");
        }
        assertThat(sqlLong("SELECT COUNT(*) FROM rk_state_chunk")).isZero();
        List<StoredRecord> read = new ArrayList<>();
        reopen().readState(read::add);
        assertThat(read).containsExactly(put(1, "a", "1"), put(1, "b", "2"));
    }

    @Test
    void a_state_log_row_that_cannot_be_read_is_refused_in_our_words() throws SQLException {
        store.write(Batch.builder().change(put(1, "a", "a1")).build());
        refused("rk_state_log (seq, changes) VALUES (2, ?)", new byte[] {1, 1}, Code.SCHEMA_INVALID)
                .hasMessage("the store's state log row 2 cannot be read: the change at byte 1 is not valid: truncated record:"
                        + " needs 1 more bytes at 2 of 2");
        refused("rk_state_log (seq, changes) VALUES (2, ?)", new byte[] {2, 1}, Code.SCHEMA_TOO_NEW)
                .hasMessage("the store's state log row 2 is in layout 2, newer than this library's 1: use a newer ReferralKit");
        // an operation that is no change, a kind and a one-byte key after it
        refused("rk_state_log (seq, changes) VALUES (2, ?)", new byte[] {1, 9, 2, 1, 65}, Code.SCHEMA_INVALID)
                .hasMessage("the store's state log row 2 cannot be read: byte 1 is no change (9)");
        // a deletion whose key length is 2^32 (zig-zag varint)
        refused("rk_state_log (seq, changes) VALUES (2, ?)", new byte[] {1, 2, 2, (byte) 0x80, (byte) 0x80, (byte) 0x80,
                (byte) 0x80, 0x20, 65}, Code.SCHEMA_INVALID)
                .hasMessage("the store's state log row 2 cannot be read: the change at byte 1 is not valid:"
                        + " variable-length integer 4294967296 before 8 is not an int");
        // a deletion whose key length is negative
        refused("rk_state_log (seq, changes) VALUES (2, ?)", new byte[] {1, 2, 2, 1, 65}, Code.SCHEMA_INVALID)
                .hasMessageStartingWith("the store's state log row 2 cannot be read: the change at byte 1 is not valid:"
                        + " truncated record: needs -1 more bytes");
        // a key of no bytes
        refused("rk_state_log (seq, changes) VALUES (2, ?)", new byte[] {1, 2, 2, 0}, Code.SCHEMA_INVALID)
                .hasMessageStartingWith("the store's state log row 2 cannot be read: the change at byte 1 is not valid: record key");
        // a checkpoint holds records, never deletions
        refused("rk_state_chunk (checkpoint, chunk, records) VALUES (0, 0, ?)", new byte[] {1, 2, 2, 1, 65}, Code.SCHEMA_INVALID)
                .hasMessage("the store's checkpoint 0 chunk 0 cannot be read: byte 1 is no record (2)");
    }

    /**
     * Inserts one malformed row (after removing the previous one's), reads the state and expects a refusal.
     *
     * @param into  the table, columns and values of the insert, with one bytes parameter
     * @param bytes the row's bytes
     * @param code  the refusal's code
     * @return the refusal, for its message
     */
    private AbstractThrowableAssert<?, ? extends Throwable> refused(String into, byte[] bytes, Code code) throws SQLException {
        sql("DELETE FROM rk_state_log WHERE seq = 2");
        sqlWithBytes("INSERT INTO " + into, bytes);
        return assertThatThrownBy(() -> store.readState(r -> { }))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    // ------------------------------------------------------------------ idempotency and failures

    @Test
    void an_event_already_journaled_is_refused_by_its_constraint_and_nothing_of_its_batch_is_written() {
        store.write(Batch.builder().journal(event("e1")).build());
        Batch again = Batch.builder().journal(event("e2")).journal(event("e1")).change(put(1, "k", "v"))
                .entry(entry("e2/p1/commission", "p1", "1.00")).build();

        assertThatThrownBy(() -> store.write(again))
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.code()).isEqualTo(Code.CONFLICT);
                    assertThat(e.sqlState()).contains("23505");
                })
                .hasMessageStartingWith("cannot write a batch of 2 events: a row that must be unique is stored already");
        assertThat(store.counts()).isEqualTo(new JdbcStore.Counts(1, 0, 0, 0));
        assertThatThrownBy(() -> store.write(Batch.builder().journal(event("e3")).journal(event("e3")).build()))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(Code.CONFLICT));
        store.write(Batch.builder().journal(event("e2")).build());
        assertThat(store.counts().journal()).isEqualTo(2);
    }

    @Test
    void journaled_ids_are_looked_up_with_their_fingerprints_and_the_last_one_is_known() {
        assertThat(store.lastEventId()).isEmpty();
        assertThat(store.journaled(List.of("e1"))).isEmpty();
        store.write(Batch.builder().journal(event("e1")).journal(event("e2")).build());
        store.write(Batch.builder().journal(event("e3")).build());
        assertThat(store.journaled(List.of("e3", "e9", "e1"))).isEqualTo(java.util.Map.of(
                "e1", event("e1").fingerprint(), "e3", event("e3").fingerprint()));
        assertThat(store.journaled(List.of())).isEmpty();
        assertThat(store.lastEventId()).contains("e3");
        assertThat(store.journalSize()).isEqualTo(3);
        assertThat(reopen().journalSize()).isEqualTo(3);
        assertThat(store.lastEventId()).contains("e3");
    }

    @Test
    void the_unique_constraint_is_the_backstop_behind_the_look_up() throws SQLException {
        store.write(Batch.builder().journal(event("e1")).build());
        // a writer that skips the look-up (plain SQL) is stopped by the constraint
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("INSERT INTO rk_journal (seq, event_id, fingerprint, event)"
                    + " VALUES (2, 'e1', 0, '{}')"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23505"));
        }
        assertThat(store.counts().journal()).isEqualTo(1);
    }

    @Test
    void an_entry_written_twice_is_refused_by_its_constraint_and_the_whole_batch_rolls_back() {
        store.write(Batch.builder().journal(event("e1")).entry(entry("e1/p1/commission", "p1", "1.00")).build());
        Batch twice = Batch.builder().journal(event("e2")).change(put(1, "k", "v"))
                .entry(entry("e2/p1/commission", "p1", "2.00"))
                .entry(entry("e1/p1/commission", "p1", "1.00")).build();

        assertThatThrownBy(() -> store.write(twice))
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.code()).isEqualTo(Code.CONFLICT);
                    assertThat(e.sqlState()).contains("23505");
                })
                .hasMessageStartingWith("cannot write a batch of 1 events: a row that must be unique is stored already");
        assertThat(store.counts()).isEqualTo(new JdbcStore.Counts(1, 1, 0, 0));
        assertThat(store.fingerprint("e2")).isEmpty();
        // the store goes on: the next batch gets the next positions
        store.write(Batch.builder().journal(event("e2")).entry(entry("e2/p1/commission", "p1", "2.00")).build());
        List<JournalMark> marks = new ArrayList<>();
        store.readJournal(marks::add);
        assertThat(marks).extracting(JournalMark::seq).containsExactly(1L, 2L);
    }

    @Test
    void a_batch_failing_on_its_last_statement_leaves_nothing() {
        // the payout settles an entry that does not exist: the foreign key fails after every other insert ran
        Batch failing = Batch.builder().journal(event("e1")).journal(event("run1"))
                .change(put(1, "k1", "v")).change(put(2, "k2", "v"))
                .entry(entry("e1/p1/commission", "p1", "10.00"))
                .entry(payoutEntry("run1", "p1", "-10.00"))
                .payout(payout("run1", "p1", "10.00", List.of("e1/p1/commission", "no/such/entry")))
                .build();
        assertThatThrownBy(() -> store.write(failing))
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.code()).isEqualTo(Code.FAILED);
                    assertThat(e.sqlState().orElseThrow()).isIn("23503", "23506"); // PostgreSQL, H2
                });
        assertThat(store.counts()).isEqualTo(new JdbcStore.Counts(0, 0, 0, 0));
        assertThat(reopen().counts()).isEqualTo(new JdbcStore.Counts(0, 0, 0, 0));
    }

    @Test
    void an_entry_is_settled_by_one_payout_only() {
        store.write(Batch.builder().journal(event("e1")).entry(entry("e1/p1/commission", "p1", "10.00")).build());
        store.write(Batch.builder().journal(event("run1")).entry(payoutEntry("run1", "p1", "-10.00"))
                .payout(payout("run1", "p1", "10.00", List.of("e1/p1/commission"))).build());
        Batch paidAgain = Batch.builder().journal(event("run2")).entry(payoutEntry("run2", "p1", "-10.00"))
                .payout(payout("run2", "p1", "10.00", List.of("e1/p1/commission"))).build();
        assertThatThrownBy(() -> store.write(paidAgain))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(Code.CONFLICT));
        assertThat(store.payouts()).hasSize(1);
        assertThat(store.counts()).isEqualTo(new JdbcStore.Counts(2, 2, 1, 0));
    }

    @Test
    void a_connection_killed_by_the_database_fails_the_batch_and_the_store_reconnects() throws SQLException {
        store.write(Batch.builder().journal(event("e1")).build());
        killStoreSessions();

        Batch batch = Batch.builder().journal(event("e2")).change(put(1, "k", "v")).entry(entry("e2/p1/commission", "p1", "1.00")).build();
        assertThatThrownBy(() -> store.write(batch))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isIn(Code.UNREACHABLE, Code.FAILED));
        assertThat(sqlLong("SELECT COUNT(*) FROM rk_journal")).isEqualTo(1);
        assertThat(sqlLong("SELECT COUNT(*) FROM rk_state_log")).isZero();

        store.write(batch); // a new connection, the same positions
        assertThat(store.counts()).isEqualTo(new JdbcStore.Counts(2, 1, 0, 1));
        assertThat(sqlLong("SELECT MAX(seq) FROM rk_journal")).isEqualTo(2);
    }

    @Test
    void a_second_writer_collides_on_positions_and_is_refused() {
        try (JdbcStore second = JdbcStore.open(ds)) {
            store.write(Batch.builder().journal(event("e1")).build());
            assertThatThrownBy(() -> second.write(Batch.builder().journal(event("e2")).build()))
                    .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(Code.CONFLICT));
        }
        assertThat(store.counts().journal()).isEqualTo(1);
    }

    // ------------------------------------------------------------------ what the store is for

    @Test
    void the_first_writer_claims_the_store_for_its_record_format_and_a_newer_format_is_refused() {
        assertThat(store.meta()).isEmpty();
        assertThat(store.claim(1)).isEqualTo(1);
        assertThat(reopen().claim(1)).isEqualTo(1);
        assertThat(store.meta()).contains(new StoreMeta(1));
        assertThat(store.claim(2)).isEqualTo(1); // an older format is the caller's to upgrade
        store.close();
        store = JdbcStore.open(freshStore());
        store.claim(2);
        assertThatThrownBy(() -> store.claim(1))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(Code.SCHEMA_TOO_NEW))
                .hasMessage("the store's records are in format 2, newer than this library's 1: use a newer ReferralKit");
    }

    @Test
    void a_damaged_meta_table_is_refused() throws SQLException {
        sql("INSERT INTO rk_meta (meta_key, meta_value) VALUES ('format', 'one')");
        assertThatThrownBy(() -> store.claim(1))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(Code.SCHEMA_INVALID))
                .hasMessageStartingWith("the store's rk_meta table is damaged: ");
    }

    // ------------------------------------------------------------------ reading only

    @Test
    void a_reader_reads_what_was_written_and_neither_migrates_nor_writes() throws SQLException {
        store.write(Batch.builder().journal(event("e1")).entry(entry("e1/p1/commission", "p1", "1.00")).build());
        try (JdbcStore reader = JdbcStore.openForReading(ds)) {
            assertThat(reader.entries()).containsExactly(entry("e1/p1/commission", "p1", "1.00"));
            assertThat(reader.lastEventId()).contains("e1");
            assertThatThrownBy(() -> reader.write(Batch.builder().journal(event("e2")).build()))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> reader.claim(1)).isInstanceOf(IllegalStateException.class);
        }
        assertThat(store.counts().journal()).isEqualTo(1);

        DataSource empty = freshStore();
        assertThatThrownBy(() -> JdbcStore.openForReading(empty))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(Code.NO_STORE))
                .hasMessage("the database holds no ReferralKit store (no rk_schema_history table with its migrations):"
                        + " nothing was stored there yet");
        try (Connection c = empty.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
                     + " WHERE LOWER(TABLE_NAME) LIKE 'rk%' AND TABLE_SCHEMA = CURRENT_SCHEMA")) {
            rs.next();
            assertThat(rs.getInt(1)).as("tables made by a reader").isZero();
        }
    }
}
