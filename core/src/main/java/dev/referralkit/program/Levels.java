package dev.referralkit.program;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * {@code program.levels} (extension, docs/lifecycle.md §3): ordered partner levels reviewed when a
 * period closes; promotion at once, demotion after {@code demoteAfter} consecutive periods below; an
 * optional trial.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableLevels.class)
@JsonDeserialize(as = ImmutableLevels.class)
@JsonPropertyOrder({"period", "demoteAfter", "levels", "trial"})
public interface Levels {
    /** @return the review period; {@code quarter} by default */
    @Value.Default
    default Period period() {
        return Period.QUARTER;
    }

    /** @return consecutive periods below a level before a demotion; 1 by default */
    @Value.Default
    default int demoteAfter() {
        return 1;
    }

    /** @return the levels, lowest first */
    List<Level> levels();

    /** @return the trial, if any */
    Optional<TrialLevel> trial();

    /**
     * @param name a level name
     * @return its index among {@link #levels()}, or −1 (the trial is not among them)
     */
    default int indexOf(String name) {
        for (int i = 0; i < levels().size(); i++) {
            if (levels().get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * @param name a level or trial name
     * @return whether the program has it
     */
    default boolean knows(String name) {
        return indexOf(name) >= 0 || trial().map(t -> t.name().equals(name)).orElse(false);
    }

    /**
     * @param name a level or trial name
     * @return its group
     */
    default String groupOf(String name) {
        if (trial().isPresent() && trial().get().name().equals(name)) {
            return trial().get().group();
        }
        return levels().get(indexOf(name)).group();
    }

    /** Checks the list: at least one level, names once, the first without criteria, a trial that moves to known levels. */
    @Value.Check
    default void check() {
        if (levels().isEmpty()) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "levels", null, "must not be empty");
        }
        if (period() == Period.LIFETIME) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "period", "lifetime", "must be month, quarter or year");
        }
        if (demoteAfter() < 1 || demoteAfter() > 100) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "demoteAfter", Integer.toString(demoteAfter()),
                    "must be between 1 and 100");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < levels().size(); i++) {
            if (!names.add(levels().get(i).name())) {
                throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "levels[" + i + "].name", levels().get(i).name(),
                        "is listed twice");
            }
        }
        if (levels().get(0).criteria().isPresent()) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "levels[0].criteria", null,
                    "the first level is where every partner can be: it asks for nothing");
        }
        trial().ifPresent(t -> {
            if (names.contains(t.name())) {
                throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "trial.name", t.name(), "is also a level");
            }
            if (indexOf(t.pass()) < 0) {
                throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "trial.pass", t.pass(), "is not a level");
            }
            if (indexOf(t.fail()) < 0) {
                throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "trial.fail", t.fail(), "is not a level");
            }
        });
    }
}
