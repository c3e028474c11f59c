package dev.referralkit.testkit;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A framework-neutral generator: randomness in, value out. The same seed always gives the same
 * value, so any property-testing library (or a plain loop) can drive it: QuickTheories through
 * {@link dev.referralkit.testkit.quicktheories.QuickTheoriesGenerators}, others by seeding a
 * {@link SplittableRandom} from their own source.
 *
 * @param <T> the value
 */
@FunctionalInterface
public interface Generator<T> {
    /**
     * @param random the randomness
     * @return a value
     */
    T generate(SplittableRandom random);

    /**
     * @param seed a seed
     * @return the value this seed gives
     */
    default T generate(long seed) {
        return generate(new SplittableRandom(seed));
    }

    /**
     * @param <R> the new value
     * @param f   a function
     * @return a generator of {@code f} of this one's values
     */
    default <R> Generator<R> map(Function<? super T, ? extends R> f) {
        return r -> f.apply(generate(r));
    }

    /**
     * @param <T>     the value
     * @param choices values to pick from, uniformly
     * @return a generator picking one
     */
    @SafeVarargs
    @SuppressWarnings("varargs")
    static <T> Generator<T> oneOf(T... choices) {
        List<T> list = List.of(choices);
        return r -> list.get(r.nextInt(list.size()));
    }
}
