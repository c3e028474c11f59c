package dev.referralkit.ledger;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;
import java.util.Currency;
import org.immutables.value.Value;

/**
 * A payout a run would have made and did not (docs/payouts.md §4): the sum carries to a later run. Codes:
 * {@code TAX_FORM_REQUIRED}, {@code FEW_PAYING_CUSTOMERS}, {@code PARTNER_NOT_ACTIVE}, or a payout check's own.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableWithheld.class)
@JsonDeserialize(as = ImmutableWithheld.class)
@JsonPropertyOrder({"run", "partner", "currency", "amount", "code", "explanation"})
public interface Withheld {
    /** @return the payout run */
    String run();

    /** @return the partner */
    String partner();

    /** @return the currency */
    Currency currency();

    /** @return the sum not paid */
    BigDecimal amount();

    /** @return why, as a code */
    String code();

    /** @return why, in words */
    String explanation();
}
