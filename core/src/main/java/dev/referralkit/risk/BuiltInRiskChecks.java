package dev.referralkit.risk;

import com.fasterxml.jackson.databind.jsontype.NamedType;
import dev.referralkit.json.JsonTypeProvider;
import java.util.List;

/** Registers the JSON names of the built-in risk checks (docs/payouts.md §1.3). */
public final class BuiltInRiskChecks implements JsonTypeProvider {
    /** Used by {@link java.util.ServiceLoader}. */
    public BuiltInRiskChecks() {
    }

    @Override
    public List<NamedType> types() {
        return List.of(
                new NamedType(ImmutableSelfReferralIdentityCheck.class, "self_referral_identity"),
                new NamedType(ImmutableFastConversionCheck.class, "fast_conversion"),
                new NamedType(ImmutableConversionVelocityCheck.class, "conversion_velocity"),
                new NamedType(ImmutableSharedIdentityCheck.class, "shared_identity"),
                new NamedType(ImmutableRefundRateCheck.class, "refund_rate"),
                new NamedType(ImmutableApprovalThresholdCheck.class, "approval_threshold"),
                new NamedType(ImmutableMinimumPayingCustomersCheck.class, "minimum_paying_customers"));
    }
}
