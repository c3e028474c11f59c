package dev.referralkit.event;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.Ids;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * JSON type {@code payout_confirmed} (extension, docs/payouts.md §3): the provider reported a payout paid.
 * {@code payout} is the payout id ({@code <run>/<partner>/<currency>/payout}), {@code reference} the
 * provider's optional id of the transfer (1 to 128 characters).
 */
@Value.Immutable
@JsonSerialize(as = ImmutablePayoutConfirmed.class)
@JsonDeserialize(as = ImmutablePayoutConfirmed.class)
@JsonPropertyOrder({"id", "at", "partner", "payout", "reference"})
public interface PayoutConfirmed extends PartnerEvent {
    /** @return the payout id */
    String payout();

    /** @return the provider's reference, if given */
    Optional<String> reference();

    @Override
    default String typeName() {
        return "payout_confirmed";
    }

    /** Checks identifiers. */
    @Value.Check
    default void check() {
        Ids.check("id", id());
        EventChecks.at(at());
        Ids.check("partner", partner());
        Ids.check("payout", payout());
        reference().ifPresent(r -> Ids.check("reference", r));
    }
}
