package dev.referralkit.ledger;

/** What happened to an entry under a hold (docs/payouts.md §2). In results upper case, as here. */
public enum HoldStatus {
    /** The entry was placed under a hold. */
    HELD,
    /** The hold was released: the entry is paid as usual. */
    RELEASED,
    /** The hold was voided: the entry was reversed. */
    VOIDED
}
