package dev.referralkit.program;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A version of a program's terms (extension, docs/lifecycle.md §4): from {@code from} on it replaces the
 * program's rewards and the rewards of the groups it names; with {@code grandfather}, customers bound
 * before {@code from} keep the terms in force when they were bound.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableVersion.class)
@JsonDeserialize(as = ImmutableVersion.class)
@JsonPropertyOrder({"from", "grandfather", "rewards", "groups"})
public interface Version {
    /** @return when it takes effect (inclusive) */
    Instant from();

    /** @return whether customers bound before {@code from} keep their terms */
    @Value.Default
    default boolean grandfather() {
        return false;
    }

    /** @return the program's rewards from then on; absent: unchanged */
    Optional<Rewards> rewards();

    /** @return groups whose rewards change from then on */
    Map<String, Group> groups();
}
