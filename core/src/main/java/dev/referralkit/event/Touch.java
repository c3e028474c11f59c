package dev.referralkit.event;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.Ids;
import java.util.Optional;
import org.immutables.value.Value;

/** A partner touched a customer through a link, a coupon or a manual assignment. */
@Value.Immutable
@JsonSerialize(as = ImmutableTouch.class)
@JsonDeserialize(as = ImmutableTouch.class)
@JsonPropertyOrder({"id", "at", "partner", "customer", "channel"})
public interface Touch extends Event {
    /** @return the partner's id */
    String partner();

    /** @return the customer's id */
    String customer();

    /** @return how the partner touched the customer */
    Channel channel();

    @Override
    default String typeName() {
        return "touch";
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
        Ids.check("partner", partner());
        Ids.check("customer", customer());
    }
}
