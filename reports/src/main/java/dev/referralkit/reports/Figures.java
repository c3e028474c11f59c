package dev.referralkit.reports;

import java.util.List;
import java.util.Objects;

/**
 * One segment's figures: a partner's, all referred customers' together, or the organic customers'.
 *
 * @param periods per period, in time order; only periods with something in them
 * @param total   over all periods
 * @param cohorts cohorts by month of first payment, in time order
 */
public record Figures(List<PeriodFigures> periods, PeriodFigures total, List<Cohort> cohorts) {
    /** Copies the lists. */
    public Figures {
        periods = List.copyOf(periods);
        Objects.requireNonNull(total, "total");
        cohorts = List.copyOf(cohorts);
    }
}
