package dev.referralkit.program;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.referralkit.json.JsonEnums;

/**
 * What a reward pays for (SPEC.md §5): a {@code link} touch, a customer's first lead, a payment, or a
 * lead reaching a stage of its lifecycle (extension, docs/lifecycle.md §1).
 */
public enum Trigger {
    /** A click on a partner's link: a {@code link} touch. */
    CLICK,
    /** A customer's first lead. */
    LEAD,
    /** A payment. */
    PAYMENT,
    /** A lead reaching a stage ({@code rewards.stages.<stage>}). */
    STAGE;

    /** @return the JSON name */
    @JsonValue
    public String jsonName() {
        return JsonEnums.name(this);
    }
}
