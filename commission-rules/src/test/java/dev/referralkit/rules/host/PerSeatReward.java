package dev.referralkit.rules.host;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.ledger.Explanation;
import dev.referralkit.reward.Reward;
import dev.referralkit.reward.RewardContext;
import dev.referralkit.reward.RewardResult;
import java.math.BigDecimal;
import org.immutables.value.Value;

/** A host's own strategy, as a host would write it: a fixed amount per seat of the event's {@code seats} attribute. */
@Value.Immutable
@JsonSerialize(as = ImmutablePerSeatReward.class)
@JsonDeserialize(as = ImmutablePerSeatReward.class)
public interface PerSeatReward extends Reward {
    BigDecimal perSeat();

    @Override
    default RewardResult evaluate(RewardContext context) {
        BigDecimal seats = context.fields().get("event.seats").map(BigDecimal::new).orElse(BigDecimal.ZERO);
        BigDecimal amount = context.fromProgramCurrency(perSeat().multiply(seats));
        return RewardResult.of(amount, Explanation.lazy("per_seat", java.util.List.of(),
                () -> perSeat().toPlainString() + " per seat × " + seats.toPlainString()));
    }
}
