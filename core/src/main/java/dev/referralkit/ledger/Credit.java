package dev.referralkit.ledger;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.money.Ratio;
import org.immutables.value.Value;

/** One partner's share of a binding: its summed per-touch weight, in (0, 1]. */
@Value.Immutable
@JsonSerialize(as = ImmutableCredit.class)
@JsonDeserialize(as = ImmutableCredit.class)
@JsonPropertyOrder({"partner", "weight"})
public interface Credit {
    /** @return the partner */
    @Value.Parameter
    String partner();

    /** @return the weight, exact */
    @Value.Parameter
    Ratio weight();

    /**
     * A credit.
     *
     * @param partner the partner
     * @param weight  the weight
     * @return the credit
     */
    static Credit of(String partner, Ratio weight) {
        return ImmutableCredit.of(partner, weight);
    }
}
