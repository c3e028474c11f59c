package dev.referralkit.ledger;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import org.immutables.value.Value;

/** What processing a scenario produced (FORMATS.md §3). Lists are in the order things happened. */
@Value.Immutable
@JsonSerialize(as = ImmutableResult.class)
@JsonDeserialize(as = ImmutableResult.class)
@JsonPropertyOrder({"entries", "payouts", "balances", "bindings", "rejected", "decisions", "holds", "withheld", "statements"})
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

    /** @return risk decisions, in order (extension, docs/payouts.md §1; left out of JSON when empty) */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    List<RiskDecision> decisions();

    /** @return hold changes, in order (extension, docs/payouts.md §2; left out of JSON when empty) */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    List<HoldChange> holds();

    /** @return payouts withheld by runs, in order (extension, docs/payouts.md §4; left out of JSON when empty) */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    List<Withheld> withheld();

    /** @return statements, when the scenario asks for them (extension, docs/payouts.md §5; left out of JSON when empty) */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    List<Statement> statements();
}
