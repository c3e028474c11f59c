-- Version 3: the engine's state as a log of change sets plus a checkpoint, instead of one row per record.
-- Each transaction appends its record changes as one row of rk_state_log; a checkpoint writes every
-- record in a few large rows of rk_state_chunk and deletes the log it covers. rk_state (version 1) is read
-- as the base under them, for stores written before version 3, and emptied by the first checkpoint.
-- The layouts of both are in the javadoc of dev.referralkit.jdbc.internal.StateLog.
CREATE TABLE IF NOT EXISTS rk_state_log (
    seq     BIGINT NOT NULL PRIMARY KEY,
    changes BYTEA  NOT NULL
);
CREATE TABLE IF NOT EXISTS rk_state_chunk (
    checkpoint BIGINT  NOT NULL,
    chunk      INTEGER NOT NULL,
    records    BYTEA   NOT NULL,
    PRIMARY KEY (checkpoint, chunk)
);
-- The rows are already compact binary: stored out of line without PostgreSQL's compression, which would
-- spend the server's time for little.
ALTER TABLE rk_state_log ALTER COLUMN changes SET STORAGE EXTERNAL;
ALTER TABLE rk_state_chunk ALTER COLUMN records SET STORAGE EXTERNAL;

-- Ids are opaque: compared byte by byte (collation "C"), not by the database's language rules, which cost
-- most of an index insert's time under a collation such as C.UTF-8 and order nothing a user reads.
ALTER TABLE rk_payout_entries DROP CONSTRAINT rk_payout_entries_entry;
ALTER TABLE rk_journal ALTER COLUMN event_id TYPE VARCHAR(128) COLLATE "C";
ALTER TABLE rk_entries ALTER COLUMN id TYPE VARCHAR(512) COLLATE "C";
ALTER TABLE rk_entries ALTER COLUMN partner TYPE VARCHAR(128) COLLATE "C";
ALTER TABLE rk_payouts ALTER COLUMN run TYPE VARCHAR(128) COLLATE "C";
ALTER TABLE rk_payouts ALTER COLUMN partner TYPE VARCHAR(128) COLLATE "C";
ALTER TABLE rk_payout_entries ALTER COLUMN entry_id TYPE VARCHAR(512) COLLATE "C";
ALTER TABLE rk_payout_entries ADD CONSTRAINT rk_payout_entries_entry FOREIGN KEY (entry_id) REFERENCES rk_entries (id);
