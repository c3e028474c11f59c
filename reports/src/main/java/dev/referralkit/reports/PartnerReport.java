package dev.referralkit.reports;

import dev.referralkit.ledger.Balance;
import java.util.List;
import java.util.Objects;

/**
 * One partner's report.
 *
 * @param partner  the partner's id
 * @param business the business the partner is, for reciprocity: its {@code business} attribute, else its id
 * @param figures  its figures by period, in total, and its cohorts
 * @param balances its balances at the report's instant, per currency, as {@code Balances.derive} gives them
 */
public record PartnerReport(String partner, String business, Figures figures, List<Balance> balances) {
    /** Copies the list and checks that nothing is null. */
    public PartnerReport {
        Objects.requireNonNull(partner, "partner");
        Objects.requireNonNull(business, "business");
        Objects.requireNonNull(figures, "figures");
        balances = List.copyOf(balances);
    }
}
