package dev.referralkit.ledger;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import org.immutables.value.Value;

/** What processing a scenario produced (FORMATS.md §3). Lists are in the order things happened. */
@Value.Immutable
@JsonSerialize(as = ImmutableResult.class)
@JsonDeserialize(as = ImmutableResult.class)
@JsonPropertyOrder({"entries", "payouts", "balances", "bindings", "rejected"})
public interface Result {
    /** @return every entry, in the order made */
    List<Entry> entries();

    /** @return every payout record */
    List<Payout> payouts();

    /** @return balances at {@code asOf}, by partner then currency */
    List<Balance> balances();

    /** @return every binding, in the order made */
    List<Binding> bindings();

    /** @return every rejected event, in input order */
    List<Rejection> rejected();
}
