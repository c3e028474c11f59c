package dev.referralkit;

/**
 * The stable reason an input is refused (FORMATS.md §3). Codes are part of the public contract:
 * hosts branch on them, so a code is never renamed or reused for another meaning.
 *
 * <p>The first eleven are the event rejection codes of FORMATS.md, in the order SPEC.md §3 checks
 * them. {@link #INVALID_PROGRAM} is an extension for configuration (program, partner, scenario)
 * that fails to load; it never appears in an event result. The codes after it are extensions for the
 * partner events of docs/payouts.md.
 */
public enum RejectionCode {
    /** The event is malformed: unknown key, missing field, bad identifier, currency or instant. */
    INVALID_EVENT,
    /** An amount is not a plain decimal, has too many decimals, is negative or too large. */
    INVALID_AMOUNT,
    /** The event names a partner the program does not know. */
    UNKNOWN_PARTNER,
    /** A refund names a payment the program never accepted. */
    UNKNOWN_PAYMENT,
    /** The event id was already accepted with identical content; the event is a no-op. */
    DUPLICATE,
    /** The event id was already accepted with different content. */
    DUPLICATE_CONFLICT,
    /** The event is earlier than its customer's last accepted event. */
    OUT_OF_ORDER,
    /** The event is not after the latest payout run, which settled everything up to its time. */
    LATE_EVENT,
    /** The refund exceeds what is still refundable on its payment. */
    REFUND_EXCEEDS_PAYMENT,
    /** Two amounts in different currencies were combined. */
    CURRENCY_MISMATCH,
    /** A conversion needs a rate that {@code program.fx} does not give. */
    MISSING_FX_RATE,
    /** A program, partner list or scenario is invalid (extension: never an event rejection). */
    INVALID_PROGRAM,
    /** A lead, registration or other lifecycle cannot move as the event asks (extension, docs/lifecycle.md). */
    INVALID_TRANSITION,
    /** A {@code lead_stage} event names a customer with no lead (extension, docs/lifecycle.md). */
    UNKNOWN_LEAD,
    /** A registration meets another partner's pending or exclusive one (extension, docs/lifecycle.md). */
    REGISTRATION_CONFLICT,
    /** A decision names a registration that was never accepted (extension, docs/lifecycle.md). */
    UNKNOWN_REGISTRATION,
    /** A payout event names a payout that was never made to that partner (extension, docs/payouts.md §3). */
    UNKNOWN_PAYOUT,
    /** A review names an entry that is not under an open hold of that partner (extension, docs/payouts.md §2). */
    NOT_HELD,
    /**
     * A payout event contradicts what is known of the payout: another confirmation reference, a confirmation of a
     * failed payout, another failure reason (extension, docs/payouts.md §3).
     */
    PAYOUT_CONFLICT
}
