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
import dev.referralkit.money.Currencies;
import dev.referralkit.money.Ratio;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code attribution JOURNEYS.csv --model M [--currency CODE] [--json]}: journey analytics (SPEC.md §4.4).
 *
 * <p>The table shows conversions with {@value #CONVERSION_DECIMALS} decimals and values at the
 * currency's scale ({@code --currency}; {@value #VALUE_DECIMALS} decimals without one), both rounded
 * half-even for display only, and a closing {@code (total)} row (the exact total, rounded once, so the
 * rows may differ from it in the last digit). {@code --json} keeps full precision: decimals as strings,
 * up to 10 fractional digits (FORMATS.md §4), plus {@code "totals"} and, when given, {@code "currency"}.
 */
@Command(name = "attribution", mixinStandardHelpOptions = true,
        description = "Credit per channel over many journeys: first_touch, last_touch, linear, position_based, shapley, markov, counterfactual.")
final class AttributionCommand implements Callable<Integer> {
    /** Decimals of the conversions column. */
    static final int CONVERSION_DECIMALS = 2;
    /** Decimals of the value column without {@code --currency}. */
    static final int VALUE_DECIMALS = 2;

    @Parameters(paramLabel = "JOURNEYS.csv", description = "header path,conversions,value,nulls; channels separated by >")
    Path journeys;

    @Option(names = "--model", required = true, paramLabel = "M", description = "the model")
    String model;

    @Option(names = "--currency", paramLabel = "CODE",
            description = "the ISO-4217 currency of the values: labels them and shows them at its scale (USD 2 decimals, JPY 0, KWD 3)")
    String currency;

    @Option(names = "--json", description = "print {\"model\": ..., \"channels\": [...], \"totals\": {...}} with full precision")
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
        Currency unit = null;
        if (currency != null) {
            try {
                unit = Currencies.of("--currency", currency);
            } catch (ReferralKitException e) {
                throw new InputException("--currency", e.getMessage());
            }
        }
        List<Journey> list;
        List<ChannelCredit> credits;
        try {
            list = JourneyCsv.read(new StringReader(Files2.read(journeys)));
            credits = m.credit(list); // a refusal here is a size limit: one line, like a bad line
        } catch (ReferralKitException e) {
            throw new InputException(journeys.toString(), e.getMessage());
        }
        Ratio totalConversions = credits.stream().map(ChannelCredit::conversions).reduce(Ratio.ZERO, Ratio::plus);
        Ratio totalValue = credits.stream().map(ChannelCredit::value).reduce(Ratio.ZERO, Ratio::plus);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = ReferralKitJson.mapper().createObjectNode();
            root.put("model", m.name());
            if (unit != null) {
                root.put("currency", unit.getCurrencyCode());
            }
            ArrayNode channels = root.putArray("channels");
            for (ChannelCredit c : credits) {
                channels.addObject().put("channel", c.channel()).put("conversions", ChannelCredit.format(c.conversions()))
                        .put("value", ChannelCredit.format(c.value()));
            }
            root.putObject("totals").put("conversions", ChannelCredit.format(totalConversions))
                    .put("value", ChannelCredit.format(totalValue));
            out.println(ReferralKitJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root));
            return 0;
        }
        int valueDecimals = unit == null ? VALUE_DECIMALS : unit.getDefaultFractionDigits();
        out.println("Model: " + m.name() + " over " + list.size() + " paths" + (unit == null ? "" : ", values in " + unit.getCurrencyCode()));
        Table t = new Table("channel", "conversions", unit == null ? "value" : "value " + unit.getCurrencyCode()).rightAligned(1, 2);
        credits.forEach(c -> t.add(c.channel(), fixed(c.conversions(), CONVERSION_DECIMALS), fixed(c.value(), valueDecimals)));
        t.add("(total)", fixed(totalConversions, CONVERSION_DECIMALS), fixed(totalValue, valueDecimals));
        t.print(out);
        return 0;
    }

    /** A ratio with exactly {@code decimals} decimals, half-even: for display only. */
    static String fixed(Ratio r, int decimals) {
        return new BigDecimal(r.numerator()).divide(new BigDecimal(r.denominator()), decimals, RoundingMode.HALF_EVEN).toPlainString();
    }
}
