package dev.referralkit.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.referralkit.money.Ratio;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;
import org.quicktheories.impl.Constraint;

/**
 * The scalable {@code markov} and {@code counterfactual} against their exact rational definitions
 * ({@link MarkovChain} and {@link #exactCounterfactual}), to the precision the models state, whichever
 * way the solver goes (all sparse: denseSwitch 0; all dense: {@code Integer.MAX_VALUE}; or mixed), and
 * independent of the order of the journeys.
 */
class JourneyScaleProperties {
    /** The stated precision of a share: 10^-11. */
    static final Ratio SHARE_TOLERANCE = Ratio.of(1, 100_000_000_000L);

    /** Random chains of up to 9 channels with returns (a>b>a), repeats, zero counts and values. */
    static Gen<List<Journey>> chains() {
        return r -> {
            int channels = (int) r.next(Constraint.between(1, 9));
            List<Journey> list = new ArrayList<>();
            long n = r.next(Constraint.between(1, 14));
            for (int i = 0; i < n; i++) {
                List<String> path = new ArrayList<>();
                long len = r.next(Constraint.between(1, 7));
                for (int k = 0; k < len; k++) {
                    path.add("c" + r.next(Constraint.between(0, channels - 1)));
                }
                long conversions = r.next(Constraint.between(0, 30));
                long cents = conversions == 0 ? 0 : r.next(Constraint.between(0, 1_000_000));
                list.add(Journey.of(path, Ratio.of(conversions, 1), Ratio.of(cents, 100), Ratio.of(r.next(Constraint.between(0, 30)), 1)));
            }
            return list;
        };
    }

    @Test
    void markov_shares_agree_with_the_exact_solver_whichever_way_it_solves() {
        Props.qt().forAll(chains()).checkAssert(journeys -> {
            List<ChannelCredit> exact = MarkovChain.of(journeys).credit();
            PathTable table = PathTable.of(journeys);
            for (int denseSwitch : new int[] {AbsorbingChain.DENSE_SWITCH, 0, Integer.MAX_VALUE}) {
                List<ChannelCredit> approx = MarkovModel.credit(table, denseSwitch);
                assertClose(approx, exact, table.totalConversions, table.totalValue, "denseSwitch " + denseSwitch);
            }
        });
    }

    @Test
    void markov_removal_effects_agree_with_the_exact_ones() {
        Props.qt().forAll(chains()).checkAssert(journeys -> {
            MarkovChain exactChain = MarkovChain.of(journeys);
            Map<String, Ratio> exact = exactChain.removalEffects();
            double p = MarkovModel.toDouble(exactChain.conversionProbability());
            PathTable table = PathTable.of(journeys);
            for (int denseSwitch : new int[] {0, Integer.MAX_VALUE}) {
                AbsorbingChain chain = MarkovModel.chain(table, denseSwitch);
                assertThat(chain.conversionProbability()).isCloseTo(p, org.assertj.core.data.Offset.offset(1e-15));
                double[] effects = chain.removalEffects();
                for (int c = 0; c < effects.length; c++) {
                    double e = MarkovModel.toDouble(exact.get(table.channels[c]));
                    assertThat(Math.abs(effects[c] - e)).as("%s: %s vs exact %s", table.channels[c], effects[c], e)
                            .isLessThanOrEqualTo(1e-13);
                }
            }
        });
    }

    @Test
    void counterfactual_agrees_with_the_exact_leave_one_out() {
        Props.qt().forAll(AttributionProperties.journeys()).checkAssert(journeys -> {
            List<ChannelCredit> exact = exactCounterfactual(journeys);
            List<ChannelCredit> fast = JourneyModels.COUNTERFACTUAL.credit(journeys);
            // each path's split is rounded to 10^-12 of its conversions and value
            Ratio conversions = journeys.stream().map(Journey::conversions).reduce(Ratio.ZERO, Ratio::plus);
            Ratio value = journeys.stream().map(Journey::value).reduce(Ratio.ZERO, Ratio::plus);
            assertThat(fast).extracting(ChannelCredit::channel).containsExactlyElementsOf(exact.stream().map(ChannelCredit::channel).toList());
            Ratio tolerance = Ratio.of(1, 1_000_000_000_000L);
            for (int i = 0; i < fast.size(); i++) {
                assertThat(abs(fast.get(i).conversions().minus(exact.get(i).conversions())))
                        .as(fast.get(i).channel()).isLessThanOrEqualTo(conversions.times(tolerance));
                assertThat(abs(fast.get(i).value().minus(exact.get(i).value())))
                        .as(fast.get(i).channel()).isLessThanOrEqualTo(value.times(tolerance));
            }
        });
    }

    @Test
    void permuting_journeys_changes_neither_model_by_a_single_digit() {
        Props.qt().forAll(chains(), SourceDSL.longs().all()).checkAssert((journeys, seed) -> {
            List<Journey> shuffled = new ArrayList<>(journeys);
            Collections.shuffle(shuffled, new Random(seed));
            for (JourneyModel model : List.of(JourneyModels.MARKOV, JourneyModels.COUNTERFACTUAL)) {
                assertThat(AttributionProperties.show(model.credit(shuffled))).as(model.name())
                        .isEqualTo(AttributionProperties.show(model.credit(journeys)));
            }
        });
    }

