package dev.referralkit.testkit.quicktheories;

import dev.referralkit.testkit.Generator;
import java.util.SplittableRandom;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

/**
 * Adapts testkit generators to QuickTheories: QuickTheories draws a seed (so its fixed seed and
 * example count apply) and the generator builds the value from it. Shrink a failing history with
 * {@link dev.referralkit.testkit.ProgramInvariants#check}, which reports the minimal one.
 */
public final class QuickTheoriesGenerators {
    private QuickTheoriesGenerators() {
    }

    /**
     * @param <T>       the value
     * @param generator a testkit generator
     * @return the same values as a QuickTheories {@link Gen}
     */
    public static <T> Gen<T> of(Generator<T> generator) {
        return source -> generator.generate(new SplittableRandom(source.next(Constraint.none())));
    }
}
