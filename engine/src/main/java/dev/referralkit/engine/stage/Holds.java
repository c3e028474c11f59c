package dev.referralkit.engine.stage;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.engine.state.BookRecord;
import dev.referralkit.engine.state.EarningRecord;
import dev.referralkit.engine.state.Earned;
import dev.referralkit.engine.state.EntryRef;
import dev.referralkit.engine.state.HeldEntry;
import dev.referralkit.engine.state.HoldRecord;
import dev.referralkit.engine.state.Nanos;
import dev.referralkit.engine.state.RetroRecord;
import dev.referralkit.engine.state.StateStore;
import dev.referralkit.engine.state.VolumeRecord;
import dev.referralkit.event.Review;
import dev.referralkit.event.ReviewDecision;
import dev.referralkit.ledger.Entry;
import dev.referralkit.ledger.EntryKind;
import dev.referralkit.ledger.Explanation;
import dev.referralkit.ledger.HoldStatus;
import dev.referralkit.ledger.ImmutableHoldChange;
import dev.referralkit.money.Money;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Holds (docs/payouts.md §2): a {@code hold} verdict places the commission under a primary {@link HoldRecord};
 * the same partner's later entries from the same payment (true-ups, reversals) join it, and each parent share of
 * them is booked at the ancestor under a linked hold ({@link PartnerMessage.BookedHeld}). Payout runs leave every
 * entry under a hold out ({@link #heldSeqs}). A review releases the hold (its entries are paid as usual) or voids it
 * (each partner gets one {@code REVERSAL} of minus its entries under the hold; the payment's earning forgets the
 * voided entries and its pending retroactive pricings, so no later refund or true-up touches them); linked holds end
 * with it ({@link PartnerMessage.HoldEnded}).
 *
 * <p><b>Work</b>: placing and joining a hold is one record write; a review walks the hold's entries and, for a void
 * of a payment's commission, the partner's open periods' pricings.
 */
final class Holds {
    private Holds() {
    }

    private static void change(PartnerStage.Output out, String event, String partner, String entry, String hold, HoldStatus status) {
        out.hold(ImmutableHoldChange.builder().event(event).partner(partner).entry(entry).hold(hold).status(status).build());
    }

    /**
     * Places a just-made commission under a primary hold.
     *
     * @param tx        the transaction
     * @param e         the commission
     * @param seq       its sequence
     * @param at        the event's instant
     * @param paymentHi the payment's hash, or {@link Nanos#NONE} for a click or lead
     * @param paymentLo low 32 bits
     * @param ancestors the ancestors its parent shares go to (booked held there)
     * @param check     the check that held it
     * @param code      the reason code
     * @param out       the outcome
     */
    static void place(Transaction tx, Entry e, long seq, long at, long paymentHi, long paymentLo, List<String> ancestors, String check,
                      String code, PartnerStage.Output out) {
        tx.put(null, new HoldRecord(e.partner(), e.id(), e.currency(), at, List.of(new HeldEntry(seq, e.id(), e.money().toMinorUnits())),
                ancestors, null, paymentHi, paymentLo, check, code));
        change(out, e.event(), e.partner(), e.id(), e.id(), HoldStatus.HELD);
    }

    /**
     * @param store   the store
     * @param partner a partner
     * @param payment a payment id
     * @return the partner's primary hold on its commission from that payment, or null
     */
    static HoldRecord ofPayment(StateStore store, String partner, String payment) {
        HoldRecord h = store.hold(partner, EntryIds.ofPayment(payment, EntryRef.commission(partner)));
        return h != null && h.primary() ? h : null;
    }

    /**
     * Books an entry of the hold's partner under the hold (a true-up or reversal of the held commission).
     *
     * @return the hold as now stored
     */
    static HoldRecord join(Transaction tx, HoldRecord h, Entry e, PartnerStage.Output out) {
        long seq = Books.open(tx, e, out);
        HoldRecord now = h.with(new HeldEntry(seq, e.id(), e.money().toMinorUnits()));
        tx.put(h, now);
        change(out, e.event(), e.partner(), e.id(), h.entry(), HoldStatus.HELD);
        return now;
    }

    /**
     * Sends an ancestor's entry (a parent share or its reversal) to be booked under the linked hold.
     *
     * @return the hold as now stored (naming the ancestor)
     */
    static HoldRecord sendHeld(Transaction tx, HoldRecord h, Entry e, PartnerStage.Output out) {
        out.send(new PartnerMessage.BookedHeld(e.partner(), e, h.partner(), h.entry(), h.check(), h.code()));
        HoldRecord now = h.withAncestor(e.partner());
        if (now != h) {
            tx.put(h, now);
        }
        return now;
    }

    /** At an ancestor: books the entry and places it under the linked hold. */
    static void bookHeld(Transaction tx, PartnerMessage.BookedHeld m, PartnerStage.Output out) {
        Entry e = m.entry();
        long seq = Books.open(tx, e, out);
        HoldRecord old = tx.store().hold(m.partner(), m.hold());
        HoldRecord h = old != null ? old : new HoldRecord(m.partner(), m.hold(), e.currency(), Nanos.of(e.availableAt()), List.of(),
                List.of(), m.owner(), Nanos.NONE, 0, m.check(), m.code());
        tx.put(old, h.with(new HeldEntry(seq, e.id(), e.money().toMinorUnits())));
        change(out, e.event(), m.partner(), e.id(), m.hold(), HoldStatus.HELD);
    }

    /**
     * @param store   the store
     * @param partner a partner
     * @return the sequences of the partner's entries under holds
     */
    static Set<Long> heldSeqs(StateStore store, String partner) {
        Set<Long> seqs = new HashSet<>();
        store.forEachHold(partner, h -> h.entries().forEach(e -> seqs.add(e.seq())));
        return seqs;
    }

    /**
     * A review: releases or voids the partner's primary hold on the entry.
     *
     * @throws ReferralKitException {@code NOT_HELD} when the entry is not under a primary hold of the partner,
     *                              {@code OUT_OF_ORDER} when the review is earlier than the hold
     */
    static void review(Transaction tx, Review review, PartnerStage.Output out) {
        StateStore store = tx.store();
        HoldRecord h = store.hold(review.partner(), review.entry());
        if (h == null || !h.primary()) {
            HoldRecord under = h;
            if (under == null) { // an entry under another's hold: say which (a refusal is rare; the partner's holds are few)
                HoldRecord[] found = {null};
                store.forEachHold(review.partner(), x -> x.entries().forEach(e -> {
                    if (e.id().equals(review.entry()) && found[0] == null) {
                        found[0] = x;
                    }
                }));
                under = found[0];
            }
            String why = under == null ? "is not under a hold of partner " + review.partner() + " (never held, or already released or voided)"
                    : under.primary() ? "falls under the hold on " + under.entry() + "; review that entry"
                    : "is reviewed with the entry it shares, " + under.entry() + " of partner " + under.owner();
            throw ReferralKitException.invalid(RejectionCode.NOT_HELD, "entry", review.entry(), why);
        }
        long at = Nanos.of(review.at());
        if (at < h.at()) {
            throw ReferralKitException.of(RejectionCode.OUT_OF_ORDER, "at", review.at().toString(),
                    "at " + review.at() + " is before the hold on " + h.entry() + " was placed at " + Nanos.instant(h.at()));
        }
        boolean voided = review.decision() == ReviewDecision.VOID;
        end(tx, h, review.id(), at, voided, review.note().orElse(null), out);
        if (voided && h.fromPayment()) {
            forget(tx, h);
        }
        for (String ancestor : h.ancestors()) {
            out.send(new PartnerMessage.HoldEnded(ancestor, h.partner(), h.entry(), review.id(), at, voided));
        }
    }

    /** At an ancestor: its linked hold ends with the primary one. */
    static void ended(Transaction tx, PartnerMessage.HoldEnded m, PartnerStage.Output out) {
        HoldRecord h = tx.store().hold(m.partner(), m.hold());
        if (h == null || h.primary()) {
            return;
        }
        end(tx, h, m.review(), m.at(), m.voided(), null, out);
    }

    private static void end(Transaction tx, HoldRecord h, String review, long at, boolean voided, String note, PartnerStage.Output out) {
        tx.remove(h);
        HoldStatus status = voided ? HoldStatus.VOIDED : HoldStatus.RELEASED;
        for (HeldEntry e : h.entries()) {
            change(out, review, h.partner(), e.id(), h.entry(), status);
        }
        if (!voided) {
            return;
        }
        long sum = 0;
        for (HeldEntry e : h.entries()) {
            sum = Math.addExact(sum, e.amount());
        }
        if (sum == 0) {
            return;
        }
        Money amount = Money.ofMinor(-sum, h.currency());
        int n = h.entries().size();
        String held = h.entry();
        String code = h.code();
        String why = note;
        Entry reversal = Books.entry(review + "/" + h.partner() + "/reversal", EntryKind.REVERSAL, h.partner(), null, review, amount, at,
                Explanation.lazy("void", List.of(), () -> "voids " + held + " (held: " + code + "): reverses " + amount.negated() + " of "
                        + n + (n == 1 ? " entry" : " entries") + " under the hold" + (why == null ? "" : "; " + why)));
        Books.open(tx, reversal, out);
    }

    /** After a void of a payment's commission: the earning forgets the voided entries, and no true-up follows. */
    private static void forget(Transaction tx, HoldRecord h) {
        StateStore store = tx.store();
        EarningRecord earning = store.earning(h.partner(), h.paymentHi(), h.paymentLo());
        if (earning != null) {
            List<Earned> kept = new ArrayList<>(earning.entries().size());
            for (Earned e : earning.entries()) {
                if (!e.ref().partner().equals(h.partner())) {
                    kept.add(e);
                }
            }
            tx.put(earning, new EarningRecord(earning.partner(), earning.paymentHi(), earning.paymentLo(), earning.paymentAt(),
                    earning.currency(), earning.refunded(), kept, earning.conversions(), earning.revenue()));
        }
        BookRecord book = store.book(h.partner());
        if (book == null) {
            return;
        }
        for (String label : book.openPeriods()) {
            VolumeRecord v = store.volume(h.partner(), label);
            for (int i = 0; v != null && i < v.retros(); i++) {
                RetroRecord r = store.retro(h.partner(), label, i);
                if (r != null && r.paymentHi() == h.paymentHi() && r.paymentLo() == h.paymentLo()) {
                    tx.remove(r);
                }
            }
        }
    }
}
