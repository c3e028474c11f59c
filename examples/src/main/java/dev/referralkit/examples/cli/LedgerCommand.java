package dev.referralkit.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.referralkit.jdbc.StoreException;
import dev.referralkit.jdbc.StoredLedger;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.ledger.Entry;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ledger --store URL [--partner ID] [--format jsonl|csv]}: the entries a durable store holds, in the
 * order they were made. {@code jsonl}: one FORMATS.md §3 entry object a line. {@code csv}: a header with the
 * same keys, then one RFC 4180 line per entry (CRLF), the values as in the JSON ({@code customer} empty when
 * absent); a text cell that starts with {@code = + - @} gets a leading apostrophe so that a spreadsheet does
 * not read it as a formula (amounts are not text and are written as they are). Reading never writes nor
 * migrates: a database without a store, or with a newer one, is one line and exit 2.
 */
@Command(name = "ledger", mixinStandardHelpOptions = true,
        description = "Print the entries a durable store (run --store) holds, in the order they were made.")
final class LedgerCommand implements Callable<Integer> {
    private static final List<String> COLUMNS =
            List.of("id", "kind", "partner", "customer", "event", "amount", "currency", "availableAt", "explanation");
    private static final List<String> TEXT = List.of("id", "partner", "customer", "event", "explanation");

    @Mixin
    StoreOptions store = new StoreOptions();

    @Option(names = "--partner", paramLabel = "ID", description = "only this partner's entries")
    String partner;

    @Option(names = "--format", paramLabel = "F", defaultValue = "jsonl", description = "jsonl or csv (default: ${DEFAULT-VALUE})")
    String format;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!store.given()) {
            throw new InputException("ledger", "--store URL is required");
        }
        String f = format.toLowerCase(Locale.ROOT);
        if (!f.equals("jsonl") && !f.equals("csv")) {
            throw new InputException("--format", "\"" + format + "\" is neither jsonl nor csv");
        }
        PrintWriter out = spec.commandLine().getOut();
        Consumer<Entry> print;
        if (f.equals("jsonl")) {
            print = e -> out.println(ReferralKitJson.write(e));
        } else {
            out.print(csv(COLUMNS));
            print = e -> {
                JsonNode node = ReferralKitJson.mapper().valueToTree(e);
                out.print(csv(COLUMNS.stream().map(c -> {
                    JsonNode v = node.get(c);
                    String text = v == null || v.isNull() ? "" : v.asText();
                    return TEXT.contains(c) && startsLikeFormula(text) ? "'" + text : text;
                }).toList()));
            };
        }
        try (StoredLedger ledger = StoredLedger.open(store.dataSource())) {
            ledger.forEachEntry(partner, print);
        } catch (StoreException e) {
            throw store.failure(e);
        }
        return 0;
    }

    private static boolean startsLikeFormula(String text) {
        return !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0;
    }

    /** One RFC 4180 record: a field with a comma, a quote, CR or LF is quoted, its quotes doubled; CRLF at the end. */
    static String csv(List<String> fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            String v = fields.get(i);
            if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0) {
                line.append('"').append(v.replace("\"", "\"\"")).append('"');
            } else {
                line.append(v);
            }
        }
        return line.append("\r\n").toString();
    }
}
