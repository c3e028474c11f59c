package dev.referralkit.ledger;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.Ids;
import dev.referralkit.money.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One immutable ledger line credited to one partner (SPEC.md §6). Its id is deterministic, like
 * {@code i1/p1/commission}: the same program and events always give the same ids. The amount is
 * rounded to the currency's scale; it is never zero.
 *
 * <p>Equality ignores the explanation, which is derived from the same facts as the amount.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableEntry.class)
@JsonDeserialize(as = ImmutableEntry.class)
@JsonPropertyOrder({"id", "kind", "partner", "customer", "event", "amount", "currency", "availableAt", "explanation"})
public interface Entry {
    /** @return the deterministic id */
    @Value.Parameter
    String id();

    /** @return what the entry records */
    @Value.Parameter
    EntryKind kind();

    /** @return the credited partner */
    @Value.Parameter
    String partner();

    /** @return the customer whose event produced it; absent for payouts and bonuses */
    @Value.Parameter
    Optional<String> customer();

    /** @return the id of the event that produced it */
    @Value.Parameter
    String event();

    /** @return the amount, at the currency's scale, never zero */
    @Value.Parameter
    BigDecimal amount();

    /** @return the currency */
    @Value.Parameter
    Currency currency();

    /** @return when it becomes available for payout */
    @Value.Parameter
    Instant availableAt();

    /** @return why it has its amount; written to JSON as its text, not part of equality */
    @Value.Auxiliary
    @Value.Parameter
    Explanation explanation();

    /** @return the amount as money */
    default Money money() {
        return Money.of(amount(), currency());
    }

    /** Checks identifiers and the amount's scale. */
    @Value.Check
    default void check() {
        Ids.check("id", id());
        Ids.check("partner", partner());
        Ids.check("event", event());
        Money.of(amount(), currency());
    }
}
