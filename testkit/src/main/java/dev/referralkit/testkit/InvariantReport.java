package dev.referralkit.testkit;

import java.util.List;
import java.util.Optional;

/**
 * The result of {@link ProgramInvariants#check}: the violations of the history checked and, when there
 * are any, the smallest history (found by {@link Shrinker}) that still breaks the first one.
 */
public final class InvariantReport {
    private final List<Violation> violations;
    private final History minimal;

    InvariantReport(List<Violation> violations, History minimal) {
        this.violations = List.copyOf(violations);
        this.minimal = minimal;
    }

    /** @return true when no invariant is broken */
    public boolean holds() {
        return violations.isEmpty();
    }

    /** @return the violations, empty when all invariants hold */
    public List<Violation> violations() {
        return violations;
    }

    /** @return the minimal failing history, when an invariant is broken */
    public Optional<History> minimalHistory() {
        return Optional.ofNullable(minimal);
    }

    @Override
    public String toString() {
        if (holds()) {
            return "all invariants hold";
        }
        return violations + (minimal == null ? "" : "\nminimal failing history:\n" + minimal.toScenarioJson());
    }
}
