package dev.referralkit.engine.stage;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.binding.BindingModels;
import dev.referralkit.engine.state.ClicksRecord;
import dev.referralkit.engine.state.CustomerRecord;
import dev.referralkit.engine.state.IdentityRecord;
import dev.referralkit.engine.state.IdHash;
import dev.referralkit.engine.state.Nanos;
import dev.referralkit.engine.state.PartnerRecord;
import dev.referralkit.engine.state.PaymentRecord;
import dev.referralkit.engine.state.StateStore;
import dev.referralkit.engine.state.TouchRecord;
import dev.referralkit.event.Channel;
import dev.referralkit.event.Event;
import dev.referralkit.event.Lead;
import dev.referralkit.event.LeadStage;
import dev.referralkit.event.Registration;
import dev.referralkit.event.RegistrationDecision;
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
import java.util.Optional;
import java.util.function.Consumer;
import dev.referralkit.risk.IdentityAttribute;
import dev.referralkit.risk.Identities;

/**
 * The customer stage, keyed by customer: ordering per customer (SPEC.md §3 {@code OUT_OF_ORDER}),
 * binding ({@link Binder}, §4.1, with deal registrations) and lock-in (§4.2), payment numbering, the
 * allocation of a payment's or won deal's base over its credits (§4.3), refundable amounts (§6
 * {@code REFUND_EXCEEDS_PAYMENT}), a missing rate (docs/engine.md §6), and the lead lifecycle
 * (docs/lifecycle.md §1: {@code UNKNOWN_LEAD}, {@code INVALID_TRANSITION}, conversions by won deals). It
 * turns an event into {@link PartnerMessage}s for the partner stage.
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
    private final Terms terms;
    private final Long lockIn;
    private final boolean refundWindow;
    private final Screening screening;
    private final boolean keepBoundAt;
    private final boolean keepLastPayment;
    /** Scratch for {@link IdHash#both}: one stage serves one engine or stream task, one event at a time. */
    private final long[] hashed = new long[2];

    /**
     * @param program the program (validated)
     */
    public CustomerStage(Program program) {
        this.program = program;
        this.directory = new Directory(program);
        this.binder = new Binder(program, BindingModels.named(program.attribution().model()), directory);
        this.terms = new Terms(program);
        this.lockIn = program.attribution().lockInDays().map(d -> Nanos.days(d)).orElse(null);
        this.refundWindow = program.retention().refundDays().isPresent();
        this.screening = new Screening(program);
        this.keepBoundAt = lockIn != null || terms.needsBoundAt();
        this.keepLastPayment = program.levels().map(l -> l.levels().stream().anyMatch(x -> x.criteria().flatMap(
                c -> c.activeCustomers()).isPresent()) || l.trial().flatMap(t -> t.criteria().activeCustomers()).isPresent()).orElse(false);
    }

    /**
     * Checks what an event refers to, after idempotency and lateness and before ordering (SPEC.md §3):
     * a touch's partner exists ({@code UNKNOWN_PARTNER}); a refund's payment exists and is within the
     * refund window ({@code UNKNOWN_PAYMENT}), its amount has at most the payment currency's decimals
     * ({@code INVALID_AMOUNT}) and the customer it names is the payment's ({@code INVALID_EVENT}); a
     * {@code lead_stage} names a stage the lifecycle knows ({@code INVALID_EVENT}) of a customer with a lead
     * ({@code UNKNOWN_LEAD}).
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
        if (event instanceof LeadStage s) {
            if (!program.leadLifecycle().knows(s.stage()) || s.stage().equals(LeadStage.SUBMITTED)) {
                throw ReferralKitException.invalid(RejectionCode.INVALID_EVENT, "stage", s.stage(),
                        "is not a stage a lead can move to; known: " + program.leadLifecycle().stages() + " and qualified, won, lost, unqualified");
            }
            CustomerRecord c = store.customer(IdHash.hi(s.customer()), IdHash.lo(s.customer()));
            if (c == null || !c.leadSeen()) {
                throw ReferralKitException.invalid(RejectionCode.UNKNOWN_LEAD, "customer", s.customer(), "has no lead");
            }
        }
    }

    /**
     * Applies an event: updates the customer's records and sends the partner stage what it must do.
     * Partner events, registrations and payout runs are not the customer stage's (it returns null and sends
     * nothing).
     *
     * @param event an event whose references were checked
     * @param tx    the event's transaction
     * @param out   receives the messages for the partner stage, in order
     * @return the binding the event made, or null
     * @throws ReferralKitException {@code OUT_OF_ORDER}, {@code REFUND_EXCEEDS_PAYMENT}, {@code MISSING_FX_RATE},
     *                              {@code INVALID_TRANSITION}
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
        } else if (event instanceof LeadStage s) {
            return leadStage(s, tx, out);
        } else if (event instanceof PartnerChange || event instanceof PayoutRun || event instanceof Registration
                || event instanceof RegistrationDecision || event instanceof dev.referralkit.event.PartnerEvent) {
            return null; // partner events never pass the customer stage (docs/payouts.md §6)
        }
        throw new IllegalArgumentException("unknown event type " + event.typeName());
    }

    /** The customer's record after the ordering check; null for a new customer. */
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
        IdHash.both(customer, hashed);
        long hi = hashed[0];
        long lo = hashed[1];
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
        tx.put(old, new CustomerRecord(hi, lo, at, c.boundAt(), c.firstPaymentAt(), c.lastPaymentAt(), c.payments(), c.leadSeen(),
                c.converted(), c.stage(), c.credits(), touches, manual, pruned, c.attributes()));
        if (touch.channel() == Channel.LINK && !directory.owns(tx.store(), touch.partner(), customer)) {
            out.accept(new PartnerMessage.Click(touch.partner(), touch.id(), customer, at));
        }
        return null;
    }

    private Binding lead(Lead lead, Transaction tx, Consumer<PartnerMessage> out) {
        String customer = lead.customer();
        IdHash.both(customer, hashed);
        long hi = hashed[0];
        long lo = hashed[1];
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
        List<Credit> credits = c.credits();
        long boundAt = c.boundAt();
        if (!c.isBound()) {
            Binder.Bound bound = binder.bind(tx.store(), c.touches(), c.manual(), c.pruned(), attributes, customer, lead.id(), at);
            made = bound.binding();
            credits = bound.credits();
            boundAt = keepBoundAt ? at : Nanos.NONE;
        }
        CustomerRecord next = new CustomerRecord(hi, lo, at, boundAt, c.firstPaymentAt(), c.lastPaymentAt(), c.payments(), true,
                c.converted(), c.stage(), credits, List.of(), List.of(), 0, attributes);
        tx.put(old, next);
        RiskFacts facts = screening.needsCustomerFacts() && !next.credits().isEmpty()
                ? riskFacts(tx, hi, lo, next.credits(), next.attributes(), made != null ? c : null, null, at, false, false) : null;
        if (!c.leadSeen()) {
            for (Credit credit : credits) {
                out.accept(new PartnerMessage.Notified(credit.partner(), new Notification.LeadReceived(credit.partner(), customer,
                        lead.id(), lead.at())));
                PartnerMessage m = new PartnerMessage.LeadEarned(credit.partner(), lead.id(), customer, at, credit.weight(), boundAt, attributes);
                out.accept(facts == null ? m : facts.wrap(m));
            }
        }
        return made;
    }

    /**
     * docs/lifecycle.md §1: a lead moves forward only ({@code INVALID_TRANSITION} otherwise); every
     * credited partner is told, and earns the stage's reward; a won deal with an amount converts the
     * customer if it had not converted.
     */
    private Binding leadStage(LeadStage event, Transaction tx, Consumer<PartnerMessage> out) {
        String customer = event.customer();
        IdHash.both(customer, hashed);
        long hi = hashed[0];
        long lo = hashed[1];
        long at = Nanos.of(event.at());
        CustomerRecord c = current(tx.store(), customer, hi, lo, event, at);
        String from = c.leadStage();
        dev.referralkit.program.Lifecycle lifecycle = program.leadLifecycle();
        if (!lifecycle.allows(from, event.stage())) {
            String to = event.stage();
            String why;
            if (dev.referralkit.program.Lifecycle.isTerminal(from)) {
                why = ", a terminal stage: it cannot move to " + to;
            } else if (from.equals(to)) {
                why = " already";
            } else if (lifecycle.ordered().indexOf(to) < lifecycle.ordered().indexOf(from)) {
                why = ": it cannot move back to " + to;
            } else {
                List<String> next = lifecycle.next(from);
                why = ": it cannot move to " + to + ", only to " + String.join(", ", next.subList(0, next.size() - 1))
                        + " or " + next.get(next.size() - 1);
            }
            throw ReferralKitException.of(RejectionCode.INVALID_TRANSITION, "stage", to, "lead of " + customer + " is " + from + why);
        }
        boolean conversion = event.amount().isPresent() && !c.converted();
        List<Credit> credits = c.credits() == null ? List.of() : c.credits();
        if (event.amount().isPresent() && !credits.isEmpty()) {
            // decided before any write: a rejection then leaves nothing to undo
            requireRate(tx.store(), event.currency().get(), credits, false, Trigger.STAGE, event.stage(), at, c.boundAt());
        }
        tx.put(c, new CustomerRecord(hi, lo, at, c.boundAt(), c.firstPaymentAt(), c.lastPaymentAt(), c.payments(), true,
                c.converted() || conversion, event.stage(), c.credits(), c.touches(), c.manual(), c.pruned(), c.attributes()));
        if (credits.isEmpty()) {
            return null;
        }
        long[] shares = new long[credits.size()];
        if (event.amount().isPresent()) {
            Money base = event.base().get();
            if (credits.size() == 1) {
                shares[0] = base.toMinorUnits();
            } else {
                List<Ratio> weights = new ArrayList<>(credits.size());
                credits.forEach(cr -> weights.add(cr.weight()));
                List<Money> parts = base.allocate(weights);
                for (int i = 0; i < parts.size(); i++) {
                    shares[i] = parts.get(i).toMinorUnits();
                }
            }
        }
        for (int i = 0; i < credits.size(); i++) {
            Credit credit = credits.get(i);
            out.accept(new PartnerMessage.Notified(credit.partner(), new Notification.StageChanged(credit.partner(), customer, event.id(),
                    from, event.stage(), event.at())));
            out.accept(new PartnerMessage.StageEarned(credit.partner(), event, shares[i], credit.weight(), conversion, c.boundAt(),
                    c.attributes()));
        }
        return null;
    }

    private Binding payment(Payment payment, Transaction tx, Consumer<PartnerMessage> out) {
        String customer = payment.customer();
        IdHash.both(customer, hashed);
        long hi = hashed[0];
        long lo = hashed[1];
        long at = Nanos.of(payment.at());
        CustomerRecord old = current(tx.store(), customer, hi, lo, payment, at);
        CustomerRecord c = old != null ? old : CustomerRecord.fresh(hi, lo);
        Binding made = null;
        List<Credit> credits = c.credits();
        long boundAt = c.boundAt();
        if (!c.isBound()) {
            Binder.Bound bound = binder.bind(tx.store(), c.touches(), c.manual(), c.pruned(), c.attributes(), customer, payment.id(), at);
            made = bound.binding();
            credits = bound.credits();
            boundAt = keepBoundAt ? at : Nanos.NONE;
        }
        boolean lockedOut = lockIn != null && at > boundAt + lockIn;
        if (!credits.isEmpty()) {
            // decided before any write: a rejection then leaves nothing to undo
            requireRate(tx.store(), payment.currency(), credits, lockedOut, Trigger.PAYMENT, null, at, boundAt);
        }
        int number = c.payments() + 1;
        long firstPaymentAt = c.firstPaymentAt() == Nanos.NONE ? at : c.firstPaymentAt();
        boolean conversion = !c.converted();
        tx.put(old, new CustomerRecord(hi, lo, at, boundAt, firstPaymentAt, keepLastPayment ? at : Nanos.NONE, number, c.leadSeen(), true,
                c.stage(), credits, List.of(), List.of(), 0, c.attributes()));
        IdHash.both(payment.id(), hashed);
        long paymentHi = hashed[0];
        long paymentLo = (int) hashed[1]; // IdHash.lo32
        long amountMinor = payment.money().toMinorUnits();
        // the payment's instant is kept only where a later rule reads it: the refund window
        tx.put(null, new PaymentRecord(paymentHi, paymentLo, hi, lo, payment.currency(), amountMinor, 0,
                refundWindow ? at : Nanos.NONE));
        if (credits.isEmpty()) {
            return made;
        }
        long baseMinor = payment.tax().isEmpty() ? amountMinor : payment.base().toMinorUnits();
        RiskFacts facts = screening.needsCustomerFacts()
                ? riskFacts(tx, hi, lo, credits, c.attributes(), made != null ? c : null, payment, at, number == 1, conversion) : null;
        if (credits.size() == 1) {
            Credit credit = credits.get(0);
            PartnerMessage m = new PartnerMessage.PaymentEarned(credit.partner(), payment, paymentHi, paymentLo, baseMinor,
                    credit.weight(), number, firstPaymentAt, conversion, lockedOut, boundAt, c.lastPaymentAt(), c.attributes());
            out.accept(facts == null ? m : facts.wrap(m));
        } else {
            List<Ratio> weights = new ArrayList<>(credits.size());
            credits.forEach(cr -> weights.add(cr.weight()));
            List<Money> shares = Money.ofMinor(baseMinor, payment.currency()).allocate(weights);
            for (int i = 0; i < credits.size(); i++) {
                Credit credit = credits.get(i);
                PartnerMessage m = new PartnerMessage.PaymentEarned(credit.partner(), payment, paymentHi, paymentLo,
                        shares.get(i).toMinorUnits(), credit.weight(), number, firstPaymentAt, conversion, lockedOut, boundAt,
                        c.lastPaymentAt(), c.attributes());
                out.accept(facts == null ? m : facts.wrap(m));
            }
        }
        return made;
    }

    /** What the customer stage knows for the partners' risk checks, per credited partner (docs/payouts.md §1.3). */
    private record RiskFacts(Map<String, Long> touchAt, Map<String, List<String>> sharedEmail, Map<String, List<String>> sharedFingerprint) {
        PartnerMessage wrap(PartnerMessage m) {
            return new PartnerMessage.Screened(m.partner(), m, touchAt.getOrDefault(m.partner(), Nanos.NONE),
                    sharedEmail.getOrDefault(m.partner(), List.of()), sharedFingerprint.getOrDefault(m.partner(), List.of()));
        }
    }

    /**
     * The facts of a lead or payment with credits: each credited partner's latest link touch before the binding (for
     * the binding lead, kept in a {@link ClicksRecord} until the first payment, and for the first payment), and the
     * other partners that referred the customer's identities through other customers (updating the identity index).
     *
     * @param binding the customer's record before this event bound it (with its touches), or null
     * @param payment      the payment, or null for a lead
     * @param firstPayment whether the payment is the customer's first (its clicks record is dropped)
     * @param conversion   whether it converts the customer (only then are the click instants given)
     */
    private RiskFacts riskFacts(Transaction tx, long hi, long lo, List<Credit> credits, Map<String, String> attributes, CustomerRecord binding,
                                Payment payment, long at, boolean firstPayment, boolean conversion) {
        StateStore store = tx.store();
        Map<String, Long> touchAt = new LinkedHashMap<>();
        if (screening.touchTimes()) {
            if (binding != null) {
                for (Credit credit : credits) {
                    long latest = Nanos.NONE;
                    for (TouchRecord t : binding.touches()) {
                        if (t.channel() == Channel.LINK && t.partner().equals(credit.partner()) && t.at() <= at && t.at() > latest) {
                            latest = t.at();
                        }
                    }
                    if (latest != Nanos.NONE) {
                        touchAt.put(credit.partner(), latest);
                    }
                }
                if (payment == null && !touchAt.isEmpty()) {
                    tx.put(store.clicks(hi, lo), new ClicksRecord(hi, lo, new ArrayList<>(touchAt.keySet()), new ArrayList<>(touchAt.values())));
                }
            } else if (firstPayment) {
                ClicksRecord clicks = store.clicks(hi, lo);
                if (clicks != null) {
                    // a customer that converted by a won deal (docs/lifecycle.md §1) converts no more at its first payment
                    for (int i = 0; conversion && i < clicks.partners().size(); i++) {
                        touchAt.put(clicks.partners().get(i), clicks.at().get(i));
                    }
                    tx.remove(clicks);
                }
            }
        }
        Map<String, List<String>> email = Map.of();
        Map<String, List<String>> fingerprint = Map.of();
        if (screening.identities().contains(IdentityAttribute.EMAIL)) {
            Optional<String> address = Identities.email(attributes.get(Identities.EMAIL));
            if (address.isPresent()) {
                email = shared(tx, "email:" + address.get(), hi, credits);
            }
        }
        if (payment != null && screening.identities().contains(IdentityAttribute.PAYMENT_FINGERPRINT)) {
            Optional<String> value = Identities.fingerprint(payment.attributes().get(Identities.PAYMENT_FINGERPRINT));
            if (value.isPresent()) {
                fingerprint = shared(tx, "payment_fingerprint:" + value.get(), hi, credits);
            }
        }
        return new RiskFacts(touchAt, email, fingerprint);
    }

    /** Per credited partner, the other partners an identity was credited to through other customers; records these credits. */
    private static Map<String, List<String>> shared(Transaction tx, String identity, long customerHi, List<Credit> credits) {
        long ihi = IdHash.hi(identity);
        long ilo = IdHash.lo(identity);
        IdentityRecord old = tx.store().identity(ihi, ilo);
        List<String> partners = old == null ? List.of() : old.partners();
        List<Long> customers = old == null ? List.of() : old.customers();
        Map<String, List<String>> result = new LinkedHashMap<>();
        for (Credit credit : credits) {
            java.util.TreeSet<String> others = new java.util.TreeSet<>();
            for (int i = 0; i < partners.size(); i++) {
                if (!partners.get(i).equals(credit.partner()) && customers.get(i) != customerHi) {
                    others.add(partners.get(i));
                }
            }
            if (!others.isEmpty()) {
                result.put(credit.partner(), List.copyOf(others));
            }
        }
        List<String> nextPartners = new ArrayList<>(partners);
        List<Long> nextCustomers = new ArrayList<>(customers);
        for (Credit credit : credits) {
            boolean known = false;
            for (int i = 0; i < nextPartners.size(); i++) {
                if (nextPartners.get(i).equals(credit.partner()) && nextCustomers.get(i) == customerHi) {
                    known = true;
                }
            }
            if (!known && nextPartners.size() < IdentityRecord.MAX_PARTNERS) {
                nextPartners.add(credit.partner());
                nextCustomers.add(customerHi);
            }
        }
        if (nextPartners.size() != partners.size()) {
            tx.put(old, new IdentityRecord(ihi, ilo, nextPartners, nextCustomers));
        }
        return result;
    }

    /**
     * SPEC.md §6, decided before pricing (docs/engine.md §6): an amount in a currency the program has no
     * rate for is {@code MISSING_FX_RATE} when the plan of a partner it would pay may convert
     * ({@link dev.referralkit.reward.Reward#convertsCurrency()}). Deciding here, from the plans, keeps the
     * partner stage from ever refusing an event the customer stage accepted (a stream processor cannot undo
     * the customer stage from the partner's partition).
     */
    private void requireRate(StateStore store, java.util.Currency currency, List<Credit> credits, boolean lockedOut, Trigger trigger,
                             String stage, long at, long boundAt) {
        if (lockedOut || program.rates().canConvert(currency)) {
            return;
        }
        int version = terms.version(at, boundAt);
        for (Credit credit : credits) {
            PartnerRecord partner = store.partner(credit.partner());
            if (Directory.isActive(partner)) {
                var plan = directory.plan(partner, trigger, stage, version);
                if (plan.isPresent() && plan.get().reward().convertsCurrency()) {
                    program.rates().toProgram(java.math.BigDecimal.ZERO, currency); // refuses with MISSING_FX_RATE
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
        tx.put(old, old.at(at));
        if (old.credits() != null) {
            for (Credit credit : old.credits()) {
                out.accept(new PartnerMessage.Refunded(credit.partner(), refund.id(), at, customer, refund.payment(), paymentHi,
                        paymentLo, p.currency(), p.amount(), p.refunded(), after));
            }
        }
        return null;
    }
}
