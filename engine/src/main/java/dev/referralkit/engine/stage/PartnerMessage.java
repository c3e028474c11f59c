package dev.referralkit.engine.stage;

import dev.referralkit.event.Payment;
import dev.referralkit.ledger.Entry;
import dev.referralkit.money.Ratio;
import java.util.Currency;
import java.util.Map;
import java.util.Objects;

/**
 * What the partner stage is asked to do for one partner: the immutable values between the customer
 * stage and the partner stage, and between partners (parent shares). Each is addressed to one partner
 * ({@link #partner()}), the key a stream processor partitions the partner stage by.
 */
public sealed interface PartnerMessage {
    /** @return the partner the message is for */
    String partner();

    /**
     * A {@code link} touch that may earn a click reward (self-referrals are already excluded).
     *
     * @param partner  the touch's partner
     * @param touch    the touch event's id
     * @param customer the customer
     * @param at       epoch nanoseconds
     */
    record Click(String partner, String touch, String customer, long at) implements PartnerMessage {
    }

    /**
     * A customer's first lead, for one credited partner.
     *
     * @param partner    the credited partner
     * @param lead       the lead event's id
     * @param customer   the customer
     * @param at         epoch nanoseconds
     * @param weight     the partner's credit weight
     * @param boundAt    epoch nanoseconds of the customer's binding (the terms it is priced by)
     * @param attributes the customer's attributes
     */
    record LeadEarned(String partner, String lead, String customer, long at, Ratio weight, long boundAt, Map<String, String> attributes)
            implements PartnerMessage {
        /** Copies the map. */
        public LeadEarned {
            attributes = Map.copyOf(attributes);
        }
    }

    /**
     * A payment, for one credited partner: its share of the base and everything the customer stage
     * decided (SPEC.md §4.3, §5.1, §5.2).
     *
     * @param partner        the credited partner
     * @param payment        the payment event
     * @param paymentHi      high bits of the payment id's hash
     * @param paymentLo      low bits
     * @param share          the partner's share of the base, minor units of the payment's currency
     * @param weight         the partner's credit weight
     * @param number         the 1-based number of the customer's payment since binding
     * @param firstPaymentAt epoch nanoseconds of the customer's first payment (for {@code payment.month})
     * @param conversion     whether this payment converts the customer (its first payment, before any won deal)
     * @param lockedOut      whether it is after the lock-in (it earns nothing)
     * @param boundAt        epoch nanoseconds of the customer's binding (the terms it is priced by)
     * @param previousPaymentAt epoch nanoseconds of the customer's previous payment, or {@code Nanos.NONE} (active customers)
     * @param attributes     the customer's attributes
     */
    record PaymentEarned(String partner, Payment payment, long paymentHi, long paymentLo, long share, Ratio weight, int number,
                         long firstPaymentAt, boolean conversion, boolean lockedOut, long boundAt, long previousPaymentAt,
                         Map<String, String> attributes) implements PartnerMessage {
        /** Copies the map. */
        public PaymentEarned {
            Objects.requireNonNull(payment, "payment");
            attributes = Map.copyOf(attributes);
        }
    }

    /**
     * A lead reached a stage, for one credited partner (docs/lifecycle.md §1): the stage's reward, and a won
     * deal's conversion and revenue.
     *
     * @param partner    the credited partner
     * @param event      the {@code lead_stage} event
     * @param share      the partner's share of a won deal's base, minor units of its currency; 0 without an amount
     * @param weight     the partner's credit weight
     * @param conversion whether the won deal converts the customer
     * @param boundAt    epoch nanoseconds of the customer's binding
     * @param attributes the customer's attributes
     */
    record StageEarned(String partner, dev.referralkit.event.LeadStage event, long share, Ratio weight, boolean conversion,
                       long boundAt, Map<String, String> attributes) implements PartnerMessage {
        /** Copies the map. */
        public StageEarned {
            Objects.requireNonNull(event, "event");
            attributes = Map.copyOf(attributes);
        }
    }

    /**
     * A notification for the partner, made by another stage (docs/lifecycle.md §5).
     *
     * @param partner      the partner
     * @param notification the notification
     */
    record Notified(String partner, Notification notification) implements PartnerMessage {
    }

    /**
     * A refund of a payment, for one partner credited by it (SPEC.md §6).
     *
     * @param partner        the credited partner
     * @param refund         the refund event's id
     * @param at             epoch nanoseconds of the refund
     * @param customer       the customer the refund names, or null
     * @param payment        the payment's id
     * @param paymentHi      high bits of the payment id's hash
     * @param paymentLo      low bits
     * @param currency       the payment's currency
     * @param amount         the payment's amount, minor units
     * @param refundedBefore refunded before this refund, minor units
     * @param refundedAfter  refunded after it, minor units
     */
    record Refunded(String partner, String refund, long at, String customer, String payment, long paymentHi, long paymentLo,
                    Currency currency, long amount, long refundedBefore, long refundedAfter) implements PartnerMessage {
    }

