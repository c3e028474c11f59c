package dev.referralkit.engine.state;

import java.util.Currency;
import java.util.Objects;

/**
 * A payout a run made (docs/payouts.md §3): enough to confirm it, fail it and put its sum back, never the entries
 * it settled (the host has them).
 *
 * @param partner  the partner paid
 * @param payout   the payout id ({@code <run>/<partner>/<currency>/payout})
 * @param currency its currency
 * @param amount   its amount, minor units (positive)
 * @param runAt    epoch nanoseconds of the run
 * @param status   sent, confirmed or failed
 * @param detail   the confirmation's reference (may be null) or the failure's reason; null while sent
 */
public record PayoutRecord(String partner, String payout, Currency currency, long amount, long runAt, Status status, String detail)
        implements StateRecord {
    /** Where a payout is in its lifecycle. */
    public enum Status {
        /** Made by a run, awaiting the provider's word. */
        SENT,
        /** The provider reported it paid. */
        CONFIRMED,
        /** The provider reported it failed (or returned); its sum was put back. */
        FAILED
    }

    /** Checks the fields. */
    public PayoutRecord {
        Objects.requireNonNull(partner, "partner");
        Objects.requireNonNull(payout, "payout");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(status, "status");
    }

    @Override
    public RecordKind kind() {
        return RecordKind.PAYOUT;
    }

    @Override
    public boolean sameKey(StateRecord other) {
        return other instanceof PayoutRecord p && p.partner.equals(partner) && p.payout.equals(payout);
    }
}
