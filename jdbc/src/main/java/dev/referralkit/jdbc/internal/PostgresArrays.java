package dev.referralkit.jdbc.internal;

import dev.referralkit.ledger.Entry;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * PostgreSQL's write path: each table's rows of a batch in one statement, as arrays unnested on the
 * server ({@code INSERT … SELECT … FROM unnest(?, ?, …) WITH ORDINALITY}), and a part's inserts (journal,
 * state log row, entries) joined into one statement: one round trip whatever the part's size. Arrays were
 * chosen over JDBC batches rewritten into multi-row inserts (1.5 to 1.7 times faster at 1,000-event batches
 * when they were each table's own statement), and they do not depend on the host's pool setting
 * {@code reWriteBatchedInserts}. H2 takes JDBC batches.
 *
 * <p>The arrays are built here as PostgreSQL array literals ({@link #columns}), on the thread that
 * calls {@link JdbcStore#prepare}: in a pipelined call that is the engine's thread, which has time to
 * spare, while the writer thread and the server are the bound. The writer then only sends them. Each
 * literal is sent untyped and cast on the server. Positions are the statement's first parameter plus
 * each row's ordinal, so they need no array.
 *
 * <p>The literal syntax is PostgreSQL's ("Arrays", section "Array Value Input"): elements between
 * braces, separated by commas; a text element in double quotes with {@code "} and {@code \} escaped by a
 * backslash, which leaves every other character (braces, commas, spaces, the word NULL, any Unicode) as
 * it is; a null element as the unquoted word {@code NULL}.
 */
final class PostgresArrays {
    private static final String INSERT_JOURNAL = "INSERT INTO rk_journal (seq, event_id, fingerprint, event)"
            + " SELECT ?::bigint + n, a, b, c FROM unnest(?::varchar[], ?::bigint[], ?::varchar[]) WITH ORDINALITY AS t (a, b, c, n)";
    private static final String INSERT_LOG = "INSERT INTO rk_state_log (seq, changes) VALUES (?, ?)";
    private static final String INSERT_ENTRIES = "INSERT INTO rk_entries (seq, id, kind, partner, customer, event, amount,"
            + " currency, available_at, available_nanos, rule, explanation) SELECT ?::bigint + n, a, b, c, d, e, f, g, h, i, j, k"
            + " FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::numeric[], ?::char(3)[],"
            + " ?::timestamptz[], ?::int[], ?::varchar[], ?::varchar[]) WITH ORDINALITY AS t (a, b, c, d, e, f, g, h, i, j, k, n)";
    /**
     * A part's inserts as one statement, by which of the journal, the state log and the entries it has
     * (bits 1, 2 and 4): the first ones as data-modifying {@code WITH} clauses, which PostgreSQL runs
     * whether or not they are read, in the same snapshot and the same transaction. One round trip.
     */
    private static final String[] INSERT_PART = new String[8];

    static {
        String[] inserts = {INSERT_JOURNAL, INSERT_LOG, INSERT_ENTRIES};
        for (int which = 1; which < 8; which++) {
            StringBuilder sql = new StringBuilder();
            String last = null;
            for (int i = 0; i < inserts.length; i++) {
                if ((which & 1 << i) == 0) {
                    continue;
                }
                if (last != null) {
                    sql.append(sql.length() == 0 ? "WITH " : ", ").append('w').append(i).append(" AS (").append(last).append(')');
                }
                last = inserts[i];
            }
            INSERT_PART[which] = (sql.length() == 0 ? "" : sql + " ") + last;
        }
    }

    private PostgresArrays() {
    }

    /**
     * The columns of a batch's journal rows and entries as array literals, in the order of the insert
     * statements' parameters after the position.
     *
     * @param journal the journal rows, in order
     * @param entries the entries, in order
     * @return the journal's literals then the entries', or null for a table without rows
     */
    static String[][] columns(List<JournalRow> journal, List<Entry> entries) {
        return new String[][] {journal.isEmpty() ? null : journalColumns(journal), entries.isEmpty() ? null : entryColumns(entries)};
    }

    private static String[] journalColumns(List<JournalRow> rows) {
        Literal ids = new Literal(rows.size() * 24);
        Literal fingerprints = new Literal(rows.size() * 12);
        Literal events = new Literal(rows.size() * 256);
        for (JournalRow r : rows) {
            ids.text(r.eventId());
            fingerprints.number(r.fingerprint());
            events.text(r.eventJson());
        }
        return new String[] {ids.end(), fingerprints.end(), events.end()};
    }

    private static String[] entryColumns(List<Entry> entries) {
        int n = entries.size();
        Literal ids = new Literal(n * 48);
        Literal kinds = new Literal(n * 14);
        Literal partners = new Literal(n * 16);
        Literal customers = new Literal(n * 16);
        Literal events = new Literal(n * 24);
        Literal amounts = new Literal(n * 8);
        Literal currencies = new Literal(n * 6);
        Literal availableAt = new Literal(n * 32);
        Literal nanos = new Literal(n * 10);
        Literal rules = new Literal(n * 16);
        Literal explanations = new Literal(n * 96);
        for (Entry e : entries) {
            Instant at = e.availableAt();
            ids.text(e.id());
            kinds.text(e.kind().name());
            partners.text(e.partner());
            customers.text(e.customer().orElse(null));
            events.text(e.event());
            amounts.decimal(e.amount());
            currencies.text(e.currency().getCurrencyCode());
            // the instant to the microsecond, as text: PostgreSQL would round a finer one
            availableAt.text(OffsetDateTime.ofInstant(at.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC).toString());
            nanos.number(at.getNano());
            rules.text(e.explanation().rule());
            explanations.text(e.explanation().text());
        }
        return new String[] {ids.end(), kinds.end(), partners.end(), customers.end(), events.end(), amounts.end(),
                currencies.end(), availableAt.end(), nanos.end(), rules.end(), explanations.end()};
    }

    /**
     * Inserts a part's journal rows, state log row and entries, from their {@link #columns}, in one
     * statement.
     *
     * @param columns    the part's {@link #columns}
     * @param journalSeq the journal's position before the part
     * @param log        the state log row, or null
     * @param logSeq     the state log row's position
     * @param entrySeq   the ledger's position before the part
     */
    static void insert(Connection c, String[][] columns, long journalSeq, byte[] log, long logSeq, long entrySeq)
            throws SQLException {
        String[] journal = columns[0];
        String[] entries = columns[1];
        int which = (journal == null ? 0 : 1) | (log == null ? 0 : 2) | (entries == null ? 0 : 4);
        if (which == 0) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_PART[which])) {
            int p = 1;
            if (journal != null) {
                p = bind(ps, p, journalSeq, journal);
            }
            if (log != null) {
                ps.setLong(p++, logSeq);
                ps.setBytes(p++, log);
            }
            if (entries != null) {
                bind(ps, p, entrySeq, entries);
            }
            ps.executeUpdate();
        }
    }

    private static int bind(PreparedStatement ps, int first, long seq, String[] columns) throws SQLException {
        int p = first;
        ps.setLong(p++, seq);
        for (String column : columns) {
            ps.setObject(p++, column, Types.OTHER); // untyped: the statement's cast says what it is
        }
        return p;
    }

    /** One array literal, built element by element. */
    static final class Literal {
        private final StringBuilder text;
        private boolean empty = true;

        Literal(int capacity) {
            text = new StringBuilder(capacity + 2).append('{');
        }

        private void next() {
            if (empty) {
                empty = false;
            } else {
                text.append(',');
            }
        }

        /** A text element, or NULL. */
        void text(String s) {
            next();
            if (s == null) {
                text.append("NULL");
                return;
            }
            text.append('"');
            if (s.indexOf('"') < 0 && s.indexOf('\\') < 0) {
                text.append(s);
            } else {
                for (int i = 0; i < s.length(); i++) {
                    char ch = s.charAt(i);
                    if (ch == '"' || ch == '\\') {
                        text.append('\\');
                    }
                    text.append(ch);
                }
            }
            text.append('"');
        }

        void number(long value) {
            next();
            text.append(value);
        }

        void decimal(BigDecimal value) {
            next();
            text.append(value.toPlainString());
        }

        String end() {
            return text.append('}').toString();
        }
    }
}