    /**
     * Chains of a few hundred channels exercise the dense core's blocks and tiles and long sparse
     * eliminations: the two ways agree to 1e-12 relative on every removal effect.
     */
    @Test
    void sparse_and_dense_solutions_of_larger_chains_agree() {
        int largestCore = 0;
        for (long seed = 1; seed <= 4; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            int channels = 150 + r.nextInt(400);
            List<Journey> journeys = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                List<String> path = new ArrayList<>();
                do {
                    // a few hubs and a long tail
                    int c = r.nextInt(4) == 0 ? r.nextInt(10) : r.nextInt(channels);
                    path.add("c" + c);
                } while (r.nextInt(10) < 6);
                long conversions = r.nextInt(3) == 0 ? 1 + r.nextInt(3) : 0;
                journeys.add(Journey.of(path, Ratio.of(conversions, 1), Ratio.of(conversions * 1999, 100), Ratio.of(r.nextInt(5), 1)));
            }
            PathTable table = PathTable.of(journeys);
            double[] sparse = MarkovModel.removalEffects(table, 0);
            double[] dense = MarkovModel.removalEffects(table, Integer.MAX_VALUE);
            double[] mixed = MarkovModel.removalEffects(table, AbsorbingChain.DENSE_SWITCH, 1);
            // the dense core's rows may be split between threads: never a single bit of difference
            for (int threads : new int[] {2, 3, 16}) {
                assertThat(Arrays.equals(MarkovModel.removalEffects(table, AbsorbingChain.DENSE_SWITCH, threads), mixed))
                        .as("seed %d, %d threads", seed, threads).isTrue();
                assertThat(Arrays.equals(MarkovModel.removalEffects(table, Integer.MAX_VALUE, threads),
                        MarkovModel.removalEffects(table, Integer.MAX_VALUE, 1))).as("seed %d, %d threads, all dense", seed, threads).isTrue();
            }
            AbsorbingChain.Stats stats = MarkovModel.chain(table, AbsorbingChain.DENSE_SWITCH).stats();
            assertThat(stats.core()).as("seed %d: a dense core of several blocks", seed).isGreaterThan(32);
            largestCore = Math.max(largestCore, MarkovModel.chain(table, Integer.MAX_VALUE).stats().core());
            for (int c = 0; c < dense.length; c++) {
                assertThat(sparse[c]).as("seed %d, %s", seed, table.channels[c]).isCloseTo(dense[c], org.assertj.core.data.Percentage.withPercentage(1e-10));
                assertThat(mixed[c]).as("seed %d, %s", seed, table.channels[c]).isCloseTo(dense[c], org.assertj.core.data.Percentage.withPercentage(1e-10));
            }
        }
        assertThat(largestCore).as("an all-dense solve spanning several column tiles").isGreaterThan(256);
    }

    static void assertClose(List<ChannelCredit> approx, List<ChannelCredit> exact, Ratio conversions, Ratio value, String what) {
        assertThat(approx).extracting(ChannelCredit::channel).as(what).containsExactlyElementsOf(exact.stream().map(ChannelCredit::channel).toList());
        for (int i = 0; i < approx.size(); i++) {
            ChannelCredit a = approx.get(i);
            ChannelCredit e = exact.get(i);
            assertThat(abs(a.conversions().minus(e.conversions()))).as("%s %s: %s vs exact %s", what, a.channel(), a, e)
                    .isLessThanOrEqualTo(conversions.times(SHARE_TOLERANCE));
            assertThat(abs(a.value().minus(e.value()))).as("%s %s: %s vs exact %s", what, a.channel(), a, e)
                    .isLessThanOrEqualTo(value.times(SHARE_TOLERANCE));
        }
        Ratio sum = approx.stream().map(ChannelCredit::conversions).reduce(Ratio.ZERO, Ratio::plus);
        if (exact.stream().anyMatch(c -> c.conversions().signum() > 0)) {
            assertThat(sum).as(what + ": shares sum to exactly 1").isEqualTo(conversions);
        }
    }

    static Ratio abs(Ratio r) {
        return r.signum() < 0 ? r.negated() : r;
    }

    /** The definition, in exact arithmetic and quadratic time: the reference for the fast model. */
    static List<ChannelCredit> exactCounterfactual(List<Journey> journeys) {
        Map<List<String>, Ratio[]> paths = JourneyModels.aggregate(journeys);
        Map<String, Ratio[]> credits = new TreeMap<>();
        journeys.forEach(j -> j.channels().forEach(c -> credits.putIfAbsent(c, new Ratio[] {Ratio.ZERO, Ratio.ZERO})));
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
                Ratio[] s = credits.get(distinct.get(i));
                s[0] = s[0].plus(conversions.times(fraction));
                s[1] = s[1].plus(e.getValue()[2].times(fraction));
            }
        }
        List<ChannelCredit> out = new ArrayList<>();
        credits.forEach((c, s) -> out.add(new ChannelCredit(c, s[0], s[1])));
        return out;
    }

    private static Ratio rate(Map<List<String>, Ratio[]> paths, List<String> path) {
        Ratio[] sums = paths.get(path);
        if (sums == null) {
            return Ratio.ZERO;
        }
        Ratio all = sums[0].plus(sums[1]);
        return all.signum() == 0 ? Ratio.ZERO : sums[0].dividedBy(all);
    }
}
