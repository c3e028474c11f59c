package dev.referralkit.program;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.referralkit.RejectionCode;
import dev.referralkit.json.JsonEnums;

/** The year of {@code program.tax} totals (docs/payouts.md §4). JSON {@code calendar}. */
public enum TaxYear {
    /** Calendar years in the program's time zone. */
    CALENDAR;

    /** @return the JSON name */
    @JsonValue
    public String jsonName() {
        return JsonEnums.name(this);
    }

    /** @param name the JSON name @return the year */
    @JsonCreator
    public static TaxYear fromJson(String name) {
        return JsonEnums.parse(TaxYear.class, RejectionCode.INVALID_PROGRAM, "year", name);
    }
}
