package dev.referralkit.attribution;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.money.Ratio;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A first-order Markov chain of journeys (Anderl et al. 2016), solved exactly in rational arithmetic:
 * the reference for {@link JourneyModels#MARKOV}, which solves the same chain in double precision at
 * scale and agrees with this one to within 10<sup>−11</sup> of each share. Exact solving costs a rational
 * Gauss–Jordan elimination per channel, so it is limited to {@value #MAX_CHANNELS} channels. States: start, each
 * channel, conversion and null (the last two absorbing). Each collapsed path adds its journey count
 * (conversions + nulls) to start → c1 → … → ck, then its conversions to ck → conversion and its nulls
 * to ck → null. Transition probabilities are the counts normalised per state.
 *
 * <p>The conversion probability is the absorption probability into conversion from start, found by
 * solving (I − Q)·x = b with exact rational Gaussian elimination — no simulation. The removal effect
 * of a channel is 1 − p(without it)/p, where removing a channel sends every visit to it to null.
 */
public final class MarkovChain {
    /** The most channels the exact solver accepts. */
    public static final int MAX_CHANNELS = 60;

    private final List<String> channels;
    private final Map<String, Map<String, Ratio>> counts;
    private final Ratio totalConversions;
    private final Ratio totalValue;

    private static final String START = "(start)";
    private static final String CONVERSION = "(conversion)";
    private static final String NULL = "(null)";

    private MarkovChain(List<String> channels, Map<String, Map<String, Ratio>> counts, Ratio totalConversions, Ratio totalValue) {
        this.channels = channels;
        this.counts = counts;
        this.totalConversions = totalConversions;
        this.totalValue = totalValue;
    }

    /**
     * @param journeys the journeys
     * @return the chain of their collapsed paths
     * @throws ReferralKitException {@code INVALID_EVENT} over {@value #MAX_CHANNELS} channels or another
     *                              limit of {@link JourneyModels}
     */
    public static MarkovChain of(List<Journey> journeys) {
        JourneyLimits.check(journeys);
        Map<String, Map<String, Ratio>> counts = new TreeMap<>();
        TreeSet<String> channels = new TreeSet<>();
        Ratio conversions = Ratio.ZERO;
        Ratio value = Ratio.ZERO;
        for (Map.Entry<List<String>, Ratio[]> e : JourneyModels.aggregate(journeys).entrySet()) {
            List<String> path = e.getKey();
            Ratio conv = e.getValue()[0];
            Ratio nulls = e.getValue()[1];
            Ratio all = conv.plus(nulls);
            conversions = conversions.plus(conv);
            value = value.plus(e.getValue()[2]);
            channels.addAll(path);
            String from = START;
            for (String c : path) {
                add(counts, from, c, all);
                from = c;
            }
            add(counts, from, CONVERSION, conv);
            add(counts, from, NULL, nulls);
        }
        if (channels.size() > MAX_CHANNELS) {
            throw ReferralKitException.of(RejectionCode.INVALID_EVENT, "journeys", Integer.toString(channels.size()),
                    "markov (exact): " + channels.size() + " channels exceed the exact solver's limit of " + MAX_CHANNELS
                            + "; JourneyModels.MARKOV solves large chains");
        }
        return new MarkovChain(new ArrayList<>(channels), counts, conversions, value);
    }

    private static void add(Map<String, Map<String, Ratio>> counts, String from, String to, Ratio n) {
        if (n.signum() == 0) {
            return;
        }
        counts.computeIfAbsent(from, f -> new TreeMap<>()).merge(to, n, Ratio::plus);
    }

    private Ratio probability(String from, String to) {
        Map<String, Ratio> out = counts.get(from);
        if (out == null) {
            return Ratio.ZERO;
        }
        Ratio total = out.values().stream().reduce(Ratio.ZERO, Ratio::plus);
        Ratio n = out.get(to);
        return n == null || total.signum() == 0 ? Ratio.ZERO : n.dividedBy(total);
    }

    /** @return the probability that a journey from start converts */
    public Ratio conversionProbability() {
        return conversionProbabilityWithout(null);
    }

    /**
     * @param removed a channel whose visits go to null, or null for the full chain
     * @return the conversion probability from start
     */
    public Ratio conversionProbabilityWithout(String removed) {
        List<String> states = new ArrayList<>(channels);
        if (removed != null) {
            states.remove(removed);
        }
        int n = states.size();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
            index.put(states.get(i), i);
        }
        // (I − Q) x = b, augmented matrix
        Ratio[][] m = new Ratio[n][n + 1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                Ratio q = probability(states.get(i), states.get(j));
                m[i][j] = (i == j ? Ratio.ONE : Ratio.ZERO).minus(q);
            }
            m[i][n] = probability(states.get(i), CONVERSION);
        }
        Ratio[] x = solve(m, n);
        Ratio p = probability(START, CONVERSION);
        for (String s : states) {
            p = p.plus(probability(START, s).times(x[index.get(s)]));
        }
        return p;
    }

    /** Gauss–Jordan elimination with exact ratios; I − Q is non-singular for a chain that absorbs. */
    private static Ratio[] solve(Ratio[][] m, int n) {
        for (int col = 0; col < n; col++) {
            int pivot = col;
            while (pivot < n && m[pivot][col].signum() == 0) {
                pivot++;
            }
            if (pivot == n) {
                continue; // a state never reached from anywhere: its x stays 0
            }
            Ratio[] tmp = m[pivot];
            m[pivot] = m[col];
            m[col] = tmp;
            Ratio p = m[col][col];
            for (int j = col; j <= n; j++) {
                m[col][j] = m[col][j].dividedBy(p);
            }
            for (int i = 0; i < n; i++) {
                if (i != col && m[i][col].signum() != 0) {
                    Ratio f = m[i][col];
                    for (int j = col; j <= n; j++) {
                        m[i][j] = m[i][j].minus(f.times(m[col][j]));
                    }
                }
            }
        }
        Ratio[] x = new Ratio[n];
        for (int i = 0; i < n; i++) {
            x[i] = m[i][i].signum() == 0 ? Ratio.ZERO : m[i][n];
        }
        return x;
    }

    /** @return each channel's removal effect 1 − p(without)/p, sorted by channel (0 when p is 0) */
    public Map<String, Ratio> removalEffects() {
        Ratio p = conversionProbability();
        Map<String, Ratio> effects = new TreeMap<>();
        for (String c : channels) {
            effects.put(c, p.signum() == 0 ? Ratio.ZERO : Ratio.ONE.minus(conversionProbabilityWithout(c).dividedBy(p)));
        }
        return effects;
    }

    /** @return removal effects normalised to total conversions and total value */
    public List<ChannelCredit> credit() {
        Map<String, Ratio> effects = removalEffects();
        Ratio sum = effects.values().stream().reduce(Ratio.ZERO, Ratio::plus);
        List<ChannelCredit> out = new ArrayList<>();
        effects.forEach((c, e) -> {
            Ratio share = sum.signum() == 0 ? Ratio.ZERO : e.dividedBy(sum);
            out.add(new ChannelCredit(c, totalConversions.times(share), totalValue.times(share)));
        });
        return out;
    }
}
