package dev.referralkit.engine.host;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.risk.PayoutContext;
import dev.referralkit.risk.RiskAction;
import dev.referralkit.risk.RiskCheck;
import dev.referralkit.risk.RiskContext;
import dev.referralkit.risk.RiskNeeds;
import dev.referralkit.risk.RiskVerdict;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A host's own risk check, as a host would write it: rejects commissions on payments from countries the host does not
 * serve (the payment's {@code country} attribute), and holds payouts to partners without a verified bank account
 * (the partner's {@code bank_verified} attribute). Reads no state, so it declares nothing.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableBlockedCountryCheck.class)
@JsonDeserialize(as = ImmutableBlockedCountryCheck.class)
public interface BlockedCountryCheck extends RiskCheck {
    /** @return the countries commissions are refused for */
    List<String> countries();

    @Override
    default void declare(RiskNeeds needs) {
    }

    @Override
    default Optional<RiskVerdict> screen(RiskContext c) {
        String country = c.eventAttributes().get("country");
        if (country != null && countries().contains(country)) {
            return Optional.of(RiskVerdict.of(RiskAction.REJECT, "BLOCKED_COUNTRY", "payment " + c.event() + " came from " + country));
        }
        return Optional.empty();
    }

    @Override
    default Optional<RiskVerdict> screenPayout(PayoutContext c) {
        if (!"yes".equals(c.partnerAttributes().get("bank_verified"))) {
            return Optional.of(RiskVerdict.of(RiskAction.HOLD, "BANK_NOT_VERIFIED", "partner " + c.partner() + "'s bank account is not verified"));
        }
        return Optional.empty();
    }
}
