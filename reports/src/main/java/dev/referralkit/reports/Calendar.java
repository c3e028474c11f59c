package dev.referralkit.reports;

import dev.referralkit.program.Period;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Period and month numbers of instants in the program's time zone ({@link Period}'s calendar).
 * A month number is {@code year × 12 + month − 1}; a period number is the month number for
 * months, {@code year × 4 + quarter − 1} for quarters and the year for years. The day of the last
 * instant is cached: events come nearly in time order, so most instants need no time-zone rules.
 */
final class Calendar {
    private final ZoneId zone;
    private final Period period;
    private long dayStart = Long.MAX_VALUE;
    private long dayEnd = Long.MIN_VALUE;
    private int month;
    private int periodNumber;

    Calendar(ZoneId zone, Period period) {
        this.zone = zone;
        this.period = period;
    }

    /** Moves to an instant; then {@link #month()} and {@link #period()} are its numbers. */
    void at(long s) {
        if (s >= dayStart && s < dayEnd) {
            return;
        }
        LocalDate date = Instant.ofEpochSecond(s).atZone(zone).toLocalDate();
        dayStart = date.atStartOfDay(zone).toEpochSecond();
        dayEnd = date.plusDays(1).atStartOfDay(zone).toEpochSecond();
        month = date.getYear() * 12 + date.getMonthValue() - 1;
        periodNumber = number(period, date);
    }

    int month() {
        return month;
    }

    int period() {
        return periodNumber;
    }

    static int number(Period period, LocalDate date) {
        switch (period) {
            case MONTH:
                return date.getYear() * 12 + date.getMonthValue() - 1;
            case QUARTER:
                return date.getYear() * 4 + (date.getMonthValue() - 1) / 3;
            case YEAR:
                return date.getYear();
            default:
                throw new IllegalArgumentException("period must be month, quarter or year: " + period);
        }
    }

    /** @return the first day of a numbered period */
    static LocalDate start(Period period, int number) {
        switch (period) {
            case MONTH:
                return LocalDate.of(Math.floorDiv(number, 12), Math.floorMod(number, 12) + 1, 1);
            case QUARTER:
                return LocalDate.of(Math.floorDiv(number, 4), Math.floorMod(number, 4) * 3 + 1, 1);
            case YEAR:
                return LocalDate.of(number, 1, 1);
            default:
                throw new IllegalArgumentException("period must be month, quarter or year: " + period);
        }
    }

    /** @return the label of a numbered period, as {@link Period#label} gives it */
    String label(Period p, int number) {
        return p.label(start(p, number).atStartOfDay(zone).toInstant(), zone);
    }
}
