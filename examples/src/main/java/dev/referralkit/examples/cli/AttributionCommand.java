package dev.referralkit.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.referralkit.ReferralKitException;
import dev.referralkit.attribution.ChannelCredit;
import dev.referralkit.attribution.Journey;
import dev.referralkit.attribution.JourneyCsv;
import dev.referralkit.attribution.JourneyModel;
import dev.referralkit.attribution.JourneyModels;
import dev.referralkit.json.ReferralKitJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code attribution JOURNEYS.csv --model M [--json]}: journey analytics (SPEC.md §4.4). */
@Command(name = "attribution", mixinStandardHelpOptions = true,
        description = "Credit per channel over many journeys: first_touch, last_touch, linear, position_based, shapley, markov, counterfactual.")
final class AttributionCommand implements Callable<Integer> {
    @Parameters(paramLabel = "JOURNEYS.csv", description = "header path,conversions,value,nulls; channels separated by >")
    Path journeys;

    @Option(names = "--model", required = true, paramLabel = "M", description = "the model")
    String model;

    @Option(names = "--json", description = "print {\"model\": ..., \"channels\": [...]}")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        JourneyModel m;
        try {
            m = JourneyModels.named(model);
        } catch (ReferralKitException e) {
            throw new InputException("--model", e.getMessage());
        }
        List<Journey> list;
        try {
            list = JourneyCsv.read(new StringReader(Files2.read(journeys)));
        } catch (ReferralKitException e) {
            throw new InputException(journeys.toString(), e.getMessage());
        }
        List<ChannelCredit> credits = m.credit(list);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = ReferralKitJson.mapper().createObjectNode();
            root.put("model", m.name());
            ArrayNode channels = root.putArray("channels");
            for (ChannelCredit c : credits) {
                channels.addObject().put("channel", c.channel()).put("conversions", ChannelCredit.format(c.conversions()))
                        .put("value", ChannelCredit.format(c.value()));
            }
            out.println(ReferralKitJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root));
            return 0;
        }
        out.println("Model: " + m.name() + " over " + list.size() + " paths");
        Table t = new Table("channel", "conversions", "value").rightAligned(1, 2);
        credits.forEach(c -> t.add(c.channel(), ChannelCredit.format(c.conversions()), ChannelCredit.format(c.value())));
        t.print(out);
        return 0;
    }
}
