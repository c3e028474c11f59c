package dev.referralkit.engine.stage;

import dev.referralkit.engine.state.EarningRecord;
import dev.referralkit.engine.state.Earned;
import dev.referralkit.ledger.Entry;
import dev.referralkit.ledger.EntryKind;
import dev.referralkit.ledger.Explanation;
import dev.referralkit.money.Money;
import dev.referralkit.money.Ratio;
import dev.referralkit.money.Rounding;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Refunds (SPEC.md §6): every entry a payment produced for a partner — its commission, true-ups and the
 * parent shares it gave — gets a {@code REVERSAL} so that its cumulative reversal is
 * {@code round(entry × (f − f0)/(1 − f0))}, f the payment's refunded fraction after the refund and f0 the
 * fraction already refunded when the entry was made (0 for a commission). What was reversed before is
 * the same formula at the fraction before the refund, so nothing per entry needs keeping. A full refund
 * reverses every entry exactly. A reversal is available at the later of the refund and the reversed
 * entry's availableAt; it names the refund as its event and the refund's customer, if given
 * (docs/engine.md §5). The periods' volumes fall as {@link Volumes#refund} says.
 */
final class Reversals {
    private final Rounding rounding;
    private final Volumes volumes;
    private final Screening screening;

    Reversals(Rounding rounding, Volumes volumes, Screening screening) {
        this.rounding = rounding;
        this.volumes = volumes;
        this.screening = screening;
    }

    void refund(Transaction tx, PartnerMessage.Refunded m, PartnerStage.Output out) {
        screening.refunded(tx, m.partner(), m.paymentHi(), m.paymentLo());
        EarningRecord earning = tx.store().earning(m.partner(), m.paymentHi(), m.paymentLo());
        if (earning == null) {
            return;
        }
        // reversals of entries under a hold fall under it too (docs/payouts.md §2)
        dev.referralkit.engine.state.HoldRecord hold = screening.active() ? Holds.ofPayment(tx.store(), m.partner(), m.payment()) : null;
        BigDecimal total = BigDecimal.valueOf(m.amount());
        Ratio before = Ratio.of(BigDecimal.valueOf(m.refundedBefore())).dividedBy(Ratio.of(total));
        Ratio after = Ratio.of(BigDecimal.valueOf(m.refundedAfter())).dividedBy(Ratio.of(total));
        for (Earned e : earning.entries()) {
            long change = reversed(e, after, earning) - reversed(e, before, earning);
            if (change == 0) {
                continue;
            }
            Money source = Money.ofMinor(e.amount(), earning.currency());
            Money amount = Money.ofMinor(-change, earning.currency());
            Money target = Money.ofMinor(reversed(e, after, earning), earning.currency());
            Money refunded = Money.ofMinor(m.refundedAfter(), earning.currency());
            Money paid = Money.ofMinor(m.amount(), earning.currency());
            String sourceId = EntryIds.ofPayment(m.payment(), e.ref());
            long availableAt = Math.max(m.at(), e.availableAt());
            Entry reversal = Books.entry(EntryIds.reversal(m.refund(), e.ref()), EntryKind.REVERSAL, e.ref().creditedPartner(),
                    m.customer(), m.refund(), amount, availableAt, Explanation.lazy("reversal", List.of(),
                            () -> "reverses " + amount.negated() + " of " + sourceId + " (" + source + "): " + refunded + " of " + paid
                                    + " refunded, " + target.amount().toPlainString() + " reversed in all"));
            if (hold != null && reversal.partner().equals(m.partner())) {
                hold = Holds.join(tx, hold, reversal, out);
            } else if (hold != null) {
                hold = Holds.sendHeld(tx, hold, reversal, out);
            } else if (reversal.partner().equals(m.partner())) {
                Books.open(tx, reversal, out);
            } else {
                out.send(new PartnerMessage.Booked(reversal.partner(), reversal));
            }
        }
        volumes.refund(tx, earning, after.minus(before), m.refundedAfter() == m.amount());
        tx.put(earning, new EarningRecord(earning.partner(), earning.paymentHi(), earning.paymentLo(), earning.paymentAt(),
                earning.currency(), after, earning.entries(), earning.conversions(), earning.revenue()));
    }

    /** The cumulative reversal of an entry at refunded fraction f, minor units. */
    private long reversed(Earned e, Ratio f, EarningRecord earning) {
        if (f.compareTo(e.f0()) <= 0) {
            return 0;
        }
        Ratio portion = f.minus(e.f0()).dividedBy(Ratio.ONE.minus(e.f0()));
        BigDecimal exact = portion.times(Money.ofMinor(e.amount(), earning.currency()).amount(), 40, RoundingMode.HALF_EVEN);
        return Money.rounded(exact, earning.currency(), rounding).toMinorUnits();
    }
}
