package dev.referralkit.rules;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.reward.Reward;
import java.util.Optional;
import org.immutables.value.Value;

/** A {@code firstMatch} rule: an optional condition and the reward paid when it holds. */
@Value.Immutable
@JsonSerialize(as = ImmutableRule.class)
@JsonDeserialize(as = ImmutableRule.class)
@JsonPropertyOrder({"when", "reward"})
public interface Rule {
    /** @return the condition; absent always holds */
    Optional<Condition> when();

    /** @return the reward */
    Reward reward();
}
