package dev.referralkit.ledger;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;
import java.util.Currency;
import org.immutables.value.Value;

/**
 * A partner's balance in one currency at an instant, derived from entries (FORMATS.md §3):
 * {@code pending} is the unsettled sum with {@code availableAt} after the instant, {@code available}
 * the unsettled sum available by then, {@code paid} the sum settled by payouts (positive) less what failed payouts
 * put back, {@code held} the unsettled sum under holds (docs/payouts.md).
 */
@Value.Immutable
@JsonSerialize(as = ImmutableBalance.class)
@JsonDeserialize(as = ImmutableBalance.class)
@JsonPropertyOrder({"partner", "currency", "pending", "available", "paid", "held"})
public interface Balance {
    /** @return the partner */
    String partner();

    /** @return the currency */
    Currency currency();

    /** @return unsettled, not yet available */
    BigDecimal pending();

    /** @return unsettled and available (may be negative after a clawback) */
    BigDecimal available();

    /** @return settled by payouts */
    BigDecimal paid();

    /**
     * @return unsettled and under a hold (extension, docs/payouts.md §2): present only when the partner has entries
     *         under a hold in this currency; held entries count in neither {@link #pending()} nor {@link #available()}
     */
    java.util.Optional<BigDecimal> held();
}
