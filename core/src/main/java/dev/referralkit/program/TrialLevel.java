package dev.referralkit.program;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.Ids;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import org.immutables.value.Value;

/**
 * A trial (docs/lifecycle.md §3): partners in it earn its group's rewards for {@code days} days, then
 * move to {@code pass} if they met its criteria since they entered it, else to {@code fail}.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableTrialLevel.class)
@JsonDeserialize(as = ImmutableTrialLevel.class)
@JsonPropertyOrder({"name", "group", "days", "criteria", "pass", "fail"})
public interface TrialLevel {
    /** @return the trial level's name */
    String name();

    /** @return its group */
    String group();

    /** @return how long it lasts */
    int days();

    /** @return what passing asks for */
    LevelCriteria criteria();

    /** @return the level a partner that passes moves to */
    String pass();

    /** @return the level a partner that fails moves to */
    String fail();

    /** Checks identifiers and the length. */
    @Value.Check
    default void check() {
        Ids.check("name", name());
        Ids.check("group", group());
        if (days() < 1 || days() > 3_650) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "days", Integer.toString(days()), "must be between 1 and 3650");
        }
    }
}
