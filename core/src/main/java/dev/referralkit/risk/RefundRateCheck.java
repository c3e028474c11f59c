package dev.referralkit.risk;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * {@code refund_rate} (docs/payouts.md §1.3): of the partner's last {@code conversions} conversions, the share
 * whose converting payment was refunded is above {@code percent}. Code {@code REFUND_RATE}.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableRefundRateCheck.class)
@JsonDeserialize(as = ImmutableRefundRateCheck.class)
@JsonPropertyOrder({"percent", "conversions", "action"})
public interface RefundRateCheck extends RiskCheck {
    /** @return the highest acceptable refund rate, 0 to 100 percent */
    BigDecimal percent();

    /** @return how many of the partner's last conversions are looked at, 1 to 1,000 */
    int conversions();

    /** @return the action when it fires; hold by default */
    @Value.Default
    default RiskAction action() {
        return RiskAction.HOLD;
    }

    @Override
    default void declare(RiskNeeds needs) {
        needs.lastConversions(conversions());
    }

    @Override
    default Optional<RiskVerdict> screen(RiskContext c) {
        List<Boolean> last = c.lastConversions();
        if (last.size() < conversions()) {
            return Optional.empty();
        }
        long refunded = last.stream().filter(Boolean::booleanValue).count();
        // refunded / n > percent / 100, exactly
        if (BigDecimal.valueOf(refunded * 100).compareTo(percent().multiply(BigDecimal.valueOf(last.size()))) <= 0) {
            return Optional.empty();
        }
        return Optional.of(RiskVerdict.of(action(), "REFUND_RATE", refunded + " of partner " + c.partner() + "'s last "
                + last.size() + " conversions were refunded, above " + percent().stripTrailingZeros().toPlainString() + "%"));
    }

    /** The rate is a percentage with at most 2 decimals; the window is bounded. */
    @Value.Check
    default void check() {
        if (percent().signum() < 0 || percent().compareTo(BigDecimal.valueOf(100)) > 0 || percent().scale() > 2) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "percent", percent().toPlainString(),
                    "must be between 0 and 100 with at most 2 decimals");
        }
        Checks.range("conversions", conversions(), 1, 1_000);
    }
}
