package dev.referralkit.program;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.referralkit.RejectionCode;
import dev.referralkit.json.JsonEnums;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A calendar period in the program's time zone (SPEC.md §5.1): {@code month}, {@code quarter},
 * {@code year}, or {@code lifetime}, which never ends. A period is the half-open interval
 * [start, end): an event exactly at midnight on the 1st belongs to the new month.
 */
public enum Period {
    /** A calendar month, labelled like {@code 2026-03}. */
    MONTH,
    /** A calendar quarter, labelled like {@code 2026-Q1}. */
    QUARTER,
    /** A calendar year, labelled like {@code 2026}. */
    YEAR,
    /** All time, labelled {@code lifetime}; never closes. */
    LIFETIME;

    /** @return the JSON name */
    @JsonValue
    public String jsonName() {
        return JsonEnums.name(this);
    }

    /** @param name the JSON name @return the period */
    @JsonCreator
    public static Period fromJson(String name) {
        return JsonEnums.parse(Period.class, RejectionCode.INVALID_PROGRAM, "period", name);
    }

    /**
     * The first day of the period holding an instant.
     *
     * @param at   the instant
     * @param zone the program's time zone
     * @return the local date the period starts on ({@link LocalDate#MIN} for lifetime)
     */
    public LocalDate startDate(Instant at, ZoneId zone) {
        LocalDate date = at.atZone(zone).toLocalDate();
        switch (this) {
            case MONTH:
                return date.withDayOfMonth(1);
            case QUARTER:
                return LocalDate.of(date.getYear(), ((date.getMonthValue() - 1) / 3) * 3 + 1, 1);
            case YEAR:
                return LocalDate.of(date.getYear(), 1, 1);
            default:
                return LocalDate.MIN;
        }
    }

    /**
     * The instant the period holding {@code at} ends (exclusive).
     *
     * @param at   an instant in the period
     * @param zone the program's time zone
     * @return the end, or {@link Instant#MAX} for lifetime
     */
    public Instant end(Instant at, ZoneId zone) {
        LocalDate start = startDate(at, zone);
        LocalDate next;
        switch (this) {
            case MONTH:
                next = start.plusMonths(1);
                break;
            case QUARTER:
                next = start.plusMonths(3);
                break;
            case YEAR:
                next = start.plusYears(1);
                break;
            default:
                return Instant.MAX;
        }
        return ZonedDateTime.of(next.atStartOfDay(), zone).toInstant();
    }

    /**
     * A readable label of the period holding an instant: {@code 2026-03}, {@code 2026-Q1},
     * {@code 2026}, {@code lifetime}. Labels of one kind sort in time order.
     *
     * @param at   the instant
     * @param zone the program's time zone
     * @return the label
     */
    public String label(Instant at, ZoneId zone) {
        LocalDate start = startDate(at, zone);
        switch (this) {
            case MONTH: {
                int m = start.getMonthValue();
                return start.getYear() + (m < 10 ? "-0" : "-") + m;
            }
            case QUARTER:
                return start.getYear() + "-Q" + ((start.getMonthValue() - 1) / 3 + 1);
            case YEAR:
                return Integer.toString(start.getYear());
            default:
                return "lifetime";
        }
    }
}
