package dev.referralkit.examples.journeys;

import dev.referralkit.attribution.ChannelCredit;
import dev.referralkit.attribution.Journey;
import dev.referralkit.attribution.JourneyCsv;
import dev.referralkit.attribution.JourneyModels;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A journey-analytics report: every model side by side, conversions credited per channel, so a
 * program owner sees which partners and channels the rule models over- or under-credit compared with
 * Shapley, Markov and the counterfactual.
 */
public final class JourneyReportExample {
    private JourneyReportExample() {
    }

    /**
     * @param journeys the journeys
     * @return channel → model → credited conversions (10 decimals), channels and models in order
     */
    public static Map<String, Map<String, String>> compare(List<Journey> journeys) {
        Map<String, Map<String, String>> table = new TreeMap<>();
        for (String model : JourneyModels.names()) {
            for (ChannelCredit c : JourneyModels.named(model).credit(journeys)) {
                table.computeIfAbsent(c.channel(), k -> new LinkedHashMap<>()).put(model, ChannelCredit.format(c.conversions()));
            }
        }
        return table;
    }

    /**
     * @param table the comparison
     * @return it as aligned text
     */
    public static String format(Map<String, Map<String, String>> table) {
        List<String> models = JourneyModels.names();
        StringBuilder out = new StringBuilder(String.format("%-16s", "channel"));
        models.forEach(m -> out.append(String.format("%16s", m)));
        out.append('\n');
        table.forEach((channel, byModel) -> {
            out.append(String.format("%-16s", channel));
            List<String> cells = new ArrayList<>();
            models.forEach(m -> cells.add(byModel.getOrDefault(m, "0.0")));
            cells.forEach(c -> out.append(String.format("%16s", c.length() > 14 ? c.substring(0, 14) : c)));
            out.append('\n');
        });
        return out.toString();
    }

    /**
     * @param args a journeys CSV (default: examples/scenarios/journeys.csv)
     * @throws IOException if the file cannot be read
     */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "examples/scenarios/journeys.csv");
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            System.out.print(format(compare(JourneyCsv.read(reader))));
        }
    }
}
