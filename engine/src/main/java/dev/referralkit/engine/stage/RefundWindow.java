package dev.referralkit.engine.stage;

import dev.referralkit.engine.state.BookRecord;
import dev.referralkit.engine.state.CustomerRecord;
import dev.referralkit.engine.state.EarningRecord;
import dev.referralkit.engine.state.Nanos;
import dev.referralkit.engine.state.PaymentRecord;
import dev.referralkit.engine.state.StateStore;
import dev.referralkit.engine.state.VolumeRecord;
import dev.referralkit.ledger.Credit;
import dev.referralkit.program.Period;
import dev.referralkit.program.Program;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The refund window ({@code retention.refundDays}, docs/engine.md §4): a payout run at T forgets every
 * payment with {@code at + refundDays < T}, and what each partner earned from it — once no open
 * retroactive tier period holds the payment ({@link #keepsEarning}). No refund that is not
 * {@code LATE_EVENT} can name such a payment ({@link CustomerStage#checkReferences} refuses a refund past
 * the window whether or not the payment was forgotten), so forgetting changes no answer.
 */
public final class RefundWindow {
    private final Long window;
    private final java.time.ZoneId zone;

    /** @param program the program */
    public RefundWindow(Program program) {
        this.window = program.retention().refundDays().map(d -> Nanos.days(d)).orElse(null);
        this.zone = program.timeZone();
    }

    /**
     * Whether a partner's earning from a payment past the window must still be kept: a retroactive tier's
     * period holding the payment is open, and its true-up at the close reads the share of the payment that
     * was refunded (docs/engine.md §4). The payment is forgotten at the first run after that period closed.
     *
     * @param store     the store
     * @param partner   the partner
     * @param paymentAt epoch nanoseconds of the payment
     * @return true to keep it for now
     */
    public boolean keepsEarning(StateStore store, String partner, long paymentAt) {
        BookRecord book = store.book(partner);
        if (book == null) {
            return false;
        }
        Instant at = Nanos.instant(paymentAt);
        for (String label : book.openPeriods()) {
            VolumeRecord v = store.volume(partner, label);
            if (v != null && v.retros() > 0 && v.period() != Period.LIFETIME
                    && v.period().label(at, zone).equals(label)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Forgets payments past the window (customer stage) and their earnings (partner stage).
     *
     * @param at epoch nanoseconds of the payout run
     * @param tx the run's transaction
     */
    public void payoutRun(long at, Transaction tx) {
        if (window == null) {
            return;
        }
        List<PaymentRecord> old = new ArrayList<>();
        tx.store().forEachPaymentBefore(at - window, old::add);
        for (PaymentRecord p : old) {
            CustomerRecord customer = tx.store().customer(p.customerHi(), p.customerLo());
            if (customer != null && customer.credits() != null) {
                if (customer.credits().stream().anyMatch(c -> keepsEarning(tx.store(), c.partner(), p.at()))) {
                    continue; // kept until its retroactive period closes, then forgotten by a later run
                }
                for (Credit credit : customer.credits()) {
                    EarningRecord earning = tx.store().earning(credit.partner(), p.hi(), p.lo());
                    if (earning != null) {
                        tx.remove(earning);
                    }
                }
            }
            tx.remove(p);
        }
    }
}
