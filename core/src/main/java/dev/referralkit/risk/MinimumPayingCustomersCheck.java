package dev.referralkit.risk;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * {@code minimum_paying_customers} (docs/payouts.md §1.3): a partner never paid before is not paid while fewer
 * than {@code customers} distinct customers converted for it. A payout check: hold (withhold) or flag. Code
 * {@code FEW_PAYING_CUSTOMERS}.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableMinimumPayingCustomersCheck.class)
@JsonDeserialize(as = ImmutableMinimumPayingCustomersCheck.class)
@JsonPropertyOrder({"customers", "action"})
public interface MinimumPayingCustomersCheck extends RiskCheck {
    /** @return the distinct paying customers needed before a first payout, 1 to 10,000 */
    int customers();

    /** @return the action when it fires; hold (withhold) by default */
    @Value.Default
    default RiskAction action() {
        return RiskAction.HOLD;
    }

    @Override
    default void declare(RiskNeeds needs) {
        needs.payingCustomers();
    }

    @Override
    default Optional<RiskVerdict> screenPayout(PayoutContext c) {
        if (c.paidBefore()) {
            return Optional.empty();
        }
        int n = c.payingCustomers();
        if (n >= customers()) {
            return Optional.empty();
        }
        return Optional.of(RiskVerdict.of(action(), "FEW_PAYING_CUSTOMERS", "partner " + c.partner() + " has " + n
                + (n == 1 ? " paying customer" : " paying customers") + "; a first payout needs " + customers()));
    }

    /** The count is positive and bounded; no reject. */
    @Value.Check
    default void check() {
        Checks.range("customers", customers(), 1, 10_000);
        Checks.notReject("minimum_paying_customers", action(), "screens payouts");
    }
}
