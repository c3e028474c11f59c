package dev.referralkit.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import dev.referralkit.attribution.ChannelCredit;
import dev.referralkit.attribution.Journey;
import dev.referralkit.attribution.JourneyModel;
import dev.referralkit.attribution.JourneyModels;
import dev.referralkit.money.Ratio;
import java.lang.management.ManagementFactory;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Journey analytics at scale, side by side: generates journeys and times {@code markov} and
 * {@code counterfactual} (and {@code linear} as the baseline: one pass over the touches with exact
 * ratios, the least any model does), each run once after one warm-up run on a tenth of the data. It
 * prints wall time and the process's CPU time (all threads: {@code markov} splits its dense core's rows
 * between the common pool's threads; garbage collection counts too). On a shared machine the CPU time is
 * the steadier number.
 *
 * <pre>
 * java -Xmx4g -cp benchmarks/target/benchmarks.jar dev.referralkit.benchmarks.JourneyScale [channels] [paths] [models]
 * java -Xmx4g -cp benchmarks/target/benchmarks.jar dev.referralkit.benchmarks.JourneyScale 10000 1000000
 * java -Xmx4g -cp benchmarks/target/benchmarks.jar dev.referralkit.benchmarks.JourneyScale longpath 1000000
 * # the same journeys as CSV, for the command line
 * java -cp benchmarks/target/benchmarks.jar dev.referralkit.benchmarks.JourneyScale 10000 1000000 --csv /tmp/journeys.csv
 * java -jar examples/target/referralkit.jar attribution /tmp/journeys.csv --model markov --currency USD
 * </pre>
 *
 * <p>Journeys (seed 20261121): channels drawn from a Zipf distribution (s = 1.1) over {@code channels},
 * path length 1 + geometric (continue with probability 0.6: mean 2.5 touches, repeats and returns
 * included), 0–3 conversions with a conversion probability that grows with the path's length, values
 * in cents, 0–5 non-converting journeys. {@code longpath N}: one converting path of N distinct channels
 * and three observed leave-one-out variants of it (without its first, middle and last channel).
 */
public final class JourneyScale {
    private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private JourneyScale() {
    }

    /**
     * @param args channels (or {@code longpath}), paths, then models (comma-separated, default
     *             linear,markov,counterfactual) or {@code --csv FILE} to write the journeys instead
     * @throws IOException if the CSV cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length == 4 && args[2].equals("--csv")) {
            writeCsv(args[0].equals("longpath") ? longPath(Integer.parseInt(args[1]))
                    : generate(Integer.parseInt(args[0]), Integer.parseInt(args[1]), 20261121L), Path.of(args[3]));
            return;
        }
        boolean longPath = args.length > 0 && args[0].equals("longpath");
        int channels = longPath ? 0 : args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int paths = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        String[] models = (args.length > 2 ? args[2] : "linear,markov,counterfactual").split(",");
        List<Journey> warm = longPath ? longPath(paths / 10) : generate(channels, paths / 10, 1L);
        long t0 = System.nanoTime();
        List<Journey> journeys = longPath ? longPath(paths) : generate(channels, paths, 20261121L);
        long touches = journeys.stream().mapToLong(j -> j.channels().size()).sum();
        System.out.printf(Locale.ROOT, "%s: %,d journeys, %,d touches, generated in %.1f s%n",
                longPath ? "one long path and three leave-one-out variants" : "Zipf(1.1) over " + channels + " channels",
                journeys.size(), touches, seconds(t0));
        for (String name : models) {
            JourneyModel model = JourneyModels.named(name);
            model.credit(warm);
            long start = System.nanoTime();
            long cpu = OS.getProcessCpuTime();
            List<ChannelCredit> credits = model.credit(journeys);
            double s = seconds(start);
            double cpuSeconds = (OS.getProcessCpuTime() - cpu) / 1e9;
            Ratio total = credits.stream().map(ChannelCredit::conversions).reduce(Ratio.ZERO, Ratio::plus);
            ChannelCredit top = credits.stream().max((x, y) -> x.conversions().compareTo(y.conversions())).orElseThrow();
            System.out.printf(Locale.ROOT, "%-15s %8.2f s wall %8.2f s cpu   %,d channels credited, total %s conversions, top %s%n",
                    name, s, cpuSeconds, credits.size(), ChannelCredit.format(total), top);
        }
    }

    static List<Journey> generate(int channels, int paths, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] cdf = new double[channels];
        double sum = 0;
        for (int i = 0; i < channels; i++) {
            sum += 1.0 / Math.pow(i + 1, 1.1);
            cdf[i] = sum;
        }
        String[] names = new String[channels];
        for (int i = 0; i < channels; i++) {
            names[i] = "ch" + i;
        }
        List<Journey> journeys = new ArrayList<>(paths);
        for (int p = 0; p < paths; p++) {
            List<String> path = new ArrayList<>();
            do {
                int c = Arrays.binarySearch(cdf, r.nextDouble() * sum);
                path.add(names[Math.min(channels - 1, c < 0 ? -c - 1 : c)]);
            } while (r.nextDouble() < 0.6);
            double convert = Math.min(0.9, 0.15 * path.size());
            long conversions = r.nextDouble() < convert ? 1 + r.nextInt(3) : 0;
            long cents = conversions == 0 ? 0 : conversions * (500 + r.nextInt(20_000));
            journeys.add(Journey.of(path, Ratio.of(conversions, 1), Ratio.of(cents, 100), Ratio.of(r.nextInt(6), 1)));
        }
        return journeys;
    }

    static List<Journey> longPath(int length) {
        List<String> path = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            path.add("c" + i);
        }
        List<Journey> journeys = new ArrayList<>();
        journeys.add(Journey.of(path, Ratio.of(3, 1), Ratio.of(29_997, 100), Ratio.of(1, 1)));
        for (int k : new int[] {0, length / 2, length - 1}) {
            List<String> without = new ArrayList<>(path);
            without.remove(k);
            journeys.add(Journey.of(without, Ratio.ONE, Ratio.of(1999, 100), Ratio.of(1 + k % 3, 1)));
        }
        return journeys;
    }

    /** Writes journeys as the command line's CSV (FORMATS.md §4), one line per journey. */
    static void writeCsv(List<Journey> journeys, Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("path,conversions,value,nulls\n");
            for (Journey j : journeys) {
                out.write(String.join(">", j.channels()));
                out.write(',');
                out.write(j.conversions().toDecimalString());
                out.write(',');
                out.write(j.value().signum() == 0 ? "" : j.value().toDecimalString());
                out.write(',');
                out.write(j.nulls().toDecimalString());
                out.write('\n');
            }
        }
        System.out.printf(Locale.ROOT, "wrote %,d journeys to %s%n", journeys.size(), file);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
