package dev.referralkit.engine.stage;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.binding.BindingModels;
import dev.referralkit.engine.state.CustomerRecord;
import dev.referralkit.engine.state.IdHash;
import dev.referralkit.engine.state.Nanos;
import dev.referralkit.engine.state.PartnerRecord;
import dev.referralkit.engine.state.PaymentRecord;
import dev.referralkit.engine.state.StateStore;
import dev.referralkit.engine.state.TouchRecord;
import dev.referralkit.event.Channel;
import dev.referralkit.event.Event;
import dev.referralkit.event.Lead;
import dev.referralkit.event.PartnerChange;
import dev.referralkit.event.Payment;
import dev.referralkit.event.PayoutRun;
import dev.referralkit.event.Refund;
import dev.referralkit.event.Touch;
import dev.referralkit.ledger.Binding;
import dev.referralkit.ledger.Credit;
import dev.referralkit.money.Money;
import dev.referralkit.money.Ratio;
import dev.referralkit.program.Program;
import dev.referralkit.program.Trigger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The customer stage, keyed by customer: ordering per customer (SPEC.md §3 {@code OUT_OF_ORDER}),
 * binding ({@link Binder}, §4.1) and lock-in (§4.2), payment numbering, the allocation of a payment's
 * base over its credits (§4.3), refundable amounts (§6 {@code REFUND_EXCEEDS_PAYMENT}). It turns an
 * event into {@link PartnerMessage}s for the partner stage.
 *
 * <p><b>Records</b> read and written per event: the customer's ({@link CustomerRecord}); a payment's
 * ({@link PaymentRecord}) for payments and refunds; partners are read. <b>Work per event</b> is
 * O(touches of the customer within the window), independent of history.
 *
 * <p>A stream processor partitioned by customer runs one stage per task over its own store; the
 * single-process {@code ReferralEngine} runs one over the engine's store.
 */
public final class CustomerStage {
    private final Program program;
    private final Directory directory;
    private final Binder binder;
    private final Long lockIn;
    private final boolean refundWindow;

    /**
     * @param program the program (validated)
     */
    public CustomerStage(Program program) {
        this.program = program;
        this.directory = new Directory(program);
        this.binder = new Binder(program.attribution(), BindingModels.named(program.attribution().model()), directory);
        this.lockIn = program.attribution().lockInDays().map(d -> Nanos.days(d)).orElse(null);
        this.refundWindow = program.retention().refundDays().isPresent();
    }

    /**
     * Checks what an event refers to, after idempotency and lateness and before ordering (SPEC.md §3):
     * a touch's partner exists ({@code UNKNOWN_PARTNER}); a refund's payment exists and is within the
     * refund window ({@code UNKNOWN_PAYMENT}), its amount has at most the payment currency's decimals
     * ({@code INVALID_AMOUNT}) and the customer it names is the payment's ({@code INVALID_EVENT}).
     *
     * @param event an event
     * @param store the store
     * @throws ReferralKitException the first failure
     */
    public void checkReferences(Event event, StateStore store) {
        if (event instanceof Touch t && store.partner(t.partner()) == null) {
            throw ReferralKitException.invalid(RejectionCode.UNKNOWN_PARTNER, "partner", t.partner(), "is not a partner of the program");
        }
        if (event instanceof Refund r) {
            PaymentRecord p = store.payment(IdHash.hi(r.payment()), IdHash.lo32(r.payment()));
            if (p == null) {
                throw ReferralKitException.invalid(RejectionCode.UNKNOWN_PAYMENT, "payment", r.payment(), "is not an accepted payment");
            }
            if (program.retention().refundDays().isPresent()) {
                int days = program.retention().refundDays().get();
                if (Nanos.of(r.at()) > p.at() + Nanos.days(days)) {
                    throw ReferralKitException.invalid(RejectionCode.UNKNOWN_PAYMENT, "payment", r.payment(),
                            "is past the refund window of " + days + " days (program.retention.refundDays)");
                }
            }
            Money.ofWritten("amount", r.amount(), p.currency());
            r.customer().ifPresent(c -> {
                if (IdHash.hi(c) != p.customerHi() || IdHash.lo(c) != p.customerLo()) {
                    throw ReferralKitException.invalid(RejectionCode.INVALID_EVENT, "customer", c,
                            "is not the customer of payment " + r.payment());
                }
            });
        }
    }

    /**
     * Applies an event: updates the customer's records and sends the partner stage what it must do.
     * Partner events and payout runs are not the customer stage's (it returns null and sends nothing).
     *
     * @param event an event whose references were checked
     * @param tx    the event's transaction
     * @param out   receives the messages for the partner stage, in order
     * @return the binding the event made, or null
     * @throws ReferralKitException {@code OUT_OF_ORDER}, {@code REFUND_EXCEEDS_PAYMENT}
     */
    public Binding apply(Event event, Transaction tx, Consumer<PartnerMessage> out) {
        if (event instanceof Payment p) {
            return payment(p, tx, out);
        } else if (event instanceof Touch t) {
            return touch(t, tx, out);
        } else if (event instanceof Lead l) {
            return lead(l, tx, out);
        } else if (event instanceof Refund r) {
            return refund(r, tx, out);
        } else if (event instanceof PartnerChange || event instanceof PayoutRun) {
            return null;
        }
        throw new IllegalArgumentException("unknown event type " + event.typeName());
    }

