package dev.referralkit.engine.state;

import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * A hold (docs/payouts.md §2) as one partner's ledger has it: keyed by the partner and the held entry's id. The
 * partner whose commission a check held keeps the <b>primary</b> hold ({@code owner} null), which a review decides;
 * each ancestor that got a parent share of an entry under it keeps a <b>linked</b> hold under the same key, naming
 * the owner, which ends when the primary one does.
 *
 * @param partner   the partner whose entries these are
 * @param entry     the held entry's id (the review's {@code entry})
 * @param currency  the entries' currency
 * @param at        epoch nanoseconds when the hold was placed
 * @param entries   this partner's entries under the hold, in ledger order
 * @param ancestors for a primary hold, the ancestors with linked holds, in the order first linked; else empty
 * @param owner     for a linked hold, the partner of the held entry; null for a primary hold
 * @param paymentHi high bits of the payment's hash when the held entry came from a payment, else {@link Nanos#NONE}
 * @param paymentLo low 32 bits of the payment's hash, or 0
 * @param check     the JSON type of the check that held it
 * @param code      its reason code
 */
public record HoldRecord(String partner, String entry, Currency currency, long at, List<HeldEntry> entries,
                         List<String> ancestors, String owner, long paymentHi, long paymentLo, String check, String code)
        implements StateRecord {
    /** Checks the fields and copies the lists. */
    public HoldRecord {
        Objects.requireNonNull(partner, "partner");
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(code, "code");
        entries = List.copyOf(entries);
        ancestors = List.copyOf(ancestors);
    }

    /** @return true for the hold a review decides */
    public boolean primary() {
        return owner == null;
    }

    /** @return true when the held entry came from a payment */
    public boolean fromPayment() {
        return paymentHi != Nanos.NONE;
    }

    /**
     * @param e an entry of this partner
     * @return this hold with the entry under it too
     */
    public HoldRecord with(HeldEntry e) {
        List<HeldEntry> list = new java.util.ArrayList<>(entries);
        list.add(e);
        return new HoldRecord(partner, entry, currency, at, list, ancestors, owner, paymentHi, paymentLo, check, code);
    }

    /**
     * @param ancestor an ancestor now holding a linked hold
     * @return this hold naming it (once)
     */
    public HoldRecord withAncestor(String ancestor) {
        if (ancestors.contains(ancestor)) {
            return this;
        }
        List<String> list = new java.util.ArrayList<>(ancestors);
        list.add(ancestor);
        return new HoldRecord(partner, entry, currency, at, entries, list, owner, paymentHi, paymentLo, check, code);
    }

    @Override
    public RecordKind kind() {
        return RecordKind.HOLD;
    }

    @Override
    public boolean sameKey(StateRecord other) {
        return other instanceof HoldRecord h && h.partner.equals(partner) && h.entry.equals(entry);
    }
}
