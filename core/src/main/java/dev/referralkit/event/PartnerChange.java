package dev.referralkit.event;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.Ids;
import dev.referralkit.program.PartnerStatus;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * JSON type {@code partner}: adds a partner, or changes its {@code status}, {@code group},
 * {@code parent} or {@code attributes} from {@code at} on. Absent keys leave the partner's value as
 * it was; a new partner starts {@code active} with no group, parent or attributes.
 */
@Value.Immutable
@JsonSerialize(as = ImmutablePartnerChange.class)
@JsonDeserialize(as = ImmutablePartnerChange.class)
@JsonPropertyOrder({"id", "at", "partner", "status", "group", "parent", "attributes", "level"})
public interface PartnerChange extends Event {
    /** @return the partner's id */
    String partner();

    /** @return the new status, if it changes */
    Optional<PartnerStatus> status();

    /** @return the new group, if it changes */
    Optional<String> group();

    /** @return the new parent, if it changes */
    Optional<String> parent();

    /** @return the new attributes, if they change (replacing the old ones whole) */
    Optional<Map<String, String>> attributes();

    /** @return the new level, if it changes (extension, docs/lifecycle.md §3) */
    Optional<String> level();

    @Override
    default String typeName() {
        return "partner";
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
        group().ifPresent(g -> Ids.check("group", g));
        parent().ifPresent(p -> Ids.check("parent", p));
        level().ifPresent(l -> Ids.check("level", l));
    }
}
