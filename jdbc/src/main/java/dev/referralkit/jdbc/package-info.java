/**
 * ReferralKit on a real database: PostgreSQL in production, H2 (in a file) embedded.
 *
 * <p>{@link dev.referralkit.jdbc.DurableEngine} is the engine on the database (its class comment says
 * how it recovers, writes and fails); {@link dev.referralkit.jdbc.StoredLedger} reads what it stored
 * without the program; {@link dev.referralkit.jdbc.UrlDataSource} connects by URL. The store underneath
 * is internal.
 *
 * <h2>What is stored</h2>
 * Seven tables, created and migrated by Flyway (history in {@code rk_schema_history}, apart from any
 * history of the host's own):
 * <table>
 *   <caption>The tables</caption>
 *   <tr><th>table</th><th>rows</th><th>written</th></tr>
 *   <tr><td>{@code rk_journal}</td><td>every accepted event: position, id (unique), 64-bit content
 *       fingerprint, canonical JSON, when it was recorded</td><td>appended</td></tr>
 *   <tr><td>{@code rk_entries}</td><td>the ledger: position, entry id (unique), kind, partner, customer,
 *       event, exact amount, currency, {@code availableAt} (to the nanosecond), explanation</td>
 *       <td>appended</td></tr>
 *   <tr><td>{@code rk_payouts}, {@code rk_payout_entries}</td><td>payout records and the entries each
 *       settled (an entry at most once)</td><td>appended</td></tr>
 *   <tr><td>{@code rk_state_log}</td><td>the engine's record changes, one row per transaction, in
 *       order</td><td>appended; deleted when a checkpoint covers them</td></tr>
 *   <tr><td>{@code rk_state_chunk}</td><td>the last checkpoint: every engine record, in rows of about a
 *       megabyte</td><td>replaced as a whole</td></tr>
 *   <tr><td>{@code rk_state}</td><td>version 2's engine records, one row each: (kind, key bytes) to a
 *       versioned value; read as the base under the log</td><td>emptied by the first checkpoint</td></tr>
 *   <tr><td>{@code rk_meta}</td><td>the engine's record format (the program's fingerprints are in the
 *       engine's own record)</td>
 *       <td>once</td></tr>
 * </table>
 * On PostgreSQL, triggers refuse {@code UPDATE}, {@code DELETE} and {@code TRUNCATE} on the journal,
 * the ledger and the payouts; on H2 only the library's API keeps them append-only (it never updates
 * them).
 *
 * <h2>One transaction per event or batch</h2>
 * The durable engine processes an event (or a batch of them) in memory, then the store writes, in one
 * transaction, the journal rows, the changed records, the entries and the payout records. If the
 * transaction fails, nothing of it is stored and the engine undoes its in-memory change, so memory and
 * database never disagree. Positions are assigned by the writer, without gaps, and are primary keys:
 * a second writer on the same tables collides and is refused instead of interleaving.
 *
 * <h2>Why a state log</h2>
 * Version 2 upserted one {@code rk_state} row per changed record, about four per event. Measured on
 * PostgreSQL 14 (2 cores), each upsert into the primary key's B-tree cost about 7 µs of server time, 31 of
 * the 40 µs an event took at 1,000 events per transaction. One log row per transaction and a checkpoint
 * now and then write the same bytes sequentially. {@link dev.referralkit.jdbc.DurableEngine} says when a
 * checkpoint is written and what opening reads.
 *
 * <h2>Idempotency and crashes</h2>
 * An event id is accepted once. The engine's records of the ids it accepted are stored with its state
 * and read back at open; under {@code retention.eventIds: until_payout_run}, where the engine forgets
 * ids, the durable engine looks a call's ids up in the journal first. The unique constraints on event
 * ids, entry ids and settled entries are the backstop, never the mechanism. After
 * a crash (the process killed at any instant) the database holds whole transactions only; reopening
 * reads the records back, and re-delivered events are {@code DUPLICATE}s. The crash test kills a
 * writer with {@code SIGKILL} at 50 seeded random points, on H2 and on PostgreSQL, and checks that what
 * is stored equals an uninterrupted run's, row for row, and that every commit the writer had reported
 * survived.
 *
 * <h2>What each database needs</h2>
 * <b>H2</b> keeps committed transactions in memory for up to {@code WRITE_DELAY} milliseconds (500 by
 * default) and a killed process loses them: the crash test lost 700 reported events that way. H2 2.4
 * also records {@code SET WRITE_DELAY 0} in the file without applying it when the file is opened again.
 * So the store sets it on every connection it opens, which needs an H2 administrator (the file's creator
 * is one). Durable against a killed process; against a power cut, as far as H2's file store is.
 *
 * <p><b>PostgreSQL</b> 12 or later. Id columns (event ids, entry ids, partners, runs) compare byte by byte
 * ({@code COLLATE "C"}, schema version 3): under a language collation such as {@code C.UTF-8} each index
 * insert compared ids through the C library's collation, which cost about 15 % of a ledger row's insert,
 * and ids have no language order. After five executions of a server-prepared statement PostgreSQL
 * may keep a plan made for any parameters; made while the journal was nearly empty, the batch's id
 * look-up became a sequential scan. The store's session therefore plans every execution
 * ({@code plan_cache_mode = force_custom_plan}, reset when the store closes, so a pool's next user
 * does not inherit it). Commits are as durable as the server's {@code synchronous_commit} makes them.
 *
 * <h2>Failures</h2>
 * Every failure is a {@link dev.referralkit.jdbc.StoreException} with a stable code: an unreachable
 * database, refused credentials, a schema newer than the library (detected before anything is written;
 * the store never migrates down), a conflicting second writer. A program the stored state cannot
 * continue under is refused by the engine ({@code INVALID_PROGRAM}).
 *
 * <h2>Portability</h2>
 * The schema is one script for both databases, except version 2 (PostgreSQL's triggers; a no-op on
 * H2) and version 3 (the state log; on PostgreSQL its rows are stored without compression). Writes are
 * chosen from the connection's metadata: on PostgreSQL a batch's journal rows, state log row and entries
 * are one statement (each table's rows unnested from arrays, {@code INSERT … SELECT … FROM unnest(…)},
 * joined by {@code WITH}), one round trip; on H2 they are JDBC batches. The record changes are one row either way. Amounts are {@code NUMERIC(34, 10)}, read back at the
 * currency's scale; instants are {@code TIMESTAMP WITH TIME ZONE} to the microsecond (what both
 * databases keep) plus their exact nano-of-second.
 */
package dev.referralkit.jdbc;
