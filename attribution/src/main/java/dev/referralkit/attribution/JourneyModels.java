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
 * The journey models of SPEC.md §4.4, all in exact rational arithmetic.
 * <ul>
 * <li>{@code first_touch}, {@code last_touch}, {@code linear}, {@code position_based}: the rule models
 *     over each journey's touches (linear and position-based count every touch, repeats included).</li>
 * <li>{@code shapley}: Zhao et al. (2018), simplified form: each journey's conversions and value are
 *     shared equally by the distinct channels of its path. This equals the textbook Shapley value of the
 *     game v(S) = conversions of journeys whose channel set lies within S.</li>
 * <li>{@code markov}: Anderl et al. (2016), first order, repeats collapsed, solved exactly as an
 *     absorbing chain ({@link MarkovChain}); credit is each channel's removal effect, normalised to the
 *     total conversions and the total value.</li>
 * <li>{@code counterfactual}: leave-one-out in the manner of Google's fractribution: for a converting
 *     path, each channel's marginal contribution is max(0, p(path) − p(path without the channel)), p the
 *     observed conversion rate of a (collapsed) path, 0 when never observed; conversions and value are
 *     split by the contributions, equally when all are zero.</li>
 * </ul>
 */
public final class JourneyModels {
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
    /** Markov removal effect, exact. */
    public static final JourneyModel MARKOV = named("markov", journeys -> MarkovChain.of(journeys).credit());
    /** Leave-one-out counterfactual. */
    public static final JourneyModel COUNTERFACTUAL = named("counterfactual", JourneyModels::counterfactual);

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

    private static List<ChannelCredit> counterfactual(List<Journey> journeys) {
        Map<List<String>, Ratio[]> paths = aggregate(journeys);
        Credits credits = new Credits();
        journeys.forEach(j -> j.channels().forEach(c -> credits.add(c, Ratio.ZERO, Ratio.ZERO)));
        for (Map.Entry<List<String>, Ratio[]> e : paths.entrySet()) {
            Ratio conversions = e.getValue()[0];
            if (conversions.signum() == 0) {
                continue;
            }
            List<String> path = e.getKey();
            Ratio p = rate(paths, path);
            List<String> distinct = new ArrayList<>(new TreeSet<>(path));
            List<Ratio> marginal = new ArrayList<>();
            Ratio total = Ratio.ZERO;
            for (String c : distinct) {
                List<String> without = new ArrayList<>(path);
                without.removeIf(c::equals);
                Ratio pc = without.isEmpty() ? Ratio.ZERO : rate(paths, Journey.collapse(without));
                Ratio m = p.compareTo(pc) > 0 ? p.minus(pc) : Ratio.ZERO;
                marginal.add(m);
                total = total.plus(m);
            }
            for (int i = 0; i < distinct.size(); i++) {
                Ratio fraction = total.signum() == 0 ? Ratio.of(1, distinct.size()) : marginal.get(i).dividedBy(total);
                credits.add(distinct.get(i), conversions.times(fraction), e.getValue()[2].times(fraction));
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

    private static Ratio rate(Map<List<String>, Ratio[]> paths, List<String> path) {
        Ratio[] sums = paths.get(path);
        if (sums == null) {
            return Ratio.ZERO;
        }
        Ratio all = sums[0].plus(sums[1]);
        return all.signum() == 0 ? Ratio.ZERO : sums[0].dividedBy(all);
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
