package dev.referralkit.reports;

import dev.referralkit.program.Period;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A program's report: what {@link ReportBuilder#build} makes of its events and entries. Immutable;
 * write it with {@link ReportFormat}. Every figure is defined in {@code docs/reports.md}.
 *
 * @param business    the business running the program (for reciprocity)
 * @param period      the period of the per-period figures: month, quarter or year
 * @param timeZone    the program's time zone, in which periods and cohort months are reckoned
 * @param currency    the program's currency (the leaderboard's)
 * @param asOf        the instant of the balances
 * @param events      events given to the builder
 * @param rejected    of those, events the engine rejected (they count nowhere else)
 * @param partners    one report per partner, in natural id order ({@code p2} before {@code p10})
 * @param referred    all referred customers together (partner figures summed; credits sum to 1 per customer)
 * @param organic     customers bound to no partner
 * @param channels    the channel comparison, by channel, then period
 * @param reciprocity businesses referring to each other: one cell per (referrer, receiver)
 * @param leaderboard partners by net revenue, then commissions, in the program's currency
 */
public record Report(String business, Period period, ZoneId timeZone, Currency currency, Instant asOf, long events,
                     long rejected, List<PartnerReport> partners, Figures referred, Figures organic,
                     List<ChannelRow> channels, List<ReciprocityCell> reciprocity, List<LeaderboardRow> leaderboard) {
    /** Copies the lists and checks that nothing is null. */
    public Report {
        Objects.requireNonNull(business, "business");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(asOf, "asOf");
        partners = List.copyOf(partners);
        Objects.requireNonNull(referred, "referred");
        Objects.requireNonNull(organic, "organic");
        channels = List.copyOf(channels);
        reciprocity = List.copyOf(reciprocity);
        leaderboard = List.copyOf(leaderboard);
    }

    /**
     * @param id a partner's id
     * @return its report, if it has one
     */
    public Optional<PartnerReport> partner(String id) {
        return partners.stream().filter(p -> p.partner().equals(id)).findFirst();
    }

    /**
     * This report with another reciprocity matrix, such as {@link Reciprocity#combine} of this
     * report and its counterparts'.
     *
     * @param cells the cells
     * @return the new report
     */
    public Report withReciprocity(List<ReciprocityCell> cells) {
        return new Report(business, period, timeZone, currency, asOf, events, rejected, partners, referred, organic,
                channels, cells, leaderboard);
    }
}
