package dev.referralkit.reports;

import dev.referralkit.money.Ratio;
import java.util.List;
import java.util.Objects;

/**
 * What one business's referrals brought another: in the receiving business's program, the
 * figures of the partners that are the referring business.
 *
 * @param from      the referring business
 * @param to        the receiving business (whose program credited the referrals)
 * @param customers customers referred (conversions, weighted by credit)
 * @param money     per currency: the revenue they brought and the commissions {@code to} credited {@code from}
 */
public record ReciprocityCell(String from, String to, Ratio customers, List<MoneyFigures> money) {
    /** Copies the list and checks that nothing is null. */
    public ReciprocityCell {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(customers, "customers");
        money = List.copyOf(money);
    }
}
