package dev.referralkit.program;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * {@code program.retention} (extension of FORMATS.md §1; semantics in docs/engine.md §4): how much state
 * the engine keeps for re-deliveries and refunds. The defaults keep everything, as SPEC.md describes.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableRetention.class)
@JsonDeserialize(as = ImmutableRetention.class)
@JsonPropertyOrder({"eventIds", "refundDays"})
public interface Retention {
    /** @return how long event ids are remembered; {@code all} by default */
    @Value.Default
    default EventIdRetention eventIds() {
        return EventIdRetention.ALL;
    }

    /**
     * @return days after a payment during which it can be refunded; absent: for ever. A refund later than
     *         that is {@code UNKNOWN_PAYMENT}, and payout runs forget payments past it.
     */
    Optional<Integer> refundDays();

    /** @return keep everything */
    static Retention keepAll() {
        return ImmutableRetention.builder().build();
    }

    /** Leaves the default out of written JSON: Jackson excludes a value this filter equals. */
    final class KeepAllFilter {
        @Override
        public boolean equals(Object value) {
            return keepAll().equals(value);
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }

    /** Checks the window. */
    @Value.Check
    default void check() {
        refundDays().ifPresent(d -> {
            if (d < 1 || d > 36_500) {
                throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "refundDays", Integer.toString(d),
                        "must be between 1 and 36500");
            }
        });
    }
}
