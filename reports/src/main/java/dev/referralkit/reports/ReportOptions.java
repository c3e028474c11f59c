package dev.referralkit.reports;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.program.Period;
import java.util.Objects;
import java.util.Optional;

/**
 * How to build a report.
 *
 * @param period   the period of the per-period figures: month, quarter or year
 * @param business the name of the business running the program (reciprocity); default {@code program}
 * @param costs    the host's acquisition costs per channel, for the channel comparison
 */
public record ReportOptions(Period period, String business, Optional<ChannelCosts> costs) {
    /** Checks the period and names. */
    public ReportOptions {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(business, "business");
        Objects.requireNonNull(costs, "costs");
        if (period == Period.LIFETIME) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "period", "lifetime",
                    "must be month, quarter or year (totals over all periods are always in the report)");
        }
        if (business.isBlank()) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "business", business, "must not be blank");
        }
    }

    /** @return monthly figures, business {@code program}, no costs */
    public static ReportOptions monthly() {
        return new ReportOptions(Period.MONTH, "program", Optional.empty());
    }

    /** @param p the period @return these options with another period */
    public ReportOptions withPeriod(Period p) {
        return new ReportOptions(p, business, costs);
    }

    /** @param name the business's name @return these options with another business name */
    public ReportOptions withBusiness(String name) {
        return new ReportOptions(period, name, costs);
    }

    /** @param c the costs @return these options with costs */
    public ReportOptions withCosts(ChannelCosts c) {
        return new ReportOptions(period, business, Optional.of(c));
    }
}
