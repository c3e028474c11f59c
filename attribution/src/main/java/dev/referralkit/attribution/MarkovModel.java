package dev.referralkit.attribution;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.money.Ratio;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * The {@code markov} journey model at scale: the first-order chain of Anderl et al. (2016) over
 * collapsed paths, as {@link MarkovChain} defines it, solved in double precision by
 * {@link AbsorbingChain}; each channel's removal effect becomes its share of the total, rounded to
 * {@value #SHARE_DECIMALS} decimals by the largest-remainder method so that the shares sum to exactly 1,
 * and conversions and value are credited as total × share in exact arithmetic.
 *
 * <p>What is exact: the totals, the transition counts (sums of the journeys' counts), and credit = total
 * × share. What is approximate: the removal effects (double precision, subtraction-free, so accurate to
 * about 13 significant digits on chains with meaningful absorption) and hence the shares, which are
 * rounded to 12 decimals; each share is within 10<sup>−11</sup> of the exact rational share (checked
 * against {@link MarkovChain} by {@code MarkovProperties}). The result is a function of the set of
 * journeys: identical on every JVM and for any order of the journeys.
 *
 * <p>A chain of at most {@value #EXACT_CHANNELS} channels is solved exactly instead, by {@link MarkovChain}
 * (SPEC.md §4.4: the exact absorbing-chain solution, shares as exact ratios); only larger chains, which the
 * rational solve cannot handle in reasonable time, take the double-precision path.
 */
final class MarkovModel {
    /** The most channels whose chain is solved in exact rationals (cheap up to here; see the class comment). */
    static final int EXACT_CHANNELS = 24;
    /** Decimals of each channel's share. */
    static final int SHARE_DECIMALS = 12;
    private static final long SHARE_UNITS = 1_000_000_000_000L;

    private MarkovModel() {
    }

    /**
     * Parts the dense core's rows are split into: the common pool's parallelism (one less than the
     * processors unless {@code java.util.concurrent.ForkJoinPool.common.parallelism} says otherwise), so
     * a 2-processor machine stays on the calling thread. The result is the same for any number.
     */
    static final int THREADS = Math.max(1, Math.min(16, ForkJoinPool.getCommonPoolParallelism()));

    static List<ChannelCredit> credit(List<Journey> journeys) {
        PathTable table = PathTable.of(journeys);
        if (table.channels.length <= EXACT_CHANNELS) {
            return MarkovChain.of(journeys).credit();
        }
        return credit(table, AbsorbingChain.DENSE_SWITCH);
    }

    static List<ChannelCredit> credit(PathTable table, int denseSwitch) {
        long[] units = shareUnits(removalEffects(table, denseSwitch, THREADS));
        List<ChannelCredit> out = new ArrayList<>(table.channels.length);
        BigInteger scale = BigInteger.valueOf(SHARE_UNITS);
        for (int c = 0; c < units.length; c++) {
            Ratio share = units[c] == 0 ? Ratio.ZERO : Ratio.of(BigInteger.valueOf(units[c]), scale);
            out.add(new ChannelCredit(table.channels[c], table.totalConversions.times(share), table.totalValue.times(share)));
        }
        return out;
    }

    /** The removal effect of each channel (0 for a channel never visited, all 0 when nothing converts). */
    static double[] removalEffects(PathTable table, int denseSwitch) {
        return removalEffects(table, denseSwitch, THREADS);
    }

    static double[] removalEffects(PathTable table, int denseSwitch, int threads) {
        return chain(table, denseSwitch, threads).removalEffects();
    }

    static AbsorbingChain chain(PathTable table, int denseSwitch) {
        return chain(table, denseSwitch, THREADS);
    }

    static AbsorbingChain chain(PathTable table, int denseSwitch, int threads) {
        int n = table.channels.length;
        // transition weights summed in the sorted order of the paths (fixed, whatever the input order)
        LongDoubleMap edges = new LongDoubleMap();
        double[] start = new double[n];
        double[] conv = new double[n];
        double[] nul = new double[n];
        for (int p = 0; p < table.paths.length; p++) {
            double c = toDouble(table.conversions[p]);
            double z = toDouble(table.nulls[p]);
            if (c == 0 && z == 0) {
                continue;
            }
            double w = toDouble(table.conversions[p].plus(table.nulls[p]));
            int[] path = table.paths[p];
            start[path[0]] += w;
            for (int i = 0; i + 1 < path.length; i++) {
                edges.add((long) path[i] * n + path[i + 1], w);
            }
            conv[path[path.length - 1]] += c;
            nul[path[path.length - 1]] += z;
        }
        long[] keys = edges.keys();
        Arrays.sort(keys);
        int[] rowStart = new int[n + 1];
        int[] col = new int[keys.length];
        double[] weight = new double[keys.length];
        for (int e = 0; e < keys.length; e++) {
            rowStart[(int) (keys[e] / n) + 1]++;
            col[e] = (int) (keys[e] % n);
            weight[e] = edges.get(keys[e]);
        }
        for (int i = 0; i < n; i++) {
            rowStart[i + 1] += rowStart[i];
        }
        boolean[] active = new boolean[n];
        double[] a = new double[n];
        double[] b = new double[n];
        double[] q = new double[keys.length];
        for (int i = 0; i < n; i++) {
            double total = 0;
            for (int e = rowStart[i]; e < rowStart[i + 1]; e++) {
                total += weight[e];
            }
            double absorbed = conv[i] + nul[i];
            total += absorbed;
            if (total == 0) {
                continue; // only in journeys with no counts: never visited
            }
            active[i] = true;
            for (int e = rowStart[i]; e < rowStart[i + 1]; e++) {
                q[e] = weight[e] / total;
            }
            a[i] = absorbed / total;
            b[i] = conv[i] / total;
        }
        double journeys = 0;
        for (int i = 0; i < n; i++) {
            journeys += start[i];
        }
        double[] alpha = new double[n];
        if (journeys > 0) {
            for (int i = 0; i < n; i++) {
                alpha[i] = start[i] / journeys;
            }
        }
        try {
            return AbsorbingChain.solve(n, rowStart, col, q, a, b, alpha, active, denseSwitch, JourneyModels.MAX_MARKOV_CORE, threads);
        } catch (AbsorbingChain.CoreTooLarge e) {
            throw ReferralKitException.of(RejectionCode.INVALID_EVENT, "journeys", Integer.toString(e.core),
                    "markov: the " + JourneyLimits.group(n) + " channels are too densely connected: after the sparsely "
                            + "connected ones, " + JourneyLimits.group(e.core) + " remain to be solved together, over the limit of "
                            + JourneyLimits.group(JourneyModels.MAX_MARKOV_CORE) + "; use fewer channels or another model");
        }
    }

    /**
     * Shares of {@value #SHARE_UNITS} units by the largest-remainder method: each channel first gets
     * floor(units × e<sub>c</sub>/Σe), the units left over go one each to the largest remainders (ties to
     * the channel that sorts first). A zero effect gets zero.
     */
    static long[] shareUnits(double[] effects) {
        int n = effects.length;
        long[] units = new long[n];
        double sum = 0;
        for (double e : effects) {
            sum += e;
        }
        if (!(sum > 0)) {
            return units;
        }
        double[] remainder = new double[n];
        long given = 0;
        for (int c = 0; c < n; c++) {
            if (effects[c] > 0) {
                double exact = effects[c] / sum * SHARE_UNITS;
                long floor = (long) Math.floor(exact);
                units[c] = floor;
                remainder[c] = exact - floor;
                given += floor;
            }
        }
        long left = SHARE_UNITS - given;
        if (left != 0) {
            Integer[] order = new Integer[n];
            for (int c = 0; c < n; c++) {
                order[c] = c;
            }
            Arrays.sort(order, (x, y) -> {
                int r = Double.compare(remainder[y], remainder[x]);
                return r != 0 ? r : Integer.compare(x, y);
            });
            if (left > 0) {
                for (int i = 0; i < left && i < n; i++) {
                    units[order[i]]++;
                }
            } else {
                for (int i = n - 1; i >= 0 && left < 0; i--) {
                    if (units[order[i]] > 0) {
                        units[order[i]]--;
                        left++;
                    }
                }
            }
        }
        return units;
    }

    /** The double nearest to a ratio (one correctly rounded division when both parts fit in 53 bits). */
    static double toDouble(Ratio r) {
        BigInteger num = r.numerator();
        BigInteger den = r.denominator();
        if (num.bitLength() <= 53 && den.bitLength() <= 53) {
            return (double) num.longValue() / (double) den.longValue();
        }
        return new BigDecimal(num).divide(new BigDecimal(den), MathContext.DECIMAL128).doubleValue();
    }

    /** Sums of doubles by long key, added in call order. */
    static final class LongDoubleMap {
        private long[] keys = new long[1024];
        private double[] values = new double[1024];
        private boolean[] used = new boolean[1024];
        private int size;

        void add(long key, double value) {
            int mask = keys.length - 1;
            int i = mix(key) & mask;
            while (used[i]) {
                if (keys[i] == key) {
                    values[i] += value;
                    return;
                }
                i = (i + 1) & mask;
            }
            used[i] = true;
            keys[i] = key;
            values[i] = value;
            if (++size * 2 > keys.length) {
                grow();
            }
        }

        double get(long key) {
            int mask = keys.length - 1;
            int i = mix(key) & mask;
            while (used[i]) {
                if (keys[i] == key) {
                    return values[i];
                }
                i = (i + 1) & mask;
            }
            return 0;
        }

        long[] keys() {
            long[] out = new long[size];
            int n = 0;
            for (int i = 0; i < keys.length; i++) {
                if (used[i]) {
                    out[n++] = keys[i];
                }
            }
            return out;
        }

        private static int mix(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32));
        }

        private void grow() {
            long[] oldKeys = keys;
            double[] oldValues = values;
            boolean[] oldUsed = used;
            keys = new long[oldKeys.length * 2];
            values = new double[keys.length];
            used = new boolean[keys.length];
            size = 0;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldUsed[i]) {
                    add(oldKeys[i], oldValues[i]);
                }
            }
        }
    }
}
