package dev.referralkit.program;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.Ids;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.event.LeadStage;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.immutables.value.Value;

/**
 * {@code program.lifecycle} (extension, docs/lifecycle.md §1): the program's intermediate lead stages,
 * in order, between {@code qualified} and the terminal {@code won}, {@code lost} and {@code unqualified}.
 * The rule of which stage may follow which lives in {@link #allows}.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableLifecycle.class)
@JsonDeserialize(as = ImmutableLifecycle.class)
public interface Lifecycle {
    /** The stages every lifecycle has. */
    List<String> BUILT_IN = List.of(LeadStage.SUBMITTED, LeadStage.QUALIFIED, LeadStage.WON, LeadStage.LOST, LeadStage.UNQUALIFIED);

    /** @return the intermediate stages, in order */
    List<String> stages();

    /** @return the lifecycle with no intermediate stage */
    static Lifecycle standard() {
        return ImmutableLifecycle.builder().build();
    }

    /**
     * @param stage a stage name
     * @return whether the lifecycle knows it
     */
    default boolean knows(String stage) {
        return BUILT_IN.contains(stage) || stages().contains(stage);
    }

    /**
     * @param stage a stage name
     * @return whether it ends the lead
     */
    static boolean isTerminal(String stage) {
        return stage.equals(LeadStage.WON) || stage.equals(LeadStage.LOST) || stage.equals(LeadStage.UNQUALIFIED);
    }

    /**
     * Whether a lead may move from one stage to another (docs/lifecycle.md §1): only forward;
     * {@code submitted} to {@code qualified}, {@code unqualified} or {@code lost}; {@code qualified} or an
     * intermediate stage to a later intermediate stage, {@code won} or {@code lost}; nothing out of a
     * terminal stage.
     *
     * @param from the lead's stage
     * @param to   the stage asked for
     * @return true if allowed
     */
    default boolean allows(String from, String to) {
        if (isTerminal(from) || !knows(to)) {
            return false;
        }
        if (from.equals(LeadStage.SUBMITTED)) {
            return to.equals(LeadStage.QUALIFIED) || to.equals(LeadStage.UNQUALIFIED) || to.equals(LeadStage.LOST);
        }
        if (to.equals(LeadStage.WON) || to.equals(LeadStage.LOST)) {
            return true;
        }
        int at = from.equals(LeadStage.QUALIFIED) ? -1 : stages().indexOf(from);
        return stages().indexOf(to) > at;
    }

    /** @return every stage in lifecycle order: submitted, qualified, the intermediate stages, then won, lost, unqualified */
    default List<String> ordered() {
        List<String> all = new java.util.ArrayList<>(BUILT_IN.size() + stages().size());
        all.add(LeadStage.SUBMITTED);
        all.add(LeadStage.QUALIFIED);
        all.addAll(stages());
        all.add(LeadStage.WON);
        all.add(LeadStage.LOST);
        all.add(LeadStage.UNQUALIFIED);
        return all;
    }

    /**
     * @param from a stage
     * @return the stages a lead there may move to, in lifecycle order
     */
    default List<String> next(String from) {
        return ordered().stream().filter(to -> allows(from, to)).toList();
    }

    /** Checks the stage names: identifiers, not built in, listed once. */
    @Value.Check
    default void check() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < stages().size(); i++) {
            String s = stages().get(i);
            Ids.check("stages", s);
            if (BUILT_IN.contains(s) || !seen.add(s)) {
                throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "stages[" + i + "]", s,
                        BUILT_IN.contains(s) ? "is a built-in stage" : "is listed twice");
            }
        }
    }
}
