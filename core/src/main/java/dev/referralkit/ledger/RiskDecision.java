package dev.referralkit.ledger;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.risk.RiskAction;
import org.immutables.value.Value;

/**
 * A risk check's verdict that was not {@code allow} (docs/payouts.md §1.2), as an event's outcome reports it:
 * which check fired on which entry (or payout) of which partner, what it asked for and why. In results the
 * action is upper case ({@code "HOLD"}).
 */
@Value.Immutable
@JsonSerialize(as = ImmutableRiskDecision.class)
@JsonDeserialize(as = ImmutableRiskDecision.class)
@JsonPropertyOrder({"event", "partner", "entry", "action", "check", "code", "explanation"})
public interface RiskDecision {
    /** @return the event screened */
    String event();

    /** @return the partner */
    String partner();

    /** @return the entry decided about (for a reject, the id it would have had; for a payout check, the payout id) */
    String entry();

    /** @return {@code FLAG}, {@code HOLD} or {@code REJECT} */
    String action();

    /** @return the JSON type of the check that fired */
    String check();

    /** @return the check's reason code */
    String code();

    /** @return why */
    String explanation();

    /** @return the action as an enum */
    default RiskAction riskAction() {
        return RiskAction.valueOf(action());
    }

    /** The action is one a decision can have. */
    @Value.Check
    default void checkAction() {
        if (!action().equals("FLAG") && !action().equals("HOLD") && !action().equals("REJECT")) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_EVENT, "action", action(), "must be FLAG, HOLD or REJECT");
        }
    }
}
