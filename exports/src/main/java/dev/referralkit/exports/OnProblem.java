package dev.referralkit.exports;

/** What a writer does when some payouts cannot be exported. */
public enum OnProblem {
    /**
     * Write nothing and throw one {@link dev.referralkit.ReferralKitException} that lists every payout
     * that cannot be exported, with its partner and field. The default: a payout is never dropped silently.
     */
    REFUSE,
    /** Write the payouts that can be exported and return the others in {@link ExportResult#skipped()}. */
    SKIP
}
