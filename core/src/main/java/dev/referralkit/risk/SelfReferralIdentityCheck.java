package dev.referralkit.risk;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * {@code self_referral_identity} (docs/payouts.md §1.3): the customer's e-mail, e-mail domain or payment
 * fingerprint is the partner's. Codes {@code SELF_REFERRAL_EMAIL}, {@code SELF_REFERRAL_EMAIL_DOMAIN},
 * {@code SELF_REFERRAL_PAYMENT_FINGERPRINT}: the first listed attribute that matches.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableSelfReferralIdentityCheck.class)
@JsonDeserialize(as = ImmutableSelfReferralIdentityCheck.class)
@JsonPropertyOrder({"attributes", "ignoreDomains", "action"})
public interface SelfReferralIdentityCheck extends RiskCheck {
    /** @return the attributes compared, in order */
    List<IdentityAttribute> attributes();

    /** @return more domains that identify nobody, beyond {@link Identities#PUBLIC_DOMAINS} */
    List<String> ignoreDomains();

    /** @return the action when it fires; hold by default */
    @Value.Default
    default RiskAction action() {
        return RiskAction.HOLD;
    }

    @Override
    default Optional<RiskVerdict> screen(RiskContext c) {
        for (IdentityAttribute attribute : attributes()) {
            switch (attribute) {
                case EMAIL, EMAIL_DOMAIN -> {
                    Optional<String> customer = Identities.email(c.customerAttributes().get(Identities.EMAIL));
                    Optional<String> partner = Identities.email(c.partnerAttributes().get(Identities.EMAIL));
                    if (customer.isEmpty() || partner.isEmpty()) {
                        continue;
                    }
                    if (attribute == IdentityAttribute.EMAIL && customer.get().equals(partner.get())) {
                        return Optional.of(RiskVerdict.of(action(), "SELF_REFERRAL_EMAIL", "customer " + c.customer() + "'s e-mail "
                                + customer.get() + " is partner " + c.partner() + "'s"));
                    }
                    String domain = Identities.domain(customer.get());
                    if (attribute == IdentityAttribute.EMAIL_DOMAIN && domain.equals(Identities.domain(partner.get()))
                            && !Identities.PUBLIC_DOMAINS.contains(domain) && !ignoreDomains().contains(domain)) {
                        return Optional.of(RiskVerdict.of(action(), "SELF_REFERRAL_EMAIL_DOMAIN", "customer " + c.customer()
                                + "'s e-mail domain " + domain + " is partner " + c.partner() + "'s"));
                    }
                }
                case PAYMENT_FINGERPRINT -> {
                    Optional<String> customer = Identities.fingerprint(c.eventAttributes().get(Identities.PAYMENT_FINGERPRINT));
                    Optional<String> partner = Identities.fingerprint(c.partnerAttributes().get(Identities.PAYMENT_FINGERPRINT));
                    if (customer.isPresent() && customer.equals(partner)) {
                        return Optional.of(RiskVerdict.of(action(), "SELF_REFERRAL_PAYMENT_FINGERPRINT", "payment " + c.event()
                                + " was made with partner " + c.partner() + "'s payment method (fingerprint " + customer.get() + ")"));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** At least one attribute, each once; domains in lower case. */
    @Value.Check
    default void check() {
        if (attributes().isEmpty() || new HashSet<>(attributes()).size() != attributes().size()) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "attributes", attributes().toString(),
                    "must list email, email_domain or payment_fingerprint, each at most once");
        }
        for (String d : ignoreDomains()) {
            if (d.isEmpty() || !d.equals(d.toLowerCase(Locale.ROOT)) || d.length() > 253) {
                throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "ignoreDomains", d,
                        "must be a domain in lower case, like example.com");
            }
        }
    }
}
