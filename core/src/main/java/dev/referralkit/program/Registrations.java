package dev.referralkit.program;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import org.immutables.value.Value;

/** {@code program.registrations} (extension, docs/lifecycle.md §2): how long an approved registration is exclusive. */
@Value.Immutable
@JsonSerialize(as = ImmutableRegistrations.class)
@JsonDeserialize(as = ImmutableRegistrations.class)
public interface Registrations {
    /** @return days an approved registration is exclusive, from its approval; 90 by default */
    @Value.Default
    default int exclusiveDays() {
        return 90;
    }

    /** @return the defaults */
    static Registrations standard() {
        return ImmutableRegistrations.builder().build();
    }

    /** Checks the days. */
    @Value.Check
    default void check() {
        if (exclusiveDays() < 1 || exclusiveDays() > 36_500) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "exclusiveDays", Integer.toString(exclusiveDays()),
                    "must be between 1 and 36500");
        }
    }
}
