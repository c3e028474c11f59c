package dev.referralkit.engine.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.referralkit.program.ImmutableLevelCriteria;
import dev.referralkit.program.LevelCriteria;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;

/**
 * The level rule of docs/lifecycle.md §3 ({@link LevelReviews#target} and {@link LevelReviews#next}) is
 * monotone in volume once hysteresis is accounted for, in the sense the page defines: more volume never
 * aims lower; a review never leaves a partner below what its period met; and after {@code demoteAfter}
 * reviews a partner is never above the best any of the last {@code demoteAfter} periods met. Volumes held
 * for {@code demoteAfter} periods settle the level exactly on their target.
 */
class LevelRuleProperties {
    private static final long SEED = Long.getLong("referralkit.seed", 20261129L);
    private static final int EXAMPLES = Math.max(1000, Integer.getInteger("referralkit.examples", 1000));

    private static QuickTheory qt() {
        return QuickTheory.qt().withFixedSeed(SEED).withExamples(EXAMPLES);
    }

    /** Ladders of up to 5 levels; each criterion at or above the one below so that levels are ordered. */
    private static Gen<List<Optional<LevelCriteria>>> ladders() {
        return lists().of(integers().between(0, 6)).ofSizeBetween(3, 12).map(steps -> {
            List<Optional<LevelCriteria>> ladder = new ArrayList<>();
            ladder.add(Optional.empty());
            int conversions = 0;
            int revenue = 0;
            int active = 0;
            for (int i = 0; i + 2 < steps.size() && ladder.size() < 5; i += 3) {
                conversions += steps.get(i);
                revenue += 100 * steps.get(i + 1);
                active += steps.get(i + 2);
                ImmutableLevelCriteria.Builder b = ImmutableLevelCriteria.builder();
                if (steps.get(i) % 2 == 0) {
                    b.conversions(BigDecimal.valueOf(conversions));
                }
                if (steps.get(i + 1) % 3 == 0) {
                    b.revenue(BigDecimal.valueOf(revenue));
                }
                if (steps.get(i + 2) % 2 == 1) {
                    b.activeCustomers(active);
                }
                ladder.add(Optional.of(b.build()));
            }
            return ladder;
        });
    }

    @Test
    void more_volume_never_aims_lower() {
        qt().forAll(ladders(), lists().of(integers().between(0, 40)).ofSize(6)).checkAssert((ladder, v) -> {
            int lower = LevelReviews.target(ladder, BigDecimal.valueOf(v.get(0)), BigDecimal.valueOf(100L * v.get(1)), v.get(2));
            int higher = LevelReviews.target(ladder, BigDecimal.valueOf(v.get(0) + v.get(3)),
                    BigDecimal.valueOf(100L * (v.get(1) + v.get(4))), v.get(2) + v.get(5));
            assertThat(higher).as("%s with %s", ladder, v).isGreaterThanOrEqualTo(lower);
        });
    }

    @Test
    void a_review_is_monotone_in_its_target() {
        qt().forAll(integers().between(0, 5), integers().between(0, 4), lists().of(integers().between(0, 5)).ofSize(2),
                integers().between(1, 5)).checkAssert((current, below, targets, demoteAfter) -> {
            int low = Math.min(targets.get(0), targets.get(1));
            int high = Math.max(targets.get(0), targets.get(1));
            int b = Math.min(below, demoteAfter - 1);
            assertThat(LevelReviews.next(current, b, high, demoteAfter).level())
                    .isGreaterThanOrEqualTo(LevelReviews.next(current, b, low, demoteAfter).level());
        });
    }

    @Test
    void the_level_stays_between_what_this_period_met_and_the_best_of_the_hysteresis_window() {
        qt().forAll(integers().between(0, 5), lists().of(integers().between(0, 5)).ofSizeBetween(1, 30), integers().between(1, 5))
                .checkAssert((start, targets, demoteAfter) -> {
                    int level = start;
                    int below = 0;
                    for (int k = 0; k < targets.size(); k++) {
                        LevelReviews.Decision d = LevelReviews.next(level, below, targets.get(k), demoteAfter);
                        level = d.level();
                        below = d.below();
                        assertThat(level).as("review %d of %s", k, targets).isGreaterThanOrEqualTo(targets.get(k));
                        assertThat(below).isBetween(0, demoteAfter - 1);
                        if (k + 1 >= demoteAfter) {
                            int best = targets.subList(k + 1 - demoteAfter, k + 1).stream().mapToInt(Integer::intValue).max().getAsInt();
                            assertThat(level).as("review %d of %s, demoteAfter %d", k, targets, demoteAfter).isLessThanOrEqualTo(best);
                        }
                    }
                });
    }

    @Test
    void volumes_held_for_demote_after_periods_settle_the_level_on_their_target() {
        qt().forAll(integers().between(0, 5), integers().between(0, 5), integers().between(1, 5)).checkAssert((start, target, demoteAfter) -> {
            LevelReviews.Decision d = new LevelReviews.Decision(start, 0);
            for (int k = 0; k < demoteAfter; k++) {
                d = LevelReviews.next(d.level(), d.below(), target, demoteAfter);
            }
            assertThat(d).isEqualTo(new LevelReviews.Decision(target, 0));
        });
    }
}
