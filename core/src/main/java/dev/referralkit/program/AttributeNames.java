package dev.referralkit.program;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.Ids;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.immutables.value.Value;

/**
 * {@code program.attributes} (extension of FORMATS.md §1): the attribute names that conditions may
 * read, per scope, like {@code {"customer": ["plan"], "partner": ["country"], "event": ["coupon_code"]}}.
 * A program that has this key is strict: a condition on {@code customer.x}, {@code partner.x} or
 * {@code event.x} where {@code x} is neither built in nor listed here fails to load, so a misspelt field
 * ({@code event.prodcut}) can never pay the wrong rate. A program without it reads any attribute, and
 * {@link Program#warnings()} says what to declare.
 *
 * <p>Names are 1–128 characters without control characters, listed once, and never a built-in field's
 * name ({@code partner.id}, {@code partner.group}, {@code event.product}, {@code event.amount},
 * {@code event.currency}).
 */
@Value.Immutable
@JsonSerialize(as = ImmutableAttributeNames.class)
@JsonDeserialize(as = ImmutableAttributeNames.class)
@JsonPropertyOrder({"customer", "partner", "event"})
public interface AttributeNames {
    /** @return customer attributes (from {@code lead} events), read as {@code customer.<name>} */
    List<String> customer();

    /** @return partner attributes, read as {@code partner.<name>} */
    List<String> partner();

    /** @return payment attributes, read as {@code event.<name>} */
    List<String> event();

    /**
     * @param scope {@code customer}, {@code partner} or {@code event}
     * @return the names declared for it; empty for another scope
     */
    default List<String> of(String scope) {
        switch (scope) {
            case "customer":
                return customer();
            case "partner":
                return partner();
            case "event":
                return event();
            default:
                return List.of();
        }
    }

    /** Each name is an identifier, listed once, and not a built-in field. */
    @Value.Check
    default void check() {
        for (String scope : ConditionFields.ATTRIBUTE_SCOPES) {
            Set<String> seen = new HashSet<>();
            List<String> names = of(scope);
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                String field = scope + "[" + i + "]";
                try {
                    Ids.check(field, name);
                } catch (ReferralKitException e) {
                    throw e.recoded(RejectionCode.INVALID_PROGRAM, null);
                }
                if (ConditionFields.BUILT_IN.contains(scope + "." + name)) {
                    throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, field, name,
                            "is a built-in field (" + scope + "." + name + "), not an attribute");
                }
                if (!seen.add(name)) {
                    throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, field, name, "is listed twice");
                }
            }
        }
    }
}
