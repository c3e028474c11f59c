package dev.referralkit.risk;

import dev.referralkit.money.Money;
import java.time.Instant;
import java.util.Map;

/** What a check may read about a payout a run is about to make (docs/payouts.md §1.2). */
public interface PayoutContext {
    /** @return the payout run's id */
    String run();

    /** @return the run's instant */
    Instant at();

    /** @return the partner */
    String partner();

    /** @return the partner's attributes */
    Map<String, String> partnerAttributes();

    /** @return the sum about to be paid */
    Money amount();

    /** @return whether a payout was ever made to the partner, in any currency */
    boolean paidBefore();

    /**
     * @return the distinct customers that converted for the partner (declared by {@link RiskNeeds#payingCustomers()})
     * @throws IllegalStateException if not declared
     */
    int payingCustomers();
}
