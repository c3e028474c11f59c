package dev.referralkit.engine.stage;

import dev.referralkit.engine.state.BookRecord;
import dev.referralkit.engine.state.CapRecord;
import dev.referralkit.engine.state.EarningRecord;
import dev.referralkit.engine.state.Earned;
import dev.referralkit.engine.state.EntryRef;
import dev.referralkit.engine.state.Nanos;
import dev.referralkit.engine.state.RetroRecord;
import dev.referralkit.engine.state.StateStore;
import dev.referralkit.engine.state.VolumeRecord;
import dev.referralkit.ledger.Entry;
import dev.referralkit.ledger.EntryKind;
import dev.referralkit.ledger.Explanation;
import dev.referralkit.money.Money;
import dev.referralkit.money.Ratio;
import dev.referralkit.program.Bonus;
import dev.referralkit.program.Metric;
import dev.referralkit.program.Period;
import dev.referralkit.program.Program;
import dev.referralkit.reward.TierPricing;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Period close (SPEC.md §5.1 retroactive tiers, §5.3 bonuses): a payout run closes each of a partner's
 * periods that ended at or before it, in order of end, then label. For an active partner each
 * retroactive pricing of the period gets a {@code TRUE_UP} = (its reward at the period's final tier −
 * what it was paid) × the payment's unrefunded fraction, available at the later of the close and the
 * payment's hold; each bonus of the period's kind whose threshold the volume reached gives a
 * {@code BONUS} (program currency, available at the close); each with its parent shares. A lifetime
 * bonus is awarded at the first run at which the lifetime volume reaches it, once. A closed period's
 * records (volume, pricings, month caps) are dropped, whether or not the partner is active. Partner
 * levels are reviewed first ({@link LevelReviews}).
 */
final class PeriodClose {
    private final Program program;
    private final Books books;
    private final ParentShares shares;
    private final LevelReviews levels;
    /** Whether holds can exist: only risk checks place them (docs/payouts.md §2). */
    private final boolean holds;

    PeriodClose(Program program, Books books, ParentShares shares, LevelReviews levels) {
        this.program = program;
        this.books = books;
        this.shares = shares;
        this.holds = !program.risk().isEmpty();
        this.levels = levels;
    }

    void close(Transaction tx, PartnerMessage.Close m, PartnerStage.Output out) {
        StateStore store = tx.store();
        String partner = m.partner();
        levels.review(tx, m, out); // on the levels period's volumes, before the close drops them
        BookRecord book = store.book(partner);
        if (book == null) {
            return;
        }
        boolean active = Directory.isActive(store.partner(partner));
        List<VolumeRecord> closing = new ArrayList<>();
        for (String label : book.openPeriods()) {
            VolumeRecord v = store.volume(partner, label);
            if (v.end() <= m.at()) {
                closing.add(v);
            }
        }
        closing.sort(Comparator.comparingLong(VolumeRecord::end).thenComparing(VolumeRecord::label));
        for (VolumeRecord v : closing) {
            if (active) {
                trueUps(tx, m, v, out);
                List<Bonus> bonuses = program.bonuses();
                for (int i = 0; i < bonuses.size(); i++) {
                    Bonus bonus = bonuses.get(i);
                    if (bonus.period() == v.period() && Volumes.value(v, bonus.metric()).compareTo(bonus.threshold()) >= 0) {
                        bonus(tx, m, i, bonus, v, out);
                    }
                }
            }
            for (int i = 0; i < v.retros(); i++) {
                RetroRecord r = store.retro(partner, v.label(), i);
                if (r != null) { // a void forgets its payment's pricings (docs/payouts.md §2)
                    tx.remove(r);
                }
            }
            tx.remove(v);
        }
        List<String> caps = new ArrayList<>();
        for (String entry : Books.book(tx, partner).monthCaps()) {
            int bar = entry.indexOf('|');
            String label = entry.substring(0, bar);
            long end = Nanos.of(YearMonth.parse(label).plusMonths(1).atDay(1).atStartOfDay(program.timeZone()).toInstant());
            if (end <= m.at()) {
                CapRecord cap = store.cap(partner, entry.substring(bar + 1), "month:" + label);
                if (cap != null) {
                    tx.remove(cap);
                }
            } else {
                caps.add(entry);
            }
        }
        BookRecord now = Books.book(tx, partner);
        List<String> open = new ArrayList<>(now.openPeriods());
        closing.forEach(v -> open.remove(v.label()));
        List<Integer> awarded = new ArrayList<>(now.lifetimeBonuses());
        if (active) {
            List<Bonus> bonuses = program.bonuses();
            VolumeRecord lifetime = store.volume(partner, "lifetime");
            for (int i = 0; i < bonuses.size(); i++) {
                Bonus bonus = bonuses.get(i);
                if (bonus.period() == Period.LIFETIME && lifetime != null && !awarded.contains(i)
                        && Volumes.value(lifetime, bonus.metric()).compareTo(bonus.threshold()) >= 0) {
                    bonus(tx, m, i, bonus, lifetime, out);
                    awarded.add(i);
                }
            }
        }
        BookRecord latest = Books.book(tx, partner);
        if (!open.equals(latest.openPeriods()) || !awarded.equals(latest.lifetimeBonuses()) || !caps.equals(latest.monthCaps())) {
            tx.put(store.book(partner), new BookRecord(partner, open, awarded, latest.paid(), latest.nextSeq(), caps));
        }
    }

