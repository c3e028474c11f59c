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
