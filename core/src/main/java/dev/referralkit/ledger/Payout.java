package dev.referralkit.ledger;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import org.immutables.value.Value;

/**
 * A payout record: what one run paid one partner in one currency (positive), and which entries it
 * settled. The matching {@link EntryKind#PAYOUT} entry holds minus this amount.
 */
@Value.Immutable
@JsonSerialize(as = ImmutablePayout.class)
@JsonDeserialize(as = ImmutablePayout.class)
@JsonPropertyOrder({"run", "partner", "currency", "amount", "entries"})
public interface Payout {
    /** @return the payout run's event id */
    String run();

    /** @return the partner paid */
    String partner();

    /** @return the currency paid */
    Currency currency();

    /** @return the amount paid, positive */
    BigDecimal amount();

    /** @return the ids of the settled entries, in ledger order */
    List<String> entries();
}