    private void trueUps(Transaction tx, PartnerMessage.Close m, VolumeRecord v, PartnerStage.Output out) {
        StateStore store = tx.store();
        String partner = m.partner();
        for (int i = 0; i < v.retros(); i++) {
            RetroRecord retro = store.retro(partner, v.label(), i);
            if (retro == null) {
                continue; // forgotten by a void (docs/payouts.md §2)
            }
            TierPricing tp = retro.pricing();
            int tier = TierPricing.tierOf(tp.aboves(), Volumes.value(v, tp.metric()));
            EarningRecord earning = store.earning(partner, retro.paymentHi(), retro.paymentLo());
            Ratio refunded = earning == null ? Ratio.ZERO : earning.refunded();
            Ratio unrefunded = Ratio.ONE.minus(refunded);
            BigDecimal difference = tp.amountsByTier().get(tier).subtract(tp.paid());
            Money amount = Money.rounded(unrefunded.times(difference, 40, RoundingMode.HALF_EVEN), retro.currency(), program.rounding());
            if (amount.isZero()) {
                continue;
            }
            long availableAt = Math.max(books.held(retro.paymentAt()), m.at());
            int priced = tp.tier();
            int n = tp.aboves().size();
            String label = v.label();
            String payment = retro.payment();
            EntryRef ref = new EntryRef(partner, true, label, null);
            Entry e = Books.entry(EntryIds.ofPayment(payment, ref), EntryKind.TRUE_UP, partner, retro.customer(), payment, amount,
                    availableAt, Explanation.lazy("true_up", List.of(), () -> "true-up of " + payment + " from tier " + (priced + 1)
                            + " to tier " + (tier + 1) + " of " + n + " at the close of " + label + " (" + unrefunded.toDecimalString()
                            + " unrefunded)"));
            // a true-up of a held commission falls under its hold (docs/payouts.md §2)
            dev.referralkit.engine.state.HoldRecord hold = holds ? Holds.ofPayment(store, partner, payment) : null;
            if (hold != null) {
                hold = Holds.join(tx, hold, e, out);
            } else {
                Books.open(tx, e, out);
            }
            List<Earned> earned = new ArrayList<>(earning == null ? List.of() : earning.entries());
            earned.add(new Earned(ref, amount.toMinorUnits(), refunded, availableAt));
            for (Entry share : shares.of(store, e, "true-up")) {
                earned.add(new Earned(ref.sharedWith(share.partner()), share.money().toMinorUnits(), refunded, availableAt));
                if (hold != null) {
                    hold = Holds.sendHeld(tx, hold, share, out);
                } else {
                    out.send(new PartnerMessage.Booked(share.partner(), share));
                }
            }
            if (earning != null) {
                EarningRecord latest = store.earning(partner, retro.paymentHi(), retro.paymentLo());
                tx.put(latest, new EarningRecord(partner, earning.paymentHi(), earning.paymentLo(), earning.paymentAt(),
                        earning.currency(), latest.refunded(), earned, earning.conversions(), earning.revenue()));
            }
        }
    }

    private void bonus(Transaction tx, PartnerMessage.Close m, int index, Bonus bonus, VolumeRecord v, PartnerStage.Output out) {
        Money amount = Money.of("bonuses.amount", bonus.amount(), program.currency());
        BigDecimal volume = Volumes.value(v, bonus.metric());
        String label = v.label();
        Entry e = Books.entry(EntryIds.bonus(m.run(), m.partner(), index, label), EntryKind.BONUS, m.partner(), null, m.run(),
                amount, m.at(), Explanation.lazy("bonus", List.of(), () -> "bonus " + amount + ": "
                        + (bonus.metric() == Metric.CONVERSIONS ? stripped(volume) + " conversions" : "revenue " + stripped(volume))
                        + " reached " + stripped(bonus.threshold()) + " in " + label));
        Books.open(tx, e, out);
        for (Entry share : shares.of(tx.store(), e, "bonus")) {
            out.send(new PartnerMessage.Booked(share.partner(), share));
        }
    }

    private static String stripped(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }
}
