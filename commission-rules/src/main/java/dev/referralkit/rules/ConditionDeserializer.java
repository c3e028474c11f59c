package dev.referralkit.rules;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Reads a condition by its shape: {@code field}, {@code all}, {@code any} or {@code not}. */
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
            return ImmutableNotCondition.of(ctxt.readTreeAsValue(value, Condition.class));
        }
        if (!value.isArray() || value.isEmpty()) {
            throw Plans.invalid("when." + key, "must be a non-empty array of conditions");
        }
        List<Condition> parts = new ArrayList<>();
        for (Iterator<JsonNode> it = value.elements(); it.hasNext();) {
            parts.add(ctxt.readTreeAsValue(it.next(), Condition.class));
        }
        return key.equals("all") ? ImmutableAllCondition.of(parts) : ImmutableAnyCondition.of(parts);
    }
}
