package dev.referralkit.program;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.Ids;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A referrer (SPEC.md §1): its id, optional group and parent, status, the customers it owns
 * (it is never credited for them: self-referral), attributes read by conditions, and optional
 * rewards that override its group's and the program's per trigger.
 */
@Value.Immutable
@JsonSerialize(as = ImmutablePartner.class)
@JsonDeserialize(as = ImmutablePartner.class)
@JsonPropertyOrder({"id", "group", "parent", "status", "ownCustomers", "attributes", "rewards", "level", "joined"})
public interface Partner {
    /** @return the partner's id */
    String id();

    /** @return its group */
    Optional<String> group();

    /** @return its parent, for parent shares */
    Optional<String> parent();

    /** @return its status; active by default */
    @Value.Default
    default PartnerStatus status() {
        return PartnerStatus.ACTIVE;
    }

    /** @return customers that are the partner itself or its own accounts */
    List<String> ownCustomers();

    /** @return attributes, read by conditions on {@code partner.<attribute>} */
    Map<String, String> attributes();

    /** @return its own rewards */
    Optional<Rewards> rewards();

    /**
     * @return its level (extension, docs/lifecycle.md §3): with program levels, the level sets the group
     */
    Optional<String> level();

    /** @return when it joined the program (extension, docs/lifecycle.md §3: a trial counts from it) */
    Optional<java.time.Instant> joined();

    /** Checks identifiers. */
    @Value.Check
    default void check() {
        Ids.check("id", id());
        group().ifPresent(g -> Ids.check("group", g));
        parent().ifPresent(p -> Ids.check("parent", p));
        ownCustomers().forEach(c -> Ids.check("ownCustomers", c));
        level().ifPresent(l -> Ids.check("level", l));
    }
}