    /**
     * An entry another partner's stage made for this partner (a parent share or its reversal), to be
     * booked here.
     *
     * @param partner the partner credited
     * @param entry   the entry
     */
    record Booked(String partner, Entry entry) implements PartnerMessage {
        /** Checks the entry is this partner's. */
        public Booked {
            if (!entry.partner().equals(partner)) {
                throw new IllegalArgumentException("entry " + entry.id() + " is " + entry.partner() + "'s, not " + partner + "'s");
            }
        }
    }

    /**
     * A payout run closes the partner's periods that ended by then (SPEC.md §5.1, §5.3).
     *
     * @param partner the partner
     * @param run     the payout run's id
     * @param at      epoch nanoseconds of the run
     */
    record Close(String partner, String run, long at) implements PartnerMessage {
    }

    /**
     * A payout run pays the partner's available balance per currency (SPEC.md §6), after every partner
     * closed its periods.
     *
     * @param partner the partner
     * @param run     the payout run's id
     * @param at      epoch nanoseconds of the run
     */
    record Pay(String partner, String run, long at) implements PartnerMessage {
    }

    /**
     * A lead or payment for one partner with the facts only the customer stage knows, for the partner's risk checks
     * (docs/payouts.md §1.3): sent instead of the bare message when a check declares them.
     *
     * @param partner           the credited partner
     * @param inner             the {@link LeadEarned} or {@link PaymentEarned} for that partner
     * @param touchAt           epoch nanoseconds of the partner's latest link touch before the binding, for the binding
     *                          lead and the first payment; else {@link dev.referralkit.engine.state.Nanos#NONE}
     * @param sharedEmail       other partners credited with the customer's e-mail through other customers, sorted
     * @param sharedFingerprint other partners credited with the payment's fingerprint through other customers, sorted
     */
    record Screened(String partner, PartnerMessage inner, long touchAt, java.util.List<String> sharedEmail,
                    java.util.List<String> sharedFingerprint) implements PartnerMessage {
        /** Checks the inner message is a lead or payment for the same partner; copies the lists. */
        public Screened {
            if (!(inner instanceof LeadEarned || inner instanceof PaymentEarned) || !inner.partner().equals(partner)) {
                throw new IllegalArgumentException("a screened message wraps a lead or payment for " + partner + ", not " + inner);
            }
            sharedEmail = java.util.List.copyOf(sharedEmail);
            sharedFingerprint = java.util.List.copyOf(sharedFingerprint);
        }
    }

    /**
     * An entry another partner's stage made for this partner that falls under that partner's hold (a parent share of
     * a held entry, or its reversal): booked here under a linked hold (docs/payouts.md §2).
     *
     * @param partner the partner credited
     * @param entry   the entry
     * @param owner   the partner whose held entry it follows
     * @param hold    the held entry's id
     * @param check   the check that held it
     * @param code    its reason code
     */
    record BookedHeld(String partner, Entry entry, String owner, String hold, String check, String code) implements PartnerMessage {
        /** Checks the entry is this partner's. */
        public BookedHeld {
            if (!entry.partner().equals(partner)) {
                throw new IllegalArgumentException("entry " + entry.id() + " is " + entry.partner() + "'s, not " + partner + "'s");
            }
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(hold, "hold");
        }
    }

    /**
     * A review decided a hold another partner owns: this partner's linked hold ends too (docs/payouts.md §2).
     *
     * @param partner the ancestor with the linked hold
     * @param owner   the partner whose held entry was reviewed
     * @param hold    the held entry's id
     * @param review  the review event's id
     * @param at      epoch nanoseconds of the review
     * @param voided  true for a void, false for a release
     */
    record HoldEnded(String partner, String owner, String hold, String review, long at, boolean voided) implements PartnerMessage {
    }

    /**
     * An event that belongs to this partner ({@code review}, {@code payout_confirmed}, {@code payout_failed},
     * {@code tax_form}; docs/payouts.md §6), made by {@link PartnerEvents#route}. The partner stage may refuse it.
     *
     * @param partner the partner
     * @param event   the event
     */
    record Keyed(String partner, dev.referralkit.event.PartnerEvent event) implements PartnerMessage {
        /** Checks the event is this partner's. */
        public Keyed {
            if (!event.partner().equals(partner)) {
                throw new IllegalArgumentException("event " + event.id() + " is " + event.partner() + "'s, not " + partner + "'s");
            }
        }
    }
}
