-- PostgreSQL: the journal, the ledger and the payouts refuse UPDATE, DELETE and TRUNCATE, so not even
-- a hand-written statement can rewrite history. The library only ever inserts into them. A host that
-- must delete old rows (retention) drops these triggers knowingly, in its own migration.
CREATE FUNCTION rk_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ReferralKit: % is append-only, % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER rk_journal_append_only BEFORE UPDATE OR DELETE ON rk_journal
    FOR EACH ROW EXECUTE FUNCTION rk_refuse_change();
CREATE TRIGGER rk_journal_no_truncate BEFORE TRUNCATE ON rk_journal
    FOR EACH STATEMENT EXECUTE FUNCTION rk_refuse_change();
CREATE TRIGGER rk_entries_append_only BEFORE UPDATE OR DELETE ON rk_entries
    FOR EACH ROW EXECUTE FUNCTION rk_refuse_change();
CREATE TRIGGER rk_entries_no_truncate BEFORE TRUNCATE ON rk_entries
    FOR EACH STATEMENT EXECUTE FUNCTION rk_refuse_change();
CREATE TRIGGER rk_payouts_append_only BEFORE UPDATE OR DELETE ON rk_payouts
    FOR EACH ROW EXECUTE FUNCTION rk_refuse_change();
CREATE TRIGGER rk_payouts_no_truncate BEFORE TRUNCATE ON rk_payouts
    FOR EACH STATEMENT EXECUTE FUNCTION rk_refuse_change();
CREATE TRIGGER rk_payout_entries_append_only BEFORE UPDATE OR DELETE ON rk_payout_entries
    FOR EACH ROW EXECUTE FUNCTION rk_refuse_change();
CREATE TRIGGER rk_payout_entries_no_truncate BEFORE TRUNCATE ON rk_payout_entries
    FOR EACH STATEMENT EXECUTE FUNCTION rk_refuse_change();
