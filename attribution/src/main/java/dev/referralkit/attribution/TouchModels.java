package dev.referralkit.attribution;

import dev.referralkit.binding.BindingModel;
import dev.referralkit.binding.Candidate;
import dev.referralkit.money.Ratio;
import dev.referralkit.program.AttributionSettings;
import dev.referralkit.program.CustomWeights;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The per-touch models of SPEC.md §4.1 step 4. Weights are exact {@link Ratio}s where they are
 * rational; candidates arrive in time order (ties by input order).
 * <ul>
 * <li>{@code last_touch}: the latest 1. {@code first_touch}: the earliest 1.</li>
 * <li>{@code linear}: 1/n each.</li>
 * <li>{@code position_based}: n=1 → 1; n=2 → ½, ½; n≥3 → 0.4 first, 0.4 last, 0.2 shared by the
 *     middle touches.</li>
 * <li>{@code custom {first, middle, last}}: normalised by their sum; for n=2 the middle weight is
 *     ignored and first/last renormalised (Adobe's rule); n=1 → 1.</li>
 * <li>{@code time_decay {halfLifeDays}}: 2<sup>−Δ/halfLife</sup>, Δ the fractional days from touch to
 *     binding (millisecond precision), computed with {@link StrictMath#pow} and taken to 17
 *     significant digits, so every JVM gives the same weights; normalised by the engine.</li>
 * </ul>
 */
public final class TouchModels {
    /** The latest touch gets everything. */
    public static final BindingModel LAST_TOUCH = (c, s, at) -> onlyAt(c.size(), c.size() - 1);
    /** The earliest touch gets everything. */
    public static final BindingModel FIRST_TOUCH = (c, s, at) -> onlyAt(c.size(), 0);
    /** Equal weights. */
    public static final BindingModel LINEAR = (c, s, at) -> Collections.nCopies(c.size(), Ratio.of(1, c.size()));
    /** 40 % first, 40 % last, 20 % shared by the middle. */
    public static final BindingModel POSITION_BASED = (c, s, at) ->
            positional(c.size(), Ratio.of(2, 5), Ratio.of(1, 5), Ratio.of(2, 5));
    /** {@code program.attribution.weights}, normalised. */
    public static final BindingModel CUSTOM = (c, s, at) -> {
        CustomWeights w = s.weights();
        return positional(c.size(), Ratio.of(w.first()), Ratio.of(w.middle()), Ratio.of(w.last()));
    };
    /** Exponential decay with {@code program.attribution.halfLifeDays}. */
    public static final BindingModel TIME_DECAY = TouchModels::timeDecay;

    private static final MathContext SEVENTEEN = new MathContext(17);
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private TouchModels() {
    }

    private static List<Ratio> onlyAt(int n, int index) {
        List<Ratio> weights = new ArrayList<>(Collections.nCopies(n, Ratio.ZERO));
        weights.set(index, Ratio.ONE);
        return weights;
    }

    /**
     * Position weights for n touches: n=1 → 1; n=2 → first/last renormalised; n≥3 → first, the
     * middle weight split evenly, last, normalised by first + middle + last.
     *
     * @param n      touches
     * @param first  the first touch's weight
     * @param middle the weight shared by the middle touches
     * @param last   the last touch's weight
     * @return the weights, summing to 1
     */
    static List<Ratio> positional(int n, Ratio first, Ratio middle, Ratio last) {
        if (n == 1) {
            return List.of(Ratio.ONE);
        }
        if (n == 2) {
            Ratio sum = first.plus(last);
            if (sum.signum() == 0) {
                return List.of(Ratio.of(1, 2), Ratio.of(1, 2));
            }
            return List.of(first.dividedBy(sum), last.dividedBy(sum));
        }
        Ratio total = first.plus(middle).plus(last);
        List<Ratio> weights = new ArrayList<>(n);
        weights.add(first.dividedBy(total));
        Ratio each = middle.dividedBy(total).dividedBy(Ratio.of(n - 2, 1));
        for (int i = 1; i < n - 1; i++) {
            weights.add(each);
        }
        weights.add(last.dividedBy(total));
        return weights;
    }

    private static List<Ratio> timeDecay(List<Candidate> candidates, AttributionSettings settings, Instant bindingAt) {
        List<Ratio> weights = new ArrayList<>(candidates.size());
        double halfLife = settings.halfLifeDays();
        for (Candidate c : candidates) {
            long millis = Math.max(0L, Duration.between(c.at(), bindingAt).toMillis());
            double days = (double) millis / MILLIS_PER_DAY;
            weights.add(Ratio.of(new BigDecimal(StrictMath.pow(2.0, -days / halfLife)).round(SEVENTEEN)));
        }
        return weights;
    }

    /**
     * Time-decay weight of a touch Δ days before the conversion (used by journey analytics too).
     *
     * @param days     fractional days before
     * @param halfLife the half-life in days
     * @return 2^(−days/halfLife), to 17 significant digits
     */
    public static BigDecimal decay(BigDecimal days, BigDecimal halfLife) {
        return new BigDecimal(StrictMath.pow(2.0, -days.doubleValue() / halfLife.doubleValue())).round(SEVENTEEN);
    }
}
