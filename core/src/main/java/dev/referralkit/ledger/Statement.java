package dev.referralkit.ledger;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.Map;
import org.immutables.value.Value;

/**
 * A partner's statement for one currency and one period (docs/payouts.md §5). The balance is the sum of every
 * entry so far, payouts and payout reversals included: what is owed and not yet paid. By construction
 * {@code closing = opening + Σ entries}.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableStatement.class)
@JsonDeserialize(as = ImmutableStatement.class)
@JsonPropertyOrder({"partner", "currency", "period", "from", "to", "opening", "entries", "held", "paid", "closing"})
public interface Statement {
    /** @return the partner */
    String partner();

    /** @return the currency */
    Currency currency();

    /** @return the period's label: {@code 2026-03}, {@code 2026-Q1}, {@code 2026} */
    String period();

    /** @return the period's start (inclusive) */
    Instant from();

    /** @return the period's end (exclusive) */
    Instant to();

    /** @return the balance at the start */
    BigDecimal opening();

    /** @return the sums of the period's entries by kind, kinds with entries only, in kind order */
    Map<EntryKind, BigDecimal> entries();

    /** @return the part of the closing balance under a hold at the end */
    BigDecimal held();

    /** @return paid in the period: minus the period's payouts and payout reversals */
    BigDecimal paid();

    /** @return the balance at the end */
    BigDecimal closing();
}
