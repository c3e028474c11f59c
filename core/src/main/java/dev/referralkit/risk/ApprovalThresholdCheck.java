package dev.referralkit.risk;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.RejectionCode;
import dev.referralkit.money.Currencies;
import dev.referralkit.money.Money;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * {@code approval_threshold} (docs/payouts.md §1.3): a commission above {@code amount[currency]}, in its own
 * currency, needs a person's approval. Reads the commission, so it may flag or hold, not reject. Code
 * {@code NEEDS_APPROVAL}.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableApprovalThresholdCheck.class)
@JsonDeserialize(as = ImmutableApprovalThresholdCheck.class)
@JsonPropertyOrder({"amount", "action"})
public interface ApprovalThresholdCheck extends RiskCheck {
    /** @return the largest commission paid without approval, per ISO-4217 code */
    Map<String, BigDecimal> amount();

    /** @return the action when it fires; hold by default */
    @Value.Default
    default RiskAction action() {
        return RiskAction.HOLD;
    }

    @Override
    default void declare(RiskNeeds needs) {
        needs.commission();
    }

    @Override
    default Optional<RiskVerdict> screen(RiskContext c) {
        Money commission = c.commission();
        BigDecimal limit = amount().get(commission.currency().getCurrencyCode());
        if (limit == null || commission.amount().compareTo(limit) <= 0) {
            return Optional.empty();
        }
        Money max = Money.of(limit, commission.currency());
        return Optional.of(RiskVerdict.of(action(), "NEEDS_APPROVAL", "commission " + commission + " is above " + max
                + ", which needs approval"));
    }

    /** Amounts are non-negative at their currency's scale; no reject. */
    @Value.Check
    default void check() {
        Checks.notReject("approval_threshold", action(), "reads the commission");
        amount().forEach((code, limit) -> Money.ofWritten("amount." + code, limit,
                Currencies.of(RejectionCode.INVALID_PROGRAM, "amount", code)).requireNonNegative("amount." + code));
    }
}
