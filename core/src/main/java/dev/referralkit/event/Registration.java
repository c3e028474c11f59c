package dev.referralkit.event;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.Ids;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * JSON type {@code registration} (extension, docs/lifecycle.md §2): a partner registers a prospect; the
 * registration is pending until a {@code registration_decision}. Its id names it in the decision.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableRegistration.class)
@JsonDeserialize(as = ImmutableRegistration.class)
@JsonPropertyOrder({"id", "at", "partner", "prospect"})
public interface Registration extends Event {
    /** @return the registering partner */
    String partner();

    /** @return who is registered */
    Prospect prospect();

    @Override
    default String typeName() {
        return "registration";
    }

    @Override
    default Optional<String> customerId() {
        return Optional.empty();
    }

    /** Checks identifiers. */
    @Value.Check
    default void check() {
        Ids.check("id", id());
        EventChecks.at(at());
        Ids.check("partner", partner());
    }
}
