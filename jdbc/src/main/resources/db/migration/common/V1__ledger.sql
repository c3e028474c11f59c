-- ReferralKit's tables, version 1. Portable SQL: this script runs unchanged on PostgreSQL and H2.
-- Column names avoid KEY and VALUE, which H2 reserves. Every id column is 128 characters, like
-- the ids the library accepts; entry ids are made of several ids, hence 512.

-- What the store was made for: the program's fingerprint and the engine's record format.
CREATE TABLE IF NOT EXISTS rk_meta (
    meta_key   VARCHAR(64) NOT NULL PRIMARY KEY,
    meta_value VARCHAR     NOT NULL
);

-- Every accepted event, once, in the order it was accepted. seq is assigned by the writer and has
-- no gaps; event_id is the idempotency key and fingerprint the event's 64-bit content hash, so a
-- re-delivery is told from a different event with the same id.
CREATE TABLE IF NOT EXISTS rk_journal (
    seq         BIGINT       NOT NULL PRIMARY KEY,
    event_id    VARCHAR(128) NOT NULL,
    fingerprint BIGINT       NOT NULL,
    event       VARCHAR      NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT rk_journal_event_id UNIQUE (event_id)
);

-- The ledger: append-only, in the order the entries were made (seq, no gaps). Amounts are exact
-- decimals (read back at the currency's scale). available_at is the instant to the microsecond,
-- which both databases keep; available_nanos is its exact nano-of-second.
CREATE TABLE IF NOT EXISTS rk_entries (
    seq             BIGINT          NOT NULL PRIMARY KEY,
    id              VARCHAR(512)    NOT NULL,
    kind            VARCHAR(16)     NOT NULL,
    partner         VARCHAR(128)    NOT NULL,
    customer        VARCHAR(128),
    event           VARCHAR(128)    NOT NULL,
    amount          NUMERIC(34, 10) NOT NULL,
    currency        CHAR(3)         NOT NULL,
    available_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    available_nanos INTEGER         NOT NULL,
    rule            VARCHAR(64)     NOT NULL,
    explanation     VARCHAR         NOT NULL,
    CONSTRAINT rk_entries_id UNIQUE (id)
);
CREATE INDEX IF NOT EXISTS rk_entries_partner ON rk_entries (partner, seq);

-- Payout records: what one run paid one partner in one currency, and the entries it settled.
-- An entry is settled at most once.
CREATE TABLE IF NOT EXISTS rk_payouts (
    seq      BIGINT          NOT NULL PRIMARY KEY,
    run      VARCHAR(128)    NOT NULL,
    partner  VARCHAR(128)    NOT NULL,
    currency CHAR(3)         NOT NULL,
    amount   NUMERIC(34, 10) NOT NULL,
    CONSTRAINT rk_payouts_run UNIQUE (run, partner, currency)
);
CREATE TABLE IF NOT EXISTS rk_payout_entries (
    payout_seq BIGINT       NOT NULL,
    position   INTEGER      NOT NULL,
    entry_id   VARCHAR(512) NOT NULL,
    PRIMARY KEY (payout_seq, position),
    CONSTRAINT rk_payout_entries_payout FOREIGN KEY (payout_seq) REFERENCES rk_payouts (seq),
    CONSTRAINT rk_payout_entries_entry FOREIGN KEY (entry_id) REFERENCES rk_entries (id),
    CONSTRAINT rk_payout_entries_once UNIQUE (entry_id)
);

-- The engine's state as keyed records: (kind, key) -> versioned bytes, replaced as a whole.
CREATE TABLE IF NOT EXISTS rk_state (
    kind        SMALLINT NOT NULL,
    key_bytes   BYTEA    NOT NULL,
    version     SMALLINT NOT NULL,
    value_bytes BYTEA    NOT NULL,
    PRIMARY KEY (kind, key_bytes)
);
