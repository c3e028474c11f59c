package dev.referralkit.engine.stage;

import dev.referralkit.engine.state.BookRecord;
import dev.referralkit.engine.state.Nanos;
import dev.referralkit.engine.state.OpenEntryRecord;
import dev.referralkit.ledger.Entry;
import dev.referralkit.ledger.EntryKind;
import dev.referralkit.ledger.Explanation;
import dev.referralkit.ledger.ImmutableEntry;
import dev.referralkit.money.Money;

/**
 * Making entries and keeping them until they are settled (SPEC.md §6: the ledger is append-only; an
 * amount that rounds to zero makes no entry; the holding period gives {@code availableAt}). Each entry
 * becomes an {@link OpenEntryRecord} under the partner's next sequence number; payouts settle them.
 */
final class Books {
    private final long hold;

    Books(int holdDays) {
        this.hold = Nanos.days(holdDays);
    }

    /** @return {@code at} + the program's holding period (SPEC.md §6) */
    long held(long at) {
        return at + hold;
    }

    static Entry entry(String id, EntryKind kind, String partner, String customer, String event, Money amount, long availableAt,
                       Explanation explanation) {
        return ImmutableEntry.of(id, kind, partner, java.util.Optional.ofNullable(customer), event, amount.amount(), amount.currency(),
                Nanos.instant(availableAt), explanation);
    }

    /** @return the partner's book, or an empty one (not yet stored) */
    static BookRecord book(Transaction tx, String partner) {
        BookRecord b = tx.store().book(partner);
        return b != null ? b : BookRecord.empty(partner);
    }

    /** Keeps an entry until a payout settles it, and adds it to the outcome; returns its sequence in the partner's ledger. */
    static long open(Transaction tx, Entry entry, PartnerStage.Output out) {
        return open(tx, entry, entry.money().toMinorUnits(), Nanos.of(entry.availableAt()), out);
    }

    /** Like {@link #open(Transaction, Entry, PartnerStage.Output)}, given the amount and availableAt the caller has. */
    static long open(Transaction tx, Entry entry, long amountMinor, long availableAt, PartnerStage.Output out) {
        BookRecord stored = tx.store().book(entry.partner());
        BookRecord book = stored != null ? stored : BookRecord.empty(entry.partner());
        long seq = book.nextSeq();
        tx.put(stored, new BookRecord(book.partner(), book.openPeriods(), book.lifetimeBonuses(), book.paid(), seq + 1, book.monthCaps()));
        tx.put(null, new OpenEntryRecord(entry.partner(), entry.currency(), seq, entry.id(), amountMinor, availableAt));
        out.entry(entry);
        return seq;
    }
}
