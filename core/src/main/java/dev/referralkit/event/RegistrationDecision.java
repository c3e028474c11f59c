package dev.referralkit.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.Ids;
import dev.referralkit.RejectionCode;
import dev.referralkit.json.JsonEnums;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * JSON type {@code registration_decision} (extension, docs/lifecycle.md §2): the program owner approves a
 * pending registration (exclusive for {@code registrations.exclusiveDays} from now) or rejects it.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableRegistrationDecision.class)
@JsonDeserialize(as = ImmutableRegistrationDecision.class)
@JsonPropertyOrder({"id", "at", "registration", "decision", "reason"})
public interface RegistrationDecision extends Event {
    /** The decision. */
    enum Decision {
        /** Exclusive from now for the program's days. */
        APPROVED,
        /** Ended. */
        REJECTED;

        /** @return the JSON name */
        @JsonValue
        public String jsonName() {
            return JsonEnums.name(this);
        }

        /** @param name the JSON name @return the decision */
        @JsonCreator
        public static Decision fromJson(String name) {
            return JsonEnums.parse(Decision.class, RejectionCode.INVALID_EVENT, "decision", name);
        }
    }

    /** @return the registration's id (the id of its {@code registration} event) */
    String registration();

    /** @return approved or rejected */
    Decision decision();

    /** @return why, for the partner */
    Optional<String> reason();

    @Override
    default String typeName() {
        return "registration_decision";
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
        Ids.check("registration", registration());
        reason().ifPresent(r -> {
            if (r.length() > 1000) {
                throw dev.referralkit.ReferralKitException.invalid(RejectionCode.INVALID_EVENT, "reason", r.substring(0, 20) + "…",
                        "must have at most 1000 characters");
            }
        });
    }
}
