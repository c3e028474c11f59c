package dev.referralkit.risk;

/**
 * What a check reads besides the event itself (docs/payouts.md §1.4): the engine keeps only the state declared
 * here, and a {@link RiskContext} refuses to give a fact nobody declared ({@link IllegalStateException}).
 */
public interface RiskNeeds {
    /** The commission's amount: the check is screened after pricing and may not reject. */
    void commission();

    /** The credited partner's latest {@code link} touch before the binding ({@link RiskContext#touchAt()}). */
    void touchTimes();

    /**
     * The partners that referred the same identity through another customer ({@link RiskContext#sharedWith}).
     *
     * @param attribute {@link IdentityAttribute#EMAIL} or {@link IdentityAttribute#PAYMENT_FINGERPRINT}
     */
    void identities(IdentityAttribute attribute);

    /**
     * The instants of the partner's last {@code count} conversions ({@link RiskContext#conversionsSince}).
     *
     * @param count how many, 1 to 10,000
     */
    void conversionInstants(int count);

    /**
     * The partner's last {@code count} conversions and whether each was refunded ({@link RiskContext#lastConversions}).
     *
     * @param count how many, 1 to 1,000
     */
    void lastConversions(int count);

    /** The number of distinct customers that converted for the partner ({@link PayoutContext#payingCustomers()}). */
    void payingCustomers();
}
