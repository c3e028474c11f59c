package dev.referralkit.attribution;

import dev.referralkit.money.Ratio;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code counterfactual} journey model (leave-one-out, in the manner of Google's fractribution)
 * in time near-linear in the total length of the collapsed paths.
 *
 * <p>For a converting collapsed path P with observed conversion rate p(P) = conversions / (conversions
 * + nulls), each distinct channel c gets the marginal lift m<sub>c</sub> = max(0, p(P) − p(P∖c)), where
 * P∖c is P with every visit to c removed and repeats collapsed again, and p is 0 for a path never
 * observed. P's conversions and value are split in proportion to the lifts, equally when every lift is 0.
 *
 * <p>Finding P∖c: P∖c is a concatenation of at most (visits to c + 1) ranges of P (a range loses its
 * first channel when it repeats the last one kept). Its polynomial hash modulo 2<sup>61</sup> − 1 is
 * combined from prefix hashes of P in O(1) per range, so all of a path's leave-one-out variants cost
 * O(length · log length) (the log for grouping positions by channel). A hash hit is confirmed by
 * comparing the channels, so a collision can cost time but never change a result.
 *
 * <p>Exactness: rates and lifts are exact rationals; each path's split is rounded to
 * {@value #SHARE_DECIMALS} decimals of the path's conversions and value by the largest-remainder method
 * (ties to the channel that sorts first), so a path's credits sum exactly to its conversions and value,
 * and channel totals are exact sums of those: every credit is within 10<sup>−12</sup> × (the
 * conversions, resp. value, of the paths it comes from) of the exact rational split. Sums are exact, so
 * the order of the journeys changes nothing.
 */
final class Counterfactual {
    /** Decimals of each channel's share of a path. */
    static final int SHARE_DECIMALS = 12;
    private static final BigInteger SHARE_UNITS = BigInteger.TEN.pow(SHARE_DECIMALS);
    private static final long MOD = (1L << 61) - 1;
    private static final long BASE = 0x1F3D5B79A1L % MOD;

    private Counterfactual() {
    }

    static List<ChannelCredit> credit(List<Journey> journeys) {
        PathTable t = PathTable.of(journeys);
        int paths = t.paths.length;
        int longest = 1;
        for (int[] p : t.paths) {
            longest = Math.max(longest, p.length);
        }
        long[] power = new long[longest + 1];
        power[0] = 1;
        for (int i = 1; i <= longest; i++) {
            power[i] = mulMod(power[i - 1], BASE);
        }
        // every observed path by (hash, length)
        Map<Long, int[]> index = new HashMap<>(paths * 2);
        for (int p = 0; p < paths; p++) {
            int[] path = t.paths[p];
            long h = 0;
            for (int c : path) {
                h = addMod(mulMod(h, BASE), c + 1L);
            }
            index.merge(lookupKey(h, path.length), new int[] {p}, Counterfactual::concat);
        }
        // a channel credited by one path keeps (path, units); a second path makes it an exact sum
        int n = t.channels.length;
        int[] firstPath = new int[n];
        long[] firstUnits = new long[n];
        Arrays.fill(firstPath, -1);
        ExactSum[] conversions = new ExactSum[n];
        ExactSum[] values = new ExactSum[n];
        BigDecimal[] conv = new BigDecimal[paths];
        BigDecimal[] value = new BigDecimal[paths];
        for (int p = 0; p < paths; p++) {
            if (t.conversions[p].signum() == 0) {
                continue;
            }
            long[] units = split(t, p, power, index);
            int[] distinct = distinctSorted(t.paths[p]);
            conv[p] = ExactSum.decimalOrNull(t.conversions[p]);
            value[p] = ExactSum.decimalOrNull(t.values[p]);
            for (int i = 0; i < distinct.length; i++) {
                int c = distinct[i];
                if (firstPath[c] < 0 && conversions[c] == null) {
                    firstPath[c] = p;
                    firstUnits[c] = units[i];
                    continue;
                }
                if (conversions[c] == null) {
                    conversions[c] = new ExactSum();
                    values[c] = new ExactSum();
                    int q = firstPath[c];
                    conversions[c].addScaled(t.conversions[q], conv[q], firstUnits[c], SHARE_DECIMALS);
                    values[c].addScaled(t.values[q], value[q], firstUnits[c], SHARE_DECIMALS);
                    firstPath[c] = -1;
                }
                conversions[c].addScaled(t.conversions[p], conv[p], units[i], SHARE_DECIMALS);
                values[c].addScaled(t.values[p], value[p], units[i], SHARE_DECIMALS);
            }
        }
        List<ChannelCredit> out = new ArrayList<>(n);
        Map<Long, Ratio[]> single = new HashMap<>(); // (path, units) → shared credits: a long path's channels mostly share one
        for (int c = 0; c < n; c++) {
            if (conversions[c] != null) {
                out.add(new ChannelCredit(t.channels[c], conversions[c].value(), values[c].value()));
            } else if (firstPath[c] >= 0) {
                int q = firstPath[c];
                long u = firstUnits[c];
                Ratio[] credit = single.computeIfAbsent(((long) q << 42) ^ u, k -> {
                    Ratio share = Ratio.of(BigInteger.valueOf(u), SHARE_UNITS);
                    return new Ratio[] {t.conversions[q].times(share), t.values[q].times(share)};
                });
                out.add(new ChannelCredit(t.channels[c], credit[0], credit[1]));
            } else {
                out.add(new ChannelCredit(t.channels[c], Ratio.ZERO, Ratio.ZERO));
            }
        }
        return out;
    }

    /** The units (of 10^12) of path p's conversions and value going to each of its distinct channels, in channel order. */
    static long[] split(PathTable t, int p, long[] power, Map<Long, int[]> index) {
        int[] path = t.paths[p];
        int length = path.length;
        Ratio rate = rate(t, p);
        // positions grouped by channel: (channel << 32 | position), sorted
        long[] byChannel = new long[length];
        for (int i = 0; i < length; i++) {
            byChannel[i] = ((long) path[i] << 32) | i;
        }
        Arrays.sort(byChannel);
        long[] prefix = new long[length + 1];
        for (int i = 0; i < length; i++) {
            prefix[i + 1] = addMod(mulMod(prefix[i], BASE), path[i] + 1L);
        }
        List<Ratio> lifts = new ArrayList<>();
        int[] ranges = new int[2 * (length + 1)];
        for (int s = 0; s < length; ) {
            int channel = (int) (byChannel[s] >>> 32);
            int e = s;
            while (e < length && (int) (byChannel[e] >>> 32) == channel) {
                e++;
            }
            // the ranges of P between the visits to this channel, with the repeat rule at each junction
            int count = 0;
            int last = -1;
            long hash = 0;
            int kept = 0;
            int from = 0;
            for (int v = s; v <= e; v++) {
                int to = v < e ? (int) byChannel[v] : length;
                int a = from;
                if (a < to && last >= 0 && path[a] == last) {
                    a++;
                }
                if (a < to) {
                    hash = addMod(mulMod(hash, power[to - a]), rangeHash(prefix, power, a, to));
                    kept += to - a;
                    ranges[count++] = a;
                    ranges[count++] = to;
                    last = path[to - 1];
                }
                from = to + 1;
            }
            Ratio without = Ratio.ZERO;
            if (kept > 0) {
                int[] candidates = index.get(lookupKey(hash, kept));
                if (candidates != null) {
                    for (int q : candidates) {
                        if (sameAs(t.paths[q], path, ranges, count)) {
                            without = rate(t, q);
                            break;
                        }
                    }
                }
            }
            lifts.add(without.signum() == 0 ? rate : rate.compareTo(without) > 0 ? rate.minus(without) : Ratio.ZERO);
            s = e;
        }
        return largestRemainder(lifts);
    }

    /** Splits 10^12 units over lifts (equally when all are 0), largest remainder, ties to the first. */
    static long[] largestRemainder(List<Ratio> lifts) {
        int k = lifts.size();
        long[] units = new long[k];
        if (k == 1) {
            units[0] = SHARE_UNITS.longValueExact();
            return units;
        }
        boolean allZero = lifts.stream().allMatch(r -> r.signum() == 0);
        // distinct lifts share one computation (a long path has few distinct lifts)
        Map<Ratio, List<Integer>> groups = new TreeMap<>();
        for (int i = 0; i < k; i++) {
            groups.computeIfAbsent(allZero ? Ratio.ONE : lifts.get(i), r -> new ArrayList<>()).add(i);
        }
        BigInteger common = BigInteger.ONE;
        for (Ratio r : groups.keySet()) {
            common = common.divide(common.gcd(r.denominator())).multiply(r.denominator());
        }
        BigInteger total = BigInteger.ZERO;
        Map<Ratio, BigInteger> weight = new HashMap<>();
        for (Map.Entry<Ratio, List<Integer>> g : groups.entrySet()) {
            BigInteger w = g.getKey().numerator().multiply(common.divide(g.getKey().denominator()));
            weight.put(g.getKey(), w);
            total = total.add(w.multiply(BigInteger.valueOf(g.getValue().size())));
        }
        long given = 0;
        // remainders keyed by value, largest first; members in channel order
        TreeMap<BigInteger, List<Integer>> byRemainder = new TreeMap<>((x, y) -> y.compareTo(x));
        for (Map.Entry<Ratio, List<Integer>> g : groups.entrySet()) {
            BigInteger[] qr = SHARE_UNITS.multiply(weight.get(g.getKey())).divideAndRemainder(total);
            long floor = qr[0].longValueExact();
            for (int i : g.getValue()) {
                units[i] = floor;
            }
            given += floor * g.getValue().size();
            if (qr[1].signum() > 0) {
                byRemainder.computeIfAbsent(qr[1], r -> new ArrayList<>()).addAll(g.getValue());
            }
        }
        long left = SHARE_UNITS.longValueExact() - given;
        for (List<Integer> members : byRemainder.values()) {
            if (left == 0) {
                break;
            }
            members.sort(null);
            for (int i : members) {
                if (left == 0) {
                    break;
                }
                units[i]++;
                left--;
            }
        }
        return units;
    }

    private static Ratio rate(PathTable t, int p) {
        Ratio all = t.conversions[p].plus(t.nulls[p]);
        return all.signum() == 0 ? Ratio.ZERO : t.conversions[p].dividedBy(all);
    }

    private static boolean sameAs(int[] candidate, int[] path, int[] ranges, int count) {
        int i = 0;
        for (int r = 0; r < count; r += 2) {
            for (int j = ranges[r]; j < ranges[r + 1]; j++) {
                if (candidate[i++] != path[j]) {
                    return false;
                }
            }
        }
        return i == candidate.length;
    }

    static int[] distinctSorted(int[] path) {
        int[] sorted = path.clone();
        Arrays.sort(sorted);
        int n = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[n++] = sorted[i];
            }
        }
        return Arrays.copyOf(sorted, n);
    }

    private static long rangeHash(long[] prefix, long[] power, int from, int to) {
        return subMod(prefix[to], mulMod(prefix[from], power[to - from]));
    }

    private static Long lookupKey(long hash, int length) {
        return hash * 31 + length;
    }

    private static int[] concat(int[] x, int[] y) {
        int[] z = Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, z, x.length, y.length);
        return z;
    }

    private static long mulMod(long x, long y) {
        long hi = Math.multiplyHigh(x, y);
        long lo = x * y;
        // x, y < 2^61: the product is hi·2^64 + lo; reduce modulo 2^61 − 1
        long r = (lo & MOD) + ((lo >>> 61) | (hi << 3));
        r = (r & MOD) + (r >>> 61);
        return r >= MOD ? r - MOD : r;
    }

    private static long addMod(long x, long y) {
        long r = x + y;
        return r >= MOD ? r - MOD : r;
    }

    private static long subMod(long x, long y) {
        long r = x - y;
        return r < 0 ? r + MOD : r;
    }
}
