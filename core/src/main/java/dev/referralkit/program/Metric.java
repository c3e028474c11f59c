package dev.referralkit.program;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.referralkit.RejectionCode;
import dev.referralkit.json.JsonEnums;

/**
 * What tier and bonus volumes count (SPEC.md §5.1): {@code conversions} (new customers bound to
 * the partner, by weight, counted at their first payment) or {@code revenue} (attributed base in
 * program currency). Refunds lower both by the refunded share.
 */
public enum Metric {
    /** Converted customers, weighted by credit. */
    CONVERSIONS,
    /** Attributed payment base, in program currency. */
    REVENUE;

    /** @return the JSON name */
    @JsonValue
    public String jsonName() {
        return JsonEnums.name(this);
    }

    /** @param name the JSON name @return the metric */
    @JsonCreator
    public static Metric fromJson(String name) {
        return JsonEnums.parse(Metric.class, RejectionCode.INVALID_PROGRAM, "metric", name);
    }
}
