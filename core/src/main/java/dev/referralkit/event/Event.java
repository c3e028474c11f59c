package dev.referralkit.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.Optional;

/**
 * A fact reported by the host. Implementations are the six event types of FORMATS.md §2 and the
 * lifecycle events of docs/lifecycle.md ({@code lead_stage}, {@code registration},
 * {@code registration_decision}) and the partner events of docs/payouts.md ({@link PartnerEvent});
 * JSON names them by {@code "type"}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ImmutableTouch.class, name = "touch"),
    @JsonSubTypes.Type(value = ImmutableLead.class, name = "lead"),
    @JsonSubTypes.Type(value = ImmutablePayment.class, name = "payment"),
    @JsonSubTypes.Type(value = ImmutableRefund.class, name = "refund"),
    @JsonSubTypes.Type(value = ImmutablePartnerChange.class, name = "partner"),
    @JsonSubTypes.Type(value = ImmutablePayoutRun.class, name = "payout_run"),
    @JsonSubTypes.Type(value = ImmutableLeadStage.class, name = "lead_stage"),
    @JsonSubTypes.Type(value = ImmutableRegistration.class, name = "registration"),
    @JsonSubTypes.Type(value = ImmutableRegistrationDecision.class, name = "registration_decision"),
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
}
