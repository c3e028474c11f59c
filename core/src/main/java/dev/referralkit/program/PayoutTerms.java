package dev.referralkit.program;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;
import java.util.Map;
import org.immutables.value.Value;

/** {@code program.payout}: the minimum payout per currency; without one, any positive sum is paid. */
@Value.Immutable
@JsonSerialize(as = ImmutablePayoutTerms.class)
@JsonDeserialize(as = ImmutablePayoutTerms.class)
public interface PayoutTerms {
    /** @return the minimum per ISO-4217 code */
    Map<String, BigDecimal> minimum();
}
