package dev.referralkit.engine;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.binding.BindingModel;
import dev.referralkit.binding.Candidate;
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
import dev.referralkit.ledger.ImmutableBinding;
import dev.referralkit.money.Money;
import dev.referralkit.money.Ratio;
import dev.referralkit.program.AttributionSettings;
import dev.referralkit.program.PartnerStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The customer stage (keyed by customer): ordering per customer, binding (SPEC.md §4.1–4.2),
 * payment numbering and months, refundable amounts.
 *
 * <p><b>State.</b> Per customer: the last accepted instant; until bound, its touches that can still
 * qualify (a touch older than the newest touch minus the window can never qualify again and is
 * dropped, except the newest manual touch, which wins at any age); once bound, its credits, the
 * binding instant, payment count and first payment instant, and its attributes. Per payment: one
 * compact record (customer, amount, refunded so far) so that a later refund can be checked.
 *
 * <p><b>Work per event</b> is O(touches of that customer within the window), independent of history.
 * {@link #prepare} reads state and returns a {@link Step} whose {@code commit} applies the change,
 * so that a later rejection (in the partner stage) leaves this stage unchanged.
 */
final class CustomerStage {
    private final AttributionSettings settings;
    private final BindingModel model;
    private final ZoneId zone;
    /** The zone's rules, fetched once: {@code ZoneOffset.getRules()} allocates on every call. */
    private final java.time.zone.ZoneRules rules;
    private final PartnerDirectory partners;
    final Map<String, CustomerState> customers = new HashMap<>();
    final IdTable<PaymentRecord> payments = new IdTable<>();
    /** One shared credit list per partner for the common case of a single full credit (bounded by partners). */
    private final Map<String, List<Credit>> soleCredits = new HashMap<>();

    private List<Credit> sole(String partner) {
        return soleCredits.computeIfAbsent(partner, p -> List.of(Credit.of(p, Ratio.ONE)));
    }

    CustomerStage(AttributionSettings settings, BindingModel model, ZoneId zone, PartnerDirectory partners) {
        this.settings = settings;
        this.model = model;
        this.zone = zone.normalized();
        this.rules = this.zone.getRules();
        this.partners = partners;
    }

    /**
     * Per-customer state, kept small: collections are null while empty, touches are dropped once the
     * customer is bound, and only the credits of the binding are kept (the {@link Binding} itself,
     * with its explanation, goes to the host in the outcome). Mutated only by a committed step.
     */
    static final class CustomerState {
        /** The customer's id: the one instance that records of this customer share. */
        String id;
        /** Instants are kept as seconds and nanos (12 bytes each instead of a 24-byte object); MIN_VALUE: none. */
        private long lastSecond = Long.MIN_VALUE;
        private int lastNano;
        /** Link and coupon touches that can still qualify; null when none. */
        List<Touch> touches;
        /** The newest manual touch of each partner, oldest first; null when none. */
        LinkedHashMap<String, Touch> manual;
        int pruned;
        /** The binding's credits; null until bound. */
        List<Credit> credits;
        private long boundSecond = Long.MIN_VALUE;
        private int boundNano;
        boolean leadSeen;
        int payments;
        private long firstPaymentSecond = Long.MIN_VALUE;
        private int firstPaymentNano;
        /** Customer attributes from leads; null when none. */
        Map<String, String> attributes;

        CustomerState copy() {
            CustomerState c = new CustomerState();
            c.id = id;
            c.lastSecond = lastSecond;
            c.lastNano = lastNano;
            c.touches = touches == null ? null : new ArrayList<>(touches);
            c.manual = manual == null ? null : new LinkedHashMap<>(manual);
            c.pruned = pruned;
            c.credits = credits;
            c.boundSecond = boundSecond;
            c.boundNano = boundNano;
            c.leadSeen = leadSeen;
            c.payments = payments;
            c.firstPaymentSecond = firstPaymentSecond;
            c.firstPaymentNano = firstPaymentNano;
            c.attributes = attributes == null ? null : new LinkedHashMap<>(attributes);
            return c;
        }

        Map<String, String> attributes() {
            return attributes == null ? Map.of() : attributes;
        }

        private static Instant instant(long second, int nano) {
            return second == Long.MIN_VALUE ? null : Instant.ofEpochSecond(second, nano);
        }

        Instant lastAt() {
            return instant(lastSecond, lastNano);
        }

        void lastAt(Instant at) {
            lastSecond = at.getEpochSecond();
            lastNano = at.getNano();
        }

        /** @return whether {@code at} is before the customer's last accepted event */
        boolean isBeforeLast(Instant at) {
            return lastSecond != Long.MIN_VALUE
                    && (at.getEpochSecond() < lastSecond || at.getEpochSecond() == lastSecond && at.getNano() < lastNano);
        }

        Instant boundAt() {
            return instant(boundSecond, boundNano);
        }

        void boundAt(Instant at) {
            boundSecond = at.getEpochSecond();
            boundNano = at.getNano();
        }

        Instant firstPaymentAt() {
            return instant(firstPaymentSecond, firstPaymentNano);
        }

        void firstPaymentAt(Instant at) {
            firstPaymentSecond = at.getEpochSecond();
            firstPaymentNano = at.getNano();
        }
    }

    /** What a refund needs of its payment, kept for every accepted payment: 40 bytes. */
    static final class PaymentRecord {
        final String customer;
        final java.util.Currency currency;
        final long amountMinor;
        long refundedMinor;

        PaymentRecord(String customer, Money amount) {
            this.customer = customer;
            this.currency = amount.currency();
            this.amountMinor = amount.toMinorUnits();
        }

        Money amount() {
            return Money.ofMinor(amountMinor, currency);
        }

        Money refunded() {
            return Money.ofMinor(refundedMinor, currency);
        }
    }

    /** A prepared change: the value for the partner stage, the binding made (if any), and what to commit. */
    final class Step {
        final AttributedEvent value;
        final Binding binding;
        private final String customer;
        private final CustomerState next;
        private final String paymentId;
        private final PaymentRecord record;
        private final long refundedAfter;

        Step(AttributedEvent value, Binding binding, String customer, CustomerState next, String paymentId, PaymentRecord record,
             long refundedAfter) {
            this.value = value;
            this.binding = binding;
            this.customer = customer;
            this.next = next;
            this.paymentId = paymentId;
            this.record = record;
            this.refundedAfter = refundedAfter;
        }

        /** Applies the change; never fails. */
        void commit() {
            if (customer != null) {
                customers.put(customer, next);
            }
            if (paymentId != null) {
                payments.put(paymentId, record);
            } else if (record != null) {
                record.refundedMinor = refundedAfter;
            }
        }
    }

    /** @return whether a payment id was accepted */
    boolean knowsPayment(String id) {
        return payments.containsKey(id);
    }

    /** @return the currency of an accepted payment */
    java.util.Currency paymentCurrency(String id) {
        return payments.get(id).currency;
    }

    Step prepare(Event event) {
        if (event instanceof Touch) {
            return touch((Touch) event);
        }
        if (event instanceof Lead) {
            return lead((Lead) event);
        }
        if (event instanceof Payment) {
            return payment((Payment) event);
        }
        if (event instanceof Refund) {
            return refund((Refund) event);
        }
        if (event instanceof PartnerChange || event instanceof PayoutRun) {
            return new Step(new AttributedEvent.Broadcast(event), null, null, null, null, null, 0);
        }
        throw new IllegalArgumentException("unknown event type " + event.getClass().getName());
    }

    /**
     * The customer's state to change, after the ordering check (SPEC.md §3: {@code OUT_OF_ORDER} when the
     * event is earlier than the customer's last accepted event). One map lookup per event.
     */
    private CustomerState stateOf(String customer, Event event) {
        CustomerState state = customers.get(customer);
        if (state == null) {
            CustomerState fresh = new CustomerState();
            fresh.id = customer;
            return fresh;
        }
        if (state.isBeforeLast(event.at())) {
            throw ReferralKitException.of(RejectionCode.OUT_OF_ORDER, "at", event.at().toString(),
                    "at " + event.at() + " is before customer " + customer + "'s last accepted event at " + state.lastAt());
        }
        return state.copy();
    }

    private Step touch(Touch touch) {
        CustomerState next = stateOf(touch.customer(), touch);
        next.lastAt(touch.at());
        if (next.credits == null) {
            if (touch.channel() == Channel.MANUAL) {
                if (next.manual == null) {
                    next.manual = new LinkedHashMap<>();
                }
                next.manual.remove(touch.partner());
                next.manual.put(touch.partner(), touch);
            } else {
                if (next.touches == null) {
                    next.touches = new ArrayList<>();
                }
                next.touches.add(touch);
                Instant horizon = touch.at().minus(Duration.ofDays(settings.windowDays()));
                if (next.touches.get(0).at().isBefore(horizon)) {
                    int before = next.touches.size();
                    next.touches.removeIf(t -> t.at().isBefore(horizon));
                    next.pruned += before - next.touches.size();
                }
            }
        }
        boolean self = partners.owns(touch.partner(), touch.customer());
        AttributedEvent value = touch.channel() == Channel.LINK && !self ? new AttributedEvent.Click(touch)
                : new AttributedEvent.Quiet(touch);
        return new Step(value, null, touch.customer(), next, null, null, 0);
    }

    private Step lead(Lead lead) {
        CustomerState next = stateOf(lead.customer(), lead);
        next.lastAt(lead.at());
        if (!lead.attributes().isEmpty()) {
            if (next.attributes == null) {
                next.attributes = new LinkedHashMap<>();
            }
            next.attributes.putAll(lead.attributes());
        }
        Binding made = null;
        if (next.credits == null) {
            made = bind(next, lead.customer(), lead.id(), lead.at());
        }
        boolean firstLead = !next.leadSeen;
        next.leadSeen = true;
        AttributedEvent value = new AttributedEvent.AttributedLead(lead, next.credits, firstLead, next.attributes());
        return new Step(value, made, lead.customer(), next, null, null, 0);
    }

    private Step payment(Payment payment) {
        CustomerState next = stateOf(payment.customer(), payment);
        next.lastAt(payment.at());
        Binding made = null;
        if (next.credits == null) {
            made = bind(next, payment.customer(), payment.id(), payment.at());
        }
        next.payments++;
        if (next.firstPaymentAt() == null) {
            next.firstPaymentAt(payment.at());
        }
        AttributedEvent.Months month = new AttributedEvent.Months(next.firstPaymentAt(), payment.at(), rules);
        boolean lockedOut = settings.lockInDays().isPresent()
                && payment.at().isAfter(next.boundAt().plus(Duration.ofDays(settings.lockInDays().get())));
        AttributedEvent value = new AttributedEvent.AttributedPayment(payment, next.id, next.credits, next.payments, month,
                next.payments == 1, lockedOut, next.attributes());
        PaymentRecord record = new PaymentRecord(next.id, payment.money());
        return new Step(value, made, payment.customer(), next, payment.id(), record, 0);
    }

    private Step refund(Refund refund) {
        PaymentRecord record = payments.get(refund.payment());
        CustomerState next = stateOf(record.customer, refund);
        Money amount = Money.of("amount", refund.amount(), record.currency);
        Money total = record.amount();
        Money before = record.refunded();
        Money after = before.plus(amount);
        if (after.compareTo(total) > 0) {
            Money left = total.minus(before);
            throw ReferralKitException.of(RejectionCode.REFUND_EXCEEDS_PAYMENT, "amount", amount.amount().toPlainString(),
                    "amount " + amount + " exceeds what is still refundable on " + refund.payment() + ": " + left);
        }
        next.lastAt(refund.at());
        AttributedEvent value = new AttributedEvent.AttributedRefund(refund, record.customer, total, before, after);
        return new Step(value, null, record.customer, next, null, record, after.toMinorUnits());
    }

    /**
     * Binds a customer (SPEC.md §4.1): qualifying touches, manual wins, coupons win, the model's
     * weights summed per partner in first-touch order, only positive weights, normalised to 1.
     */
    private Binding bind(CustomerState state, String customer, String eventId, Instant at) {
        Instant from = at.minus(Duration.ofDays(settings.windowDays()));
        List<Credit> credits = new ArrayList<>();
        Why why = new Why(settings.model(), settings.windowDays(), state.pruned);
        Touch manual = null;
        List<Touch> manuals = state.manual == null ? List.of() : new ArrayList<>(state.manual.values());
        for (int i = manuals.size() - 1; i >= 0 && manual == null; i--) {
            Touch m = manuals.get(i);
            if (!dropped(m, customer, why)) {
                manual = m;
            }
        }
        if (manual != null) {
            credits = sole(manual.partner());
            why.manual = manual;
        } else {
            List<Touch> qualifying = new ArrayList<>();
            for (Touch t : state.touches == null ? List.<Touch>of() : state.touches) {
                if (t.at().isBefore(from)) {
                    why.dropped(t, Why.Drop.OLDER_THAN_WINDOW);
                } else if (!dropped(t, customer, why)) {
                    qualifying.add(t);
                }
            }
            if (settings.couponsWin() && qualifying.stream().anyMatch(t -> t.channel() == Channel.COUPON)) {
                for (Touch t : qualifying) {
                    if (t.channel() != Channel.COUPON) {
                        why.dropped(t, Why.Drop.BEATEN_BY_COUPON);
                    }
                }
                qualifying.removeIf(t -> t.channel() != Channel.COUPON);
            }
            // stable sort: time order, ties by input order
            qualifying.sort((a, b) -> a.at().compareTo(b.at()));
            if (!qualifying.isEmpty()) {
                credits = qualifying.size() == 1
                        ? sole(qualifying.get(0).partner()) // every model gives a single touch everything
                        : credit(qualifying, at);
            }
            why.qualifying = qualifying;
        }
        Binding binding = ImmutableBinding.builder().customer(customer).event(eventId).credits(credits)
                .explanation(dev.referralkit.ledger.Explanation.lazy("binding", List.of(), why::text))
                .build();
        state.credits = credits.isEmpty() ? List.of() : credits.size() == 1 && credits.get(0).weight().equals(Ratio.ONE)
                ? sole(credits.get(0).partner()) : List.copyOf(credits);
        state.boundAt(at);
        state.touches = null;
        state.manual = null;
        state.pruned = 0;
        return binding;
    }

    /**
     * Why a binding credits whom it credits, kept as data and formatted only when the explanation is
     * read (no string building on the per-event path).
     */
    static final class Why {
        /** Why a touch was dropped. */
        enum Drop { OLDER_THAN_WINDOW, BEATEN_BY_COUPON, SELF_REFERRAL, PARTNER_INACTIVE }

        private final String model;
        private final int windowDays;
        private final int pruned;
        private final List<Object[]> dropped = new ArrayList<>(2);
        Touch manual;
        List<Touch> qualifying = List.of();

        Why(String model, int windowDays, int pruned) {
            this.model = model;
            this.windowDays = windowDays;
            this.pruned = pruned;
        }

        void dropped(Touch touch, Drop cause) {
            dropped(touch, cause, null);
        }

        void dropped(Touch touch, Drop cause, String status) {
            dropped.add(new Object[] {touch, cause, status});
        }

        String text() {
            List<String> parts = new ArrayList<>();
            if (manual != null) {
                parts.add("manual touch " + manual.id() + " assigns " + manual.partner() + ", whatever its age");
            } else if (!qualifying.isEmpty()) {
                List<String> ids = new ArrayList<>();
                qualifying.forEach(t -> ids.add(t.id()));
                parts.add(model + " over " + String.join(", ", ids));
            } else {
                parts.add("ORGANIC: no qualifying touch");
            }
            for (Object[] d : dropped) {
                Touch t = (Touch) d[0];
                String reason;
                switch ((Drop) d[1]) {
                    case OLDER_THAN_WINDOW:
                        reason = "older than " + windowDays + " days";
                        break;
                    case BEATEN_BY_COUPON:
                        reason = t.channel().jsonName() + " beaten by a coupon";
                        break;
                    case SELF_REFERRAL:
                        reason = "self-referral";
                        break;
                    default:
                        // the status when the binding was made; formatted only when read
                        reason = "partner is " + d[2];
                }
                parts.add("dropped " + t.id() + " (" + t.partner() + (t.channel() == Channel.MANUAL ? ", manual" : "") + "): " + reason);
            }
            if (pruned > 0) {
                parts.add(pruned + " earlier touch(es) older than the window");
            }
            return String.join("; ", parts);
        }
    }

    /**
     * SPEC.md §4.1 step 1: a touch of a partner that owns the customer (self-referral) or is not active
     * cannot be credited. Records why in {@code why}.
     *
     * @return true if the touch is dropped
     */
    private boolean dropped(Touch touch, String customer, Why why) {
        if (partners.owns(touch.partner(), customer)) {
            why.dropped(touch, Why.Drop.SELF_REFERRAL);
            return true;
        }
        PartnerStatus status = partners.statusAt(touch.partner());
        if (status != PartnerStatus.ACTIVE) {
            why.dropped(touch, Why.Drop.PARTNER_INACTIVE, status.jsonName());
            return true;
        }
        return false;
    }

    private List<Credit> credit(List<Touch> touches, Instant at) {
        List<Candidate> candidates = new ArrayList<>(touches.size());
        for (Touch t : touches) {
            candidates.add(new Candidate(t.id(), t.partner(), t.at(), t.channel()));
        }
        List<Ratio> weights = model.weights(candidates, settings, at);
        Map<String, Ratio> perPartner = new LinkedHashMap<>();
        Ratio total = Ratio.ZERO;
        for (int i = 0; i < candidates.size(); i++) {
            Ratio w = weights.get(i);
            if (w.signum() < 0) {
                throw new IllegalStateException("attribution model " + settings.model() + " returned a negative weight " + w);
            }
            perPartner.merge(candidates.get(i).partner(), w, Ratio::plus);
            total = total.plus(w);
        }
        List<Credit> credits = new ArrayList<>();
        if (total.signum() == 0) {
            return credits;
        }
        for (Map.Entry<String, Ratio> e : perPartner.entrySet()) {
            if (e.getValue().signum() > 0) {
                credits.add(Credit.of(e.getKey(), e.getValue().dividedBy(total)));
            }
        }
        return credits;
    }
}
