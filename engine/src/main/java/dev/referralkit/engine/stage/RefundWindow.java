package dev.referralkit.engine.stage;

import dev.referralkit.engine.state.CustomerRecord;
import dev.referralkit.engine.state.EarningRecord;
import dev.referralkit.engine.state.Nanos;
import dev.referralkit.engine.state.PaymentRecord;
import dev.referralkit.ledger.Credit;
import dev.referralkit.program.Program;
import java.util.ArrayList;
import java.util.List;

/**
 * The refund window ({@code retention.refundDays}, docs/engine.md §4): a payout run at T forgets every
 * payment with {@code at + refundDays < T}, and what each partner earned from it. No refund that is not
 * {@code LATE_EVENT} can name such a payment ({@link CustomerStage#checkReferences} refuses a refund past
 * the window whether or not the payment was forgotten), so forgetting changes no answer.
 */
public final class RefundWindow {
    private final Long window;

    /** @param program the program */
    public RefundWindow(Program program) {
        this.window = program.retention().refundDays().map(d -> Nanos.days(d)).orElse(null);
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
