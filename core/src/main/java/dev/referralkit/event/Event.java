package dev.referralkit.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.Optional;

/**
 * A fact reported by the host. Implementations are the six event types of FORMATS.md §2 and the partner
 * events of docs/payouts.md ({@link PartnerEvent}); JSON names them by {@code "type"}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ImmutableTouch.class, name = "touch"),
    @JsonSubTypes.Type(value = ImmutableLead.class, name = "lead"),
    @JsonSubTypes.Type(value = ImmutablePayment.class, name = "payment"),
    @JsonSubTypes.Type(value = ImmutableRefund.class, name = "refund"),
    @JsonSubTypes.Type(value = ImmutablePartnerChange.class, name = "partner"),
    @JsonSubTypes.Type(value = ImmutablePayoutRun.class, name = "payout_run"),
    @JsonSubTypes.Type(value = ImmutableReview.class, name = "review"),
    @JsonSubTypes.Type(value = ImmutablePayoutConfirmed.class, name = "payout_confirmed"),
    @JsonSubTypes.Type(value = ImmutablePayoutFailed.class, name = "payout_failed"),
    @JsonSubTypes.Type(value = ImmutableTaxForm.class, name = "tax_form")
})
public interface Event {
    /** @return the host's id of the event, unique within a program */
    String id();

    /** @return when it happened; drives windows, periods and durations */
    Instant at();

    /** @return the JSON type name, like {@code payment} */
    String typeName();

    /** @return the customer the event belongs to, if it names one directly (refunds do not) */
    Optional<String> customerId();

    /**
     * Calls the visitor method for this event's type.
     *
     * @param <R>     the result
     * @param visitor the visitor
     * @return what the visitor returned
     */
    <R> R accept(Visitor<R> visitor);

    /**
     * Dispatch on the event type without {@code instanceof} chains.
     *
     * @param <R> the result
     */
    interface Visitor<R> {
        /** @param touch a touch @return the result */
        R touch(Touch touch);

        /** @param lead a lead @return the result */
        R lead(Lead lead);

        /** @param payment a payment @return the result */
        R payment(Payment payment);

        /** @param refund a refund @return the result */
        R refund(Refund refund);

        /** @param change a partner change @return the result */
        R partner(PartnerChange change);

        /** @param run a payout run @return the result */
        R payoutRun(PayoutRun run);

        /** @param review a review (docs/payouts.md; a visitor written before it refuses it) @return the result */
        default R review(Review review) {
            throw new UnsupportedOperationException("this visitor does not handle review events");
        }

        /** @param confirmed a payout confirmation @return the result */
        default R payoutConfirmed(PayoutConfirmed confirmed) {
            throw new UnsupportedOperationException("this visitor does not handle payout_confirmed events");
        }

        /** @param failed a payout failure @return the result */
        default R payoutFailed(PayoutFailed failed) {
            throw new UnsupportedOperationException("this visitor does not handle payout_failed events");
        }

        /** @param form a tax form @return the result */
        default R taxForm(TaxForm form) {
            throw new UnsupportedOperationException("this visitor does not handle tax_form events");
        }
    }
}
