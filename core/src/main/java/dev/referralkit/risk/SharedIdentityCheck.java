package dev.referralkit.risk;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * {@code shared_identity} (docs/payouts.md §1.3): the customer's e-mail or the payment's fingerprint was also
 * credited to another partner through another customer. Code {@code SHARED_IDENTITY}.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableSharedIdentityCheck.class)
@JsonDeserialize(as = ImmutableSharedIdentityCheck.class)
@JsonPropertyOrder({"attributes", "action"})
public interface SharedIdentityCheck extends RiskCheck {
    /** @return the identities compared: {@code email}, {@code payment_fingerprint} */
    List<IdentityAttribute> attributes();

    /** @return the action when it fires; hold by default */
    @Value.Default
    default RiskAction action() {
        return RiskAction.HOLD;
    }

    @Override
    default void declare(RiskNeeds needs) {
        attributes().forEach(needs::identities);
    }

    @Override
    default Optional<RiskVerdict> screen(RiskContext c) {
        for (IdentityAttribute a : attributes()) {
            List<String> others = c.sharedWith(a);
            if (!others.isEmpty()) {
                String what = a == IdentityAttribute.EMAIL ? "e-mail" : "payment fingerprint";
                return Optional.of(RiskVerdict.of(action(), "SHARED_IDENTITY", "customer " + c.customer() + "'s " + what
                        + " was also referred by " + String.join(", ", others) + " through another customer"));
            }
        }
        return Optional.empty();
    }

    /** E-mail or payment fingerprint, each at most once. */
    @Value.Check
    default void check() {
        if (attributes().isEmpty() || attributes().contains(IdentityAttribute.EMAIL_DOMAIN)
                || new HashSet<>(attributes()).size() != attributes().size()) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "attributes", attributes().toString(),
                    "must list email or payment_fingerprint, each at most once (a domain is shared by many people)");
        }
    }
}
