package dev.referralkit.engine.state;

import java.util.Currency;
import java.util.Objects;

/**
 * An unsettled entry, as payout runs and balances need it (SPEC.md §6). The entry itself, with its
 * explanation, is the host's.
 *
 * @param partner     the credited partner
 * @param currency    its currency
 * @param seq         its place in the partner's ledger
 * @param id          the entry's id (listed by the payout that settles it)
 * @param amount      its amount, minor units
 * @param availableAt epoch nanoseconds
 */
public record OpenEntryRecord(String partner, Currency currency, long seq, String id, long amount, long availableAt)
        implements StateRecord {
    /** Checks the fields. */
    public OpenEntryRecord {
        Objects.requireNonNull(partner, "partner");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(id, "id");
    }

    @Override
    public RecordKind kind() {
        return RecordKind.OPEN;
    }

    @Override
    public boolean sameKey(StateRecord other) {
        return other instanceof OpenEntryRecord o && o.seq == seq && o.partner.equals(partner) && o.currency.equals(currency);
    }
}