    /** The customer's record after the ordering check; a fresh one for a new customer. */
    private static CustomerRecord current(StateStore store, String customer, long hi, long lo, Event event, long at) {
        CustomerRecord c = store.customer(hi, lo);
        if (c == null) {
            return null;
        }
        if (c.lastAt() != Nanos.NONE && at < c.lastAt()) {
            throw ReferralKitException.of(RejectionCode.OUT_OF_ORDER, "at", event.at().toString(),
                    "at " + event.at() + " is before customer " + customer + "'s last accepted event at " + Nanos.instant(c.lastAt()));
        }
        return c;
    }

    private Binding touch(Touch touch, Transaction tx, Consumer<PartnerMessage> out) {
        String customer = touch.customer();
        long hi = IdHash.hi(customer);
        long lo = IdHash.lo(customer);
        long at = Nanos.of(touch.at());
        CustomerRecord old = current(tx.store(), customer, hi, lo, touch, at);
        CustomerRecord c = old != null ? old : CustomerRecord.fresh(hi, lo);
        List<TouchRecord> touches = c.touches();
        List<TouchRecord> manual = c.manual();
        int pruned = c.pruned();
        if (!c.isBound()) {
            TouchRecord t = new TouchRecord(touch.id(), touch.partner(), at, touch.channel());
            if (touch.channel() == Channel.MANUAL) {
                List<TouchRecord> m = new ArrayList<>(manual.size() + 1);
                for (TouchRecord x : manual) {
                    if (!x.partner().equals(touch.partner())) {
                        m.add(x);
                    }
                }
                m.add(t);
                manual = m;
            } else {
                long horizon = at - binder.window();
                List<TouchRecord> kept = new ArrayList<>(touches.size() + 1);
                for (TouchRecord x : touches) {
                    if (x.at() < horizon) {
                        pruned++;
                    } else {
                        kept.add(x);
                    }
                }
                kept.add(t);
                touches = kept;
            }
        }
        tx.put(old, new CustomerRecord(hi, lo, at, c.boundAt(), c.firstPaymentAt(), c.payments(), c.leadSeen(), c.credits(),
                touches, manual, pruned, c.attributes()));
        if (touch.channel() == Channel.LINK && !directory.owns(tx.store(), touch.partner(), customer)) {
            out.accept(new PartnerMessage.Click(touch.partner(), touch.id(), customer, at));
        }
        return null;
    }

    private Binding lead(Lead lead, Transaction tx, Consumer<PartnerMessage> out) {
        String customer = lead.customer();
        long hi = IdHash.hi(customer);
        long lo = IdHash.lo(customer);
        long at = Nanos.of(lead.at());
        CustomerRecord old = current(tx.store(), customer, hi, lo, lead, at);
        CustomerRecord c = old != null ? old : CustomerRecord.fresh(hi, lo);
        Map<String, String> attributes = c.attributes();
        if (!lead.attributes().isEmpty()) {
            Map<String, String> merged = new LinkedHashMap<>(attributes);
            merged.putAll(lead.attributes());
            attributes = merged;
        }
        Binding made = null;
        CustomerRecord next;
        if (!c.isBound()) {
            Binder.Bound bound = binder.bind(tx.store(), c.touches(), c.manual(), c.pruned(), customer, lead.id(), at);
            made = bound.binding();
            next = new CustomerRecord(hi, lo, at, lockIn != null ? at : Nanos.NONE, c.firstPaymentAt(), c.payments(), true,
                    bound.credits(), List.of(), List.of(), 0, attributes);
        } else {
            next = new CustomerRecord(hi, lo, at, c.boundAt(), c.firstPaymentAt(), c.payments(), true, c.credits(), List.of(),
                    List.of(), 0, attributes);
        }
        tx.put(old, next);
        if (!c.leadSeen()) {
            for (Credit credit : next.credits()) {
                out.accept(new PartnerMessage.LeadEarned(credit.partner(), lead.id(), customer, at, credit.weight(), next.attributes()));
            }
        }
        return made;
    }

