package dev.referralkit.engine.state;

/**
 * The kinds of record the engine keeps (docs/engine.md §1). The code is the first byte of a
 * record's key in its binary form, so keys of one kind sort together.
 */
public enum RecordKind {
    /** The one engine-wide record: latest payout run, live event-id buckets. */
    ENGINE(1),
    /** A remembered event id: its hash and content fingerprint. */
    EVENT(2),
    /** A partner: its definition and dense index. */
    PARTNER(3),
    /** A customer: ordering, binding, payment count. */
    CUSTOMER(4),
    /** A payment: what is still refundable. */
    PAYMENT(5),
    /** What one partner earned from one payment. */
    EARNING(6),
    /** A partner's book: open periods, bonuses awarded, paid totals, entry sequence. */
    BOOK(7),
    /** A partner's volume in one open period. */
    VOLUME(8),
    /** One retroactive tier pricing, trued up when its period closes. */
    RETRO(9),
    /** A cap's usage in one scope. */
    CAP(10),
    /** An unsettled entry. */
    OPEN(11),
    /** A deal registration (docs/lifecycle.md §2). */
    REGISTRATION(12),
    /** Which registration holds a prospect's identity key. */
    PROSPECT(13),
    // docs/payouts.md §7; codes from 32 on, leaving 14-31 to other kinds
    /** A hold on a partner's entries. */
    HOLD(32),
    /** A payout a run made: sent, confirmed or failed. */
    PAYOUT(33),
    /** A partner's yearly paid totals and tax form. */
    TAX(34),
    /** A partner's risk windows. */
    RISK(35),
    /** A customer's credited partners' click instants, until its first payment. */
    CLICKS(36),
    /** The partners that referred an identity. */
    IDENTITY(37);

    private final byte code;

    RecordKind(int code) {
        this.code = (byte) code;
    }

    /** @return the first byte of a key of this kind */
    public byte code() {
        return code;
    }

    /**
     * @param code a key's first byte
     * @return the kind
     * @throws IllegalArgumentException for an unknown code
     */
    public static RecordKind of(byte code) {
        for (RecordKind k : values()) {
            if (k.code == code) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown record kind " + code);
    }

    /** @return the lower-case name used in messages and snapshots */
    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
