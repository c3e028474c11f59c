package dev.referralkit.attribution;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.money.Ratio;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The journey models of SPEC.md §4.4.
 * <ul>
 * <li>{@code first_touch}, {@code last_touch}, {@code linear}, {@code position_based}: the rule models
 *     over each journey's touches (linear and position-based count every touch, repeats included);
 *     exact rational arithmetic.</li>
 * <li>{@code shapley}: Zhao et al. (2018), simplified form: each journey's conversions and value are
 *     shared equally by the distinct channels of its path. This equals the textbook Shapley value of the
 *     game v(S) = conversions of journeys whose channel set lies within S. Exact.</li>
 * <li>{@code markov}: Anderl et al. (2016), first order, repeats collapsed, as an absorbing chain; credit
 *     is each channel's removal effect, normalised to the total conversions and the total value. Exact
 *     ({@link MarkovChain}) for chains of up to 24 channels; a larger chain is solved
 *     for every channel at once by a sparse, subtraction-free elimination in double precision (not
 *     simulation); shares are rounded to 12 decimals and agree with the exact rational solution
 *     ({@link MarkovChain}) to within 10<sup>−11</sup>; conversions and value are then credited exactly
 *     as total × share. See {@link #MAX_MARKOV_CORE}.</li>
 * <li>{@code counterfactual}: leave-one-out in the manner of Google's fractribution: for a converting
 *     path, each channel's marginal contribution is max(0, p(path) − p(path without the channel)), p the
 *     observed conversion rate of a (collapsed) path, 0 when never observed; conversions and value are
 *     split by the contributions, equally when all are zero. Rates and lifts are exact; each path's split
 *     is rounded to 12 decimals with the largest-remainder method, so credits still sum exactly. Time
 *     near-linear in the total length of the paths.</li>
 * </ul>
 *
 * <p>Every model returns the same result for any order of the journeys, on every JVM. Inputs beyond
 * {@link #MAX_PATHS}, {@link #MAX_PATH_LENGTH}, {@link #MAX_TOUCHES} or {@link #MAX_CHANNELS} are
 * refused with a {@link ReferralKitException} ({@code INVALID_EVENT}) naming the limit and the size.
 */
public final class JourneyModels {
    /** The most journeys (distinct path lines) a model accepts. */
    public static final int MAX_PATHS = 2_000_000;
    /** The most touches in one journey's path. */
    public static final int MAX_PATH_LENGTH = 1_000_000;
    /** The most touches over all journeys. */
    public static final long MAX_TOUCHES = 10_000_000;
    /** The most distinct channels. */
    public static final int MAX_CHANNELS = 1_000_000;
    /**
     * The largest densely connected core {@code markov} solves. Channels that share few neighbours are
     * eliminated sparsely, at a cost that grows with their neighbourhoods (bounded: neighbourhoods under
     * MAX_MARKOV_CORE / 8, 12 million entries of fill, 2·10⁸ updates); the rest, the core, is solved as a
     * dense block at O(core³) time and 3 × core² doubles of memory (4,000: about 384 MB). A chain whose
     * core is larger is refused with a message that names both sizes.
     */
    public static final int MAX_MARKOV_CORE = 4_000;

    /** The first touch of each journey gets its conversions and value. */
    public static final JourneyModel FIRST_TOUCH = rule("first_touch", n -> TouchModelsShare.only(n, 0));
    /** The last touch of each journey. */
    public static final JourneyModel LAST_TOUCH = rule("last_touch", n -> TouchModelsShare.only(n, n - 1));
    /** Every touch equally. */
    public static final JourneyModel LINEAR = rule("linear", n -> TouchModelsShare.equal(n));
    /** 40 % first, 40 % last, 20 % shared by the middle. */
    public static final JourneyModel POSITION_BASED = rule("position_based",
            n -> TouchModels.positional(n, Ratio.of(2, 5), Ratio.of(1, 5), Ratio.of(2, 5)));
    /** Shapley value, simplified form. */
    public static final JourneyModel SHAPLEY = named("shapley", JourneyModels::shapley);
    /** Markov removal effect, every channel from one sparse factorisation. */
    public static final JourneyModel MARKOV = named("markov", MarkovModel::credit);
    /** Leave-one-out counterfactual. */
    public static final JourneyModel COUNTERFACTUAL = named("counterfactual", Counterfactual::credit);

    private static final Map<String, JourneyModel> ALL = new LinkedHashMap<>();

    static {
        for (JourneyModel m : List.of(FIRST_TOUCH, LAST_TOUCH, LINEAR, POSITION_BASED, SHAPLEY, MARKOV, COUNTERFACTUAL)) {
            ALL.put(m.name(), m);
        }
    }

    private JourneyModels() {
    }

    /**
     * @param name a model name
     * @return the model
     * @throws ReferralKitException if unknown, listing the known names
     */
    public static JourneyModel named(String name) {
        JourneyModel model = ALL.get(name);
        if (model == null) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "model", name,
                    "is not one of " + String.join(", ", ALL.keySet()));
        }
        return model;
    }

    /** @return the names of every model */
    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }

    private static JourneyModel named(String name, Function<List<Journey>, List<ChannelCredit>> f) {
        return new JourneyModel() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<ChannelCredit> credit(List<Journey> journeys) {
                return f.apply(journeys);
            }
        };
    }

    private static JourneyModel rule(String name, Function<Integer, List<Ratio>> weights) {
        return named(name, journeys -> {
            JourneyLimits.check(journeys);
            Credits credits = new Credits();
            for (Journey j : journeys) {
                List<Ratio> w = weights.apply(j.channels().size());
                for (int i = 0; i < w.size(); i++) {
                    credits.add(j.channels().get(i), j.conversions().times(w.get(i)), j.value().times(w.get(i)));
                }
            }
            return credits.list();
        });
    }

    private static List<ChannelCredit> shapley(List<Journey> journeys) {
        JourneyLimits.check(journeys);
        Credits credits = new Credits();
        for (Journey j : journeys) {
            TreeSet<String> set = new TreeSet<>(j.channels());
            Ratio share = Ratio.of(1, set.size());
            for (String c : set) {
                credits.add(c, j.conversions().times(share), j.value().times(share));
            }
        }
        return credits.list();
    }

    /** Journeys summed by collapsed path: [conversions, nulls, value]. */
    static Map<List<String>, Ratio[]> aggregate(List<Journey> journeys) {
        Map<List<String>, Ratio[]> paths = new TreeMap<>(JourneyModels::comparePaths);
        for (Journey j : journeys) {
            Ratio[] sums = paths.computeIfAbsent(j.collapsed(), k -> new Ratio[] {Ratio.ZERO, Ratio.ZERO, Ratio.ZERO});
            sums[0] = sums[0].plus(j.conversions());
            sums[1] = sums[1].plus(j.nulls());
            sums[2] = sums[2].plus(j.value());
        }
        return paths;
    }

    static int comparePaths(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /** Sums of credit per channel, sorted by channel. */
    static final class Credits {
        private final Map<String, Ratio[]> sums = new TreeMap<>();

        void add(String channel, Ratio conversions, Ratio value) {
            Ratio[] s = sums.computeIfAbsent(channel, c -> new Ratio[] {Ratio.ZERO, Ratio.ZERO});
            s[0] = s[0].plus(conversions);
            s[1] = s[1].plus(value);
        }

        List<ChannelCredit> list() {
            List<ChannelCredit> out = new ArrayList<>();
            sums.forEach((c, s) -> out.add(new ChannelCredit(c, s[0], s[1])));
            return out;
        }
    }
}
