package dev.referralkit.rules;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.money.Decimals;
import dev.referralkit.program.ConditionFields;
import dev.referralkit.reward.RewardContext;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * {@code {field, op, value}}. Fields: {@code partner.id}, {@code partner.group},
 * {@code partner.<attribute>}, {@code customer.<attribute>}, {@code event.product},
 * {@code event.amount}, {@code event.currency}, {@code event.<attribute>}, {@code payment.number},
 * {@code payment.month}. Values are JSON strings ({@code "3"}), a list of strings for {@code in} and
 * {@code notIn}, and an optional boolean for {@code exists}.
 *
 * <p>{@code eq}, {@code ne}, {@code in}, {@code notIn} compare as decimals when both sides are
 * plain decimals ({@code "100"} equals {@code "100.00"}), else as exact text. {@code gt}, {@code gte},
 * {@code lt}, {@code lte} compare decimals and are false when the field's value is not one. A field
 * without a value satisfies only {@code ne}, {@code notIn} and {@code exists: false}.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableFieldCondition.class)
@JsonDeserialize(as = ImmutableFieldCondition.class)
@JsonPropertyOrder({"field", "op", "value"})
public interface FieldCondition extends Condition {
    /** @return the field */
    String field();

    /** @return the operator */
    Op op();

    /** @return the value: a string, a list of strings, or a boolean for exists */
    Optional<JsonNode> value();

    /**
     * @param field a field
     * @param op    an operator
     * @param value a string value
     * @return the condition
     */
    static FieldCondition of(String field, Op op, String value) {
        return ImmutableFieldCondition.builder().field(field).op(op)
                .value(com.fasterxml.jackson.databind.node.TextNode.valueOf(value)).build();
    }

    @Override
    default void declareFields(String path, java.util.function.BiConsumer<String, String> uses) {
        uses.accept(path + ".field", field());
    }

    @Override
    default boolean test(RewardContext.Fields fields) {
        Optional<String> actual = fields.get(field());
        switch (op()) {
            case EXISTS:
                return actual.isPresent() == value().map(JsonNode::booleanValue).orElse(true);
            case EQ:
                return actual.isPresent() && same(actual.get(), value().get().textValue());
            case NE:
                return actual.isEmpty() || !same(actual.get(), value().get().textValue());
            case IN:
                return actual.isPresent() && anySame(actual.get());
            case NOT_IN:
                return actual.isEmpty() || !anySame(actual.get());
            case STARTS_WITH:
                return actual.isPresent() && actual.get().startsWith(value().get().textValue());
            default:
                return actual.isPresent() && compare(actual.get());
        }
    }

    private boolean anySame(String actual) {
        for (JsonNode v : value().get()) {
            if (same(actual, v.textValue())) {
                return true;
            }
        }
        return false;
    }

    private boolean compare(String actual) {
        BigDecimal left = decimal(actual);
        if (left == null) {
            return false;
        }
        int c = left.compareTo(decimal(value().get().textValue()));
        switch (op()) {
            case GT:
                return c > 0;
            case GTE:
                return c >= 0;
            case LT:
                return c < 0;
            default:
                return c <= 0;
        }
    }

    private static boolean same(String a, String b) {
        BigDecimal x = decimal(a);
        BigDecimal y = decimal(b);
        if (x != null && y != null) {
            return x.compareTo(y) == 0;
        }
        return a.equals(b);
    }

    private static BigDecimal decimal(String text) {
        if (text == null || text.isEmpty() || text.length() > Decimals.MAX_LENGTH) {
            return null;
        }
        try {
            return Decimals.parsePlain(dev.referralkit.RejectionCode.INVALID_PROGRAM, "value", text);
        } catch (dev.referralkit.ReferralKitException e) {
            return null;
        }
    }

    /** The field is known and the value has the operator's shape. */
    @Value.Check
    default void check() {
        String f = field();
        if (!ConditionFields.isWellFormed(f)) {
            // attribute fields are checked against the program's declared attributes when the program is
            // checked as a whole (Program.validate); here only the shape is known
            throw Plans.invalid("field", ConditionFields.notKnown(f, ConditionFields.known(Optional.empty())));
        }
        Optional<JsonNode> v = value();
        switch (op()) {
            case EXISTS:
                if (v.isPresent() && !v.get().isBoolean()) {
                    throw Plans.invalid("value", "exists takes true, false or no value");
                }
                break;
            case IN:
            case NOT_IN:
                if (v.isEmpty() || !v.get().isArray() || v.get().isEmpty() || !allText(v.get())) {
                    throw Plans.invalid("value", op().jsonName() + " takes a non-empty list of strings");
                }
                break;
            case GT:
            case GTE:
            case LT:
            case LTE:
                if (v.isEmpty() || !v.get().isTextual() || decimal(v.get().textValue()) == null) {
                    throw Plans.invalid("value", op().jsonName() + " takes a plain decimal string, like \"3\"");
                }
                break;
            default:
                if (v.isEmpty() || !v.get().isTextual()) {
                    throw Plans.invalid("value", op().jsonName() + " takes a string");
                }
        }
    }

    private static boolean allText(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items.stream().allMatch(JsonNode::isTextual);
    }
}
