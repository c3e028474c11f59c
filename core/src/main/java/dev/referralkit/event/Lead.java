package dev.referralkit.event;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.Ids;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A customer signed up. Its first lead or payment binds the customer (SPEC.md §4.1); the lead
 * reward is paid once per customer, at its first lead.
 *
 * <p>Extension of FORMATS.md: optional {@code attributes}, the customer's attributes, read by
 * conditions on {@code customer.<attribute>}; a later lead's attributes are merged over earlier ones.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableLead.class)
@JsonDeserialize(as = ImmutableLead.class)
@JsonPropertyOrder({"id", "at", "customer", "attributes"})
public interface Lead extends Event {
    /** @return the customer's id */
    String customer();

    /** @return the customer's attributes, possibly empty */
    Map<String, String> attributes();

    @Override
    default String typeName() {
        return "lead";
    }

    @Override
    default Optional<String> customerId() {
        return Optional.of(customer());
    }

    /** Checks identifiers. */
    @Value.Check
    default void check() {
        Ids.check("id", id());
        EventChecks.at(at());
        Ids.check("customer", customer());
    }
}
