package dev.referralkit.ledger;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import org.immutables.value.Value;

/** An event that changed nothing, with its stable code and a message naming the field. */
@Value.Immutable
@JsonSerialize(as = ImmutableRejection.class)
@JsonDeserialize(as = ImmutableRejection.class)
@JsonPropertyOrder({"event", "code", "message"})
public interface Rejection {
    /** @return the event's id as given ({@code "?"} if it had none readable) */
    String event();

    /** @return the code */
    RejectionCode code();

    /** @return the message */
    String message();

    /**
     * A rejection from an exception.
     *
     * @param event the event id
     * @param e     why
     * @return the rejection
     */
    static Rejection of(String event, ReferralKitException e) {
        return ImmutableRejection.builder().event(event).code(e.code()).message(e.getMessage()).build();
    }
}
