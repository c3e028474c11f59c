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

    /**
     * Declares the fields this condition reads, for the program's check of condition fields (see
     * {@code Reward.declareFields}).
     *
     * @param path  its dotted path, like {@code rewards.payment.rules[0].when}
     * @param uses  receives the path of each field's key and the field
     */
    default void declareFields(String path, java.util.function.BiConsumer<String, String> uses) {
    }
}
