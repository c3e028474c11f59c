package dev.referralkit.ledger;

/** What an entry records (SPEC.md §1). In results upper case, as here. */
public enum EntryKind {
    /** A reward for a click, a lead or a payment. */
    COMMISSION,
    /** A retroactive tier's correction when its period closes. */
    TRUE_UP,
    /** A threshold bonus when its period closes. */
    BONUS,
    /** An ancestor's share of a partner's commission, true-up or bonus. */
    PARENT_SHARE,
    /** The pro-rata reversal of an entry after a refund. */
    REVERSAL,
    /** A settlement: minus the sum of the entries a payout run paid. */
    PAYOUT,
    /**
     * A failed payout put back (extension, docs/payouts.md §3): plus the payout's amount, unsettled, so that the
     * next run pays it again.
     */
    PAYOUT_REVERSAL
}
