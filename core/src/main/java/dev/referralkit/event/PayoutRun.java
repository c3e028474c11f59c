package dev.referralkit.event;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.Ids;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A payout run at {@code at}: closes every period that ended at or before it, then settles each
 * partner's available balance per currency (SPEC.md §6). Afterwards no event at or before {@code at}
 * is accepted ({@code LATE_EVENT}).
 */
@Value.Immutable
@JsonSerialize(as = ImmutablePayoutRun.class)
@JsonDeserialize(as = ImmutablePayoutRun.class)
@JsonPropertyOrder({"id", "at"})
public interface PayoutRun extends Event {
    @Override
    default String typeName() {
        return "payout_run";
    }

    @Override
    default Optional<String> customerId() {
        return Optional.empty();
    }

    /** Checks the identifier. */
    @Value.Check
    default void check() {
        Ids.check("id", id());
        EventChecks.at(at());
    }
}
