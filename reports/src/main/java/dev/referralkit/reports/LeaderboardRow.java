package dev.referralkit.reports;

import dev.referralkit.money.Ratio;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A partner's place on the leaderboard, in the program's currency.
 *
 * @param rank        1 for the first; partners with equal figures have consecutive ranks in natural id order
 * @param partner     the partner
 * @param conversions its conversions over all periods
 * @param netRevenue  its net attributed revenue in the program's currency
 * @param commissions its commissions in the program's currency
 */
public record LeaderboardRow(int rank, String partner, Ratio conversions, BigDecimal netRevenue, BigDecimal commissions) {
    /** Checks that nothing is null. */
    public LeaderboardRow {
        Objects.requireNonNull(partner, "partner");
        Objects.requireNonNull(conversions, "conversions");
        Objects.requireNonNull(netRevenue, "netRevenue");
        Objects.requireNonNull(commissions, "commissions");
    }
}
