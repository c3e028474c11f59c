package dev.referralkit.event;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.Ids;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * JSON type {@code review} (extension, docs/payouts.md §2): a person decided a hold. {@code entry} is the held
 * entry's id, {@code decision} {@code release} or {@code void}, {@code note} optional text (1 to 500
 * characters) carried into a void's explanation.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableReview.class)
@JsonDeserialize(as = ImmutableReview.class)
@JsonPropertyOrder({"id", "at", "partner", "entry", "decision", "note"})
public interface Review extends PartnerEvent {
    /** @return the held entry's id */
    String entry();

    /** @return release or void */
    ReviewDecision decision();

    /** @return why, if the host says */
    Optional<String> note();

    @Override
    default String typeName() {
        return "review";
    }

    /** Checks identifiers and the note. */
    @Value.Check
    default void check() {
        Ids.check("id", id());
        EventChecks.at(at());
        Ids.check("partner", partner());
        Ids.check("entry", entry());
        note().ifPresent(n -> EventTexts.check("note", n));
    }
}
