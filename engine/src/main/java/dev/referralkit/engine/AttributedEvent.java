package dev.referralkit.engine;

import dev.referralkit.event.Event;
import dev.referralkit.event.Lead;
import dev.referralkit.event.Payment;
import dev.referralkit.event.Refund;
import dev.referralkit.event.Touch;
import dev.referralkit.ledger.Credit;
import dev.referralkit.money.Money;
import java.util.List;
import java.util.Map;

/**
 * The immutable value between the customer stage and the partner stage: an event together with
 * everything the customer stage decided about it (credits, payment number and month, whether it
 * converts, refundable amounts). It carries no reference to mutable state, so a stream processor
 * can repartition it from customer to partner.
 */
abstract class AttributedEvent {
    final Event event;

    private AttributedEvent(Event event) {
        this.event = event;
    }

    /** A {@code link} touch that may earn a click reward (self-referrals are already excluded). */
    static final class Click extends AttributedEvent {
        final Touch touch;

        Click(Touch touch) {
            super(touch);
            this.touch = touch;
        }
    }

    /** A touch that earns nothing by itself (coupon, manual, or a self-referral link). */
    static final class Quiet extends AttributedEvent {
        Quiet(Event event) {
            super(event);
        }
    }

    /** A lead: credits of the customer's binding, and whether it is the customer's first lead. */
    static final class AttributedLead extends AttributedEvent {
        final Lead lead;
        final List<Credit> credits;
        final boolean firstLead;
        final Map<String, String> customerAttributes;

        AttributedLead(Lead lead, List<Credit> credits, boolean firstLead, Map<String, String> customerAttributes) {
            super(lead);
            this.lead = lead;
            this.credits = List.copyOf(credits);
            this.firstLead = firstLead;
            this.customerAttributes = Map.copyOf(customerAttributes);
        }
    }

    /**
     * Whole calendar months between a customer's first payment and a payment, computed once and only
     * if a plan asks for it (most plans never do).
     */
    static final class Months implements java.util.function.LongSupplier {
        private final java.time.Instant first;
        private final java.time.Instant at;
        private final java.time.zone.ZoneRules rules;
        private long months = -1;

        Months(java.time.Instant first, java.time.Instant at, java.time.zone.ZoneRules rules) {
            this.first = first;
            this.at = at;
            this.rules = rules;
        }

        @Override
        public long getAsLong() {
            if (months < 0) {
                months = first.equals(at) ? 0 : java.time.temporal.ChronoUnit.MONTHS.between(local(first), local(at));
            }
            return months;
        }

        private java.time.LocalDateTime local(java.time.Instant instant) {
            return java.time.LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), rules.getOffset(instant));
        }
    }

    /** A payment with its credits, 1-based number since binding, month since first payment, conversion flag. */
    static final class AttributedPayment extends AttributedEvent {
        final Payment payment;
        /** The customer's id, the instance the customer stage keeps (so records share one string). */
        final String customer;
        final List<Credit> credits;
        final int number;
        final Months month;
        final boolean conversion;
        final boolean lockedOut;
        final Map<String, String> customerAttributes;

        AttributedPayment(Payment payment, String customer, List<Credit> credits, int number, Months month, boolean conversion,
                          boolean lockedOut, Map<String, String> customerAttributes) {
            super(payment);
            this.payment = payment;
            this.customer = customer;
            this.credits = List.copyOf(credits);
            this.number = number;
            this.month = month;
            this.conversion = conversion;
            this.lockedOut = lockedOut;
            this.customerAttributes = Map.copyOf(customerAttributes);
        }
    }

    /** A refund with the payment's amount and the refunded totals before and after it. */
    static final class AttributedRefund extends AttributedEvent {
        final Refund refund;
        final String customer;
        final Money paymentAmount;
        final Money refundedBefore;
        final Money refundedAfter;

        AttributedRefund(Refund refund, String customer, Money paymentAmount, Money refundedBefore, Money refundedAfter) {
            super(refund);
            this.refund = refund;
            this.customer = customer;
            this.paymentAmount = paymentAmount;
            this.refundedBefore = refundedBefore;
            this.refundedAfter = refundedAfter;
        }
    }

    /** Events the customer stage does not touch: partner changes and payout runs. */
    static final class Broadcast extends AttributedEvent {
        Broadcast(Event event) {
            super(event);
        }
    }
}
