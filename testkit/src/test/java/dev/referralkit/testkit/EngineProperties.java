package dev.referralkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.referralkit.testkit.quicktheories.QuickTheoriesGenerators;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;

/**
 * The engine's own property suite: generated programs and histories (every strategy, condition and
 * model; bad events mixed in) must keep every invariant of SPEC.md §7. 10,000 histories by default;
 * more with {@code -Dreferralkit.histories=100000}; another seed with {@code -Dreferralkit.seed=N}.
 */
class EngineProperties {
    static final long SEED = Long.getLong("referralkit.seed", 20261121L);
    static final int HISTORIES = Integer.getInteger("referralkit.histories", 10_000);

    @Test
    void generated_histories_keep_every_invariant() {
        QuickTheory.qt().withFixedSeed(SEED).withExamples(HISTORIES).withShrinkCycles(0)
                .forAll(QuickTheoriesGenerators.of(Histories.standard().histories()))
                .checkAssert(history -> {
                    InvariantReport report = ProgramInvariants.check(history);
                    assertThat(report.holds()).as("%s", report).isTrue();
                });
    }
}