    private Binding payment(Payment payment, Transaction tx, Consumer<PartnerMessage> out) {
        String customer = payment.customer();
        long hi = IdHash.hi(customer);
        long lo = IdHash.lo(customer);
        long at = Nanos.of(payment.at());
        CustomerRecord old = current(tx.store(), customer, hi, lo, payment, at);
        CustomerRecord c = old != null ? old : CustomerRecord.fresh(hi, lo);
        Binding made = null;
        List<Credit> credits = c.credits();
        long boundAt = c.boundAt();
        if (!c.isBound()) {
            Binder.Bound bound = binder.bind(tx.store(), c.touches(), c.manual(), c.pruned(), customer, payment.id(), at);
            made = bound.binding();
            credits = bound.credits();
            boundAt = lockIn != null ? at : Nanos.NONE;
        }
        int number = c.payments() + 1;
        long firstPaymentAt = c.firstPaymentAt() == Nanos.NONE ? at : c.firstPaymentAt();
        tx.put(old, new CustomerRecord(hi, lo, at, boundAt, firstPaymentAt, number, c.leadSeen(), credits, List.of(), List.of(), 0,
                c.attributes()));
        long paymentHi = IdHash.hi(payment.id());
        long paymentLo = IdHash.lo32(payment.id());
        long amountMinor = payment.money().toMinorUnits();
        // the payment's instant is kept only where a later rule reads it: the refund window
        tx.put(null, new PaymentRecord(paymentHi, paymentLo, hi, lo, payment.currency(), amountMinor, 0,
                refundWindow ? at : Nanos.NONE));
        if (credits.isEmpty()) {
            return made;
        }
        boolean lockedOut = lockIn != null && at > boundAt + lockIn;
        requireRate(tx.store(), payment, credits, lockedOut);
        long baseMinor = payment.tax().isEmpty() ? amountMinor : payment.base().toMinorUnits();
        if (credits.size() == 1) {
            Credit credit = credits.get(0);
            out.accept(new PartnerMessage.PaymentEarned(credit.partner(), payment, paymentHi, paymentLo, baseMinor,
                    credit.weight(), number, firstPaymentAt, number == 1, lockedOut, c.attributes()));
        } else {
            List<Ratio> weights = new ArrayList<>(credits.size());
            credits.forEach(cr -> weights.add(cr.weight()));
            List<Money> shares = Money.ofMinor(baseMinor, payment.currency()).allocate(weights);
            for (int i = 0; i < credits.size(); i++) {
                Credit credit = credits.get(i);
                out.accept(new PartnerMessage.PaymentEarned(credit.partner(), payment, paymentHi, paymentLo,
                        shares.get(i).toMinorUnits(), credit.weight(), number, firstPaymentAt, number == 1, lockedOut, c.attributes()));
            }
        }
        return made;
    }

    /**
     * SPEC.md §6, decided before pricing (docs/engine.md §5): a payment in a currency the program has no rate
     * for is {@code MISSING_FX_RATE} when the plan of a partner it would pay may convert
     * ({@link dev.referralkit.reward.Reward#convertsCurrency()}). Deciding here, from the plans, keeps the
     * partner stage from ever refusing an event the customer stage accepted (a stream processor cannot undo
     * the customer stage from the partner's partition).
     */
    private void requireRate(StateStore store, Payment payment, List<Credit> credits, boolean lockedOut) {
        if (lockedOut || program.rates().canConvert(payment.currency())) {
            return;
        }
        for (Credit credit : credits) {
            PartnerRecord partner = store.partner(credit.partner());
            if (Directory.isActive(partner)) {
                var plan = directory.plan(partner, Trigger.PAYMENT);
                if (plan.isPresent() && plan.get().reward().convertsCurrency()) {
                    program.rates().toProgram(java.math.BigDecimal.ZERO, payment.currency()); // refuses with MISSING_FX_RATE
                }
            }
        }
    }

    private Binding refund(Refund refund, Transaction tx, Consumer<PartnerMessage> out) {
        StateStore store = tx.store();
        long paymentHi = IdHash.hi(refund.payment());
        long paymentLo = IdHash.lo32(refund.payment());
        PaymentRecord p = store.payment(paymentHi, paymentLo);
        long at = Nanos.of(refund.at());
        String customer = refund.customer().orElse(null);
        CustomerRecord old = current(store, customer != null ? customer : "of payment " + refund.payment(), p.customerHi(),
                p.customerLo(), refund, at);
        long amount = Money.ofWritten("amount", refund.amount(), p.currency()).toMinorUnits();
        long after = p.refunded() + amount;
        if (after > p.amount()) {
            Money left = Money.ofMinor(p.amount() - p.refunded(), p.currency());
            throw ReferralKitException.of(RejectionCode.REFUND_EXCEEDS_PAYMENT, "amount", refund.amount().toPlainString(),
                    "amount " + Money.ofMinor(amount, p.currency()) + " exceeds what is still refundable on " + refund.payment() + ": " + left);
        }
        tx.put(p, new PaymentRecord(paymentHi, paymentLo, p.customerHi(), p.customerLo(), p.currency(), p.amount(), after, p.at()));
        tx.put(old, new CustomerRecord(old.hi(), old.lo(), at, old.boundAt(), old.firstPaymentAt(), old.payments(), old.leadSeen(),
                old.credits(), old.touches(), old.manual(), old.pruned(), old.attributes()));
        if (old.credits() != null) {
            for (Credit credit : old.credits()) {
                out.accept(new PartnerMessage.Refunded(credit.partner(), refund.id(), at, customer, refund.payment(), paymentHi,
                        paymentLo, p.currency(), p.amount(), p.refunded(), after));
            }
        }
        return null;
    }
}
