package dev.referralkit.rules;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.referralkit.reward.RewardContext;

/**
 * A condition of a {@code firstMatch} rule (SPEC.md §5): {@code {field, op, value}}, or
 * {@code {all: [...]}}, {@code {any: [...]}}, {@code {not: {...}}}. JSON tells them apart by their
 * keys.
 */
@JsonDeserialize(using = ConditionDeserializer.class)
public interface Condition {
    /**
     * @param fields the event's condition fields
     * @return whether the condition holds
     */
    boolean test(RewardContext.Fields fields);

    /**
     * Checks the condition in its place.
     *
     * @param path its JSON path
     */
    default void validate(String path) {
    }
}
