package dev.referralkit.program;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.Ids;
import java.util.Optional;
import org.immutables.value.Value;

/** A partner level (docs/lifecycle.md §3): its name, the group whose rewards it earns, and what it asks for. */
@Value.Immutable
@JsonSerialize(as = ImmutableLevel.class)
@JsonDeserialize(as = ImmutableLevel.class)
@JsonPropertyOrder({"name", "group", "criteria"})
public interface Level {
    /** @return the level's name */
    String name();

    /** @return the group whose rewards it earns */
    String group();

    /** @return what it asks for; none for a first level */
    Optional<LevelCriteria> criteria();

    /** Checks identifiers. */
    @Value.Check
    default void check() {
        Ids.check("name", name());
        Ids.check("group", group());
    }
}
