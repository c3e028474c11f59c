package dev.referralkit.event;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.Ids;
import org.immutables.value.Value;

/**
 * JSON type {@code payout_failed} (extension, docs/payouts.md §3): the provider reported that a payout did not
 * arrive (or came back). {@code payout} is the payout id, {@code reason} why (1 to 500 characters, required).
 */
@Value.Immutable
@JsonSerialize(as = ImmutablePayoutFailed.class)
@JsonDeserialize(as = ImmutablePayoutFailed.class)
@JsonPropertyOrder({"id", "at", "partner", "payout", "reason"})
public interface PayoutFailed extends PartnerEvent {
    /** @return the payout id */
    String payout();

    /** @return why it failed */
    String reason();

    @Override
    default String typeName() {
        return "payout_failed";
    }

    /** Checks identifiers and the reason. */
    @Value.Check
    default void check() {
        Ids.check("id", id());
        EventChecks.at(at());
        Ids.check("partner", partner());
        Ids.check("payout", payout());
        EventTexts.check("reason", reason());
    }
}
