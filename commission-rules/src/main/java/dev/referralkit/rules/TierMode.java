package dev.referralkit.rules;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.referralkit.RejectionCode;
import dev.referralkit.json.JsonEnums;

/** How a tiered reward prices volume (SPEC.md §5.1). */
public enum TierMode {
    /** Each unit of volume at the tier it falls in; a revenue payment crossing a boundary is split. */
    MARGINAL,
    /** The whole event at the tier its volume reaches; earlier events are not repriced. */
    VOLUME,
    /** Like volume as events arrive; at period close every payment is trued up to the final tier. */
    RETROACTIVE;

    /** @return the JSON name */
    @JsonValue
    public String jsonName() {
        return JsonEnums.name(this);
    }

    /** @param name the JSON name @return the mode */
    @JsonCreator
    public static TierMode fromJson(String name) {
        return JsonEnums.parse(TierMode.class, RejectionCode.INVALID_PROGRAM, "mode", name);
    }
}
