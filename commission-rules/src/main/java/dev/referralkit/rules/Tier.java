package dev.referralkit.rules;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.reward.Reward;
import java.math.BigDecimal;
import org.immutables.value.Value;

/**
 * One tier: its {@code above} is the volume already reached when it starts ("above 10 conversions"
 * means from the 11th), and its reward.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableTier.class)
@JsonDeserialize(as = ImmutableTier.class)
@JsonPropertyOrder({"above", "reward"})
public interface Tier {
    /** @return the volume already reached when the tier starts */
    @Value.Parameter
    BigDecimal above();

    /** @return what the tier pays */
    @Value.Parameter
    Reward reward();

    /**
     * @param above  like {@code "10"}
     * @param reward the tier's reward
     * @return the tier
     */
    static Tier of(String above, Reward reward) {
        return ImmutableTier.of(new BigDecimal(above), reward);
    }
}
