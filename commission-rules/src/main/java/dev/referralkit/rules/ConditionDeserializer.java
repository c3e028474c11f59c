package dev.referralkit.rules;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a condition by its shape: {@code field}, {@code all}, {@code any} or {@code not}. Conditions
 * nested in {@code all}, {@code any} and {@code not} are read here, so this reader adds their keys and
 * indexes to the path of a refusal ({@code /rewards/payment/rules/0/when/all/1/field}).
 */
final class ConditionDeserializer extends StdDeserializer<Condition> {
    private static final long serialVersionUID = 1L;

    ConditionDeserializer() {
        super(Condition.class);
    }

    @Override
    public Condition deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonNode node = ctxt.readTree(p);
        if (node == null || !node.isObject()) {
            throw Plans.invalid("when", "a condition is an object: {field, op, value}, {all}, {any} or {not}");
        }
        if (node.has("field")) {
            return ctxt.readTreeAsValue(node, FieldCondition.class);
        }
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        if (keys.size() != 1 || !List.of("all", "any", "not").contains(keys.get(0))) {
            throw Plans.invalid("when", "a condition has field/op/value, or exactly one of all, any, not; found " + keys);
        }
        String key = keys.get(0);
        JsonNode value = node.get(key);
        if (key.equals("not")) {
            return ImmutableNotCondition.of(nested(ctxt, value, key, -1));
        }
        if (!value.isArray() || value.isEmpty()) {
            throw JsonMappingException.wrapWithPath(Plans.invalid(key, "must be a non-empty array of conditions"), node, key);
        }
        List<Condition> parts = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            parts.add(nested(ctxt, value.get(i), key, i));
        }
        return key.equals("all") ? ImmutableAllCondition.of(parts) : ImmutableAnyCondition.of(parts);
    }

    /** Reads a nested condition, adding {@code key} (and {@code index}) to the path of a refusal. */
    private static Condition nested(DeserializationContext ctxt, JsonNode node, String key, int index) throws IOException {
        try {
            return ctxt.readTreeAsValue(node, Condition.class);
        } catch (IOException | RuntimeException e) {
            JsonMappingException wrapped = index >= 0 ? JsonMappingException.wrapWithPath(e, node, index) : JsonMappingException.wrapWithPath(e, node, key);
            if (index >= 0) {
                wrapped.prependPath(node, key);
            }
            throw wrapped;
        }
    }
}
