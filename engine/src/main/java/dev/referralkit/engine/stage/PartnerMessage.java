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
     * @param attributes the customer's attributes
     */
    record LeadEarned(String partner, String lead, String customer, long at, Ratio weight, Map<String, String> attributes)
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
     * @param conversion     whether this is the customer's first payment
     * @param lockedOut      whether it is after the lock-in (it earns nothing)
     * @param attributes     the customer's attributes
     */
    record PaymentEarned(String partner, Payment payment, long paymentHi, long paymentLo, long share, Ratio weight, int number,
                         long firstPaymentAt, boolean conversion, boolean lockedOut, Map<String, String> attributes)
            implements PartnerMessage {
        /** Copies the map. */
        public PaymentEarned {
            Objects.requireNonNull(payment, "payment");
            attributes = Map.copyOf(attributes);
        }
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
}
