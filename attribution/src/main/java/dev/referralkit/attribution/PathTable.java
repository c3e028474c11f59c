package dev.referralkit.attribution;

import dev.referralkit.money.Ratio;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Journeys interned and summed by collapsed path: the shared input of the scalable journey models.
 * Channels get ids in name order ({@link String#compareTo}); distinct collapsed paths are sorted
 * lexicographically by those ids, which is the order of {@link JourneyModels#comparePaths}. Nothing
 * here depends on the order of the journeys: sums are exact and every order is a sort order.
 */
final class PathTable {
    /** Channel names by id, sorted. */
    final String[] channels;
    /** Distinct collapsed paths, sorted. */
    final int[][] paths;
    /** Per path: conversions, journeys that did not convert, value (exact sums). */
    final Ratio[] conversions;
    final Ratio[] nulls;
    final Ratio[] values;
    /** Totals over every journey. */
    final Ratio totalConversions;
    final Ratio totalValue;

    private PathTable(String[] channels, int[][] paths, Ratio[] conversions, Ratio[] nulls, Ratio[] values,
            Ratio totalConversions, Ratio totalValue) {
        this.channels = channels;
        this.paths = paths;
        this.conversions = conversions;
        this.nulls = nulls;
        this.values = values;
        this.totalConversions = totalConversions;
        this.totalValue = totalValue;
    }

    static PathTable of(List<Journey> journeys) {
        JourneyLimits.check(journeys, false);
        // 1. provisional channel ids in first-seen order; paths collapsed and summed under them
        Map<String, Integer> seen = new HashMap<>();
        List<String> firstSeen = new ArrayList<>();
        Map<Key, Sums> byPath = new HashMap<>();
        ExactSum conversions = new ExactSum();
        ExactSum value = new ExactSum();
        int[] scratch = new int[16];
        for (Journey j : journeys) {
            List<String> channels = j.channels();
            if (scratch.length < channels.size()) {
                scratch = new int[channels.size()];
            }
            int n = 0;
            String previous = null;
            for (String c : channels) {
                if (c.equals(previous)) {
                    continue;
                }
                previous = c;
                Integer x = seen.putIfAbsent(c, firstSeen.size());
                if (x == null) {
                    x = firstSeen.size();
                    firstSeen.add(c);
                    if (x == JourneyModels.MAX_CHANNELS) {
                        throw JourneyLimits.tooManyChannels();
                    }
                }
                scratch[n++] = x;
            }
            Key key = new Key(Arrays.copyOf(scratch, n));
            Sums sums = byPath.get(key);
            if (sums == null) {
                sums = new Sums();
                byPath.put(key, sums);
            }
            BigDecimal v = j.value().signum() == 0 || j.value().denominator().equals(BigInteger.ONE) ? null : ExactSum.decimalOrNull(j.value());
            sums.conversions.add(j.conversions());
            sums.nulls.add(j.nulls());
            sums.value.add(j.value(), v);
            conversions.add(j.conversions());
            value.add(j.value(), v);
        }
        // 2. ids renumbered in name order, paths sorted
        String[] names = firstSeen.toArray(new String[0]);
        Integer[] byName = new Integer[names.length];
        for (int i = 0; i < names.length; i++) {
            byName[i] = i;
        }
        Arrays.sort(byName, (x, y) -> names[x].compareTo(names[y]));
        int[] renumber = new int[names.length];
        String[] sorted = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            renumber[byName[i]] = i;
            sorted[i] = names[byName[i]];
        }
        int[][] paths = new int[byPath.size()][];
        Sums[] sums = new Sums[paths.length];
        int p = 0;
        for (Map.Entry<Key, Sums> e : byPath.entrySet()) {
            int[] path = e.getKey().path;
            for (int i = 0; i < path.length; i++) {
                path[i] = renumber[path[i]];
            }
            paths[p] = path;
            sums[p++] = e.getValue();
        }
        // sorted by the first three channels packed in a long (ids < 2^21), then by the whole path
        long[] prefix = new long[paths.length];
        Integer[] order = new Integer[paths.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
            int[] path = paths[i];
            for (int c = 0; c < 3; c++) {
                prefix[i] = prefix[i] << 21 | (c < path.length ? path[c] + 1 : 0);
            }
        }
        Arrays.sort(order, (x, y) -> {
            int c = Long.compare(prefix[x], prefix[y]);
            return c != 0 ? c : compare(paths[x], paths[y]);
        });
        int[][] sortedPaths = new int[paths.length][];
        Ratio[] conv = new Ratio[paths.length];
        Ratio[] nul = new Ratio[paths.length];
        Ratio[] val = new Ratio[paths.length];
        for (int i = 0; i < order.length; i++) {
            sortedPaths[i] = paths[order[i]];
            Sums s = sums[order[i]];
            conv[i] = s.conversions.value();
            nul[i] = s.nulls.value();
            val[i] = s.value.value();
        }
        return new PathTable(sorted, sortedPaths, conv, nul, val, conversions.value(), value.value());
    }

    /** Lexicographic, a prefix first: the order of {@link JourneyModels#comparePaths} on ids in name order. */
    static int compare(int[] a, int[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            if (a[i] != b[i]) {
                return a[i] < b[i] ? -1 : 1;
            }
        }
        return Integer.compare(a.length, b.length);
    }

    private static final class Sums {
        final ExactSum conversions = new ExactSum();
        final ExactSum nulls = new ExactSum();
        final ExactSum value = new ExactSum();
    }

    /** An int array compared by content. */
    static final class Key {
        final int[] path;
        private final int hash;

        Key(int[] path) {
            this.path = path;
            long h = path.length;
            for (int c : path) {
                h = (h + c) * 0x9E3779B97F4A7C15L; // Arrays.hashCode collides on short paths of small ids
                h ^= h >>> 29;
            }
            this.hash = (int) (h ^ (h >>> 32));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && Arrays.equals(k.path, path);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
