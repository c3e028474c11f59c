package dev.referralkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code referralkit attribution}: fixed decimals per column, totals, currencies, full precision in JSON, limits. */
class AttributionCommandTest {
    @TempDir
    Path dir;

    static CliTest.Run cli(String... args) {
        return CliTest.cli(args);
    }

    Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    /** The rows of the table after its header and rule. */
    static List<String[]> rows(String out) {
        List<String> lines = out.lines().toList();
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(3, lines.size())) {
            rows.add(line.trim().split(" +"));
        }
        return rows;
    }

    @Test
    void every_column_has_one_number_of_decimals_and_the_table_ends_with_totals() {
        for (String model : List.of("markov", "counterfactual", "shapley", "linear")) {
            CliTest.Run run = cli("attribution", "scenarios/journeys.csv", "--model", model);
            assertThat(run.status()).as(run.err()).isZero();
            assertThat(run.out()).startsWith("Model: " + model + " over 9 paths\n").contains("channel", "conversions", "value");
            List<String[]> rows = rows(run.out());
            assertThat(rows).hasSize(6);
            for (String[] row : rows) {
                assertThat(row).as(String.join(" ", row)).hasSize(3);
                assertThat(row[1]).as(model).matches("\\d+\\.\\d{2}");
                assertThat(row[2]).as(model).matches("\\d+\\.\\d{2}");
            }
            assertThat(rows.get(5)).as(model).containsExactly("(total)", "148.00", "14910.55");
        }
    }

    @Test
    void markov_on_the_sample_prints_rounded_credits_not_ten_decimals() {
        CliTest.Run run = cli("attribution", "scenarios/journeys.csv", "--model", "markov");
        assertThat(run.out()).containsPattern("email +47\\.08 +4742\\.87\n").containsPattern("\\(total\\) +148\\.00 +14910\\.55\n")
                .doesNotContain("4742.8716354561");
    }

    @Test
    void a_currency_labels_values_and_sets_their_scale() throws IOException {
        Path csv = write("j.csv", "path,conversions,value,nulls\na>b,1,1000.05,0\nb,1,10,3\n");
        CliTest.Run usd = cli("attribution", csv.toString(), "--model", "linear", "--currency", "USD");
        assertThat(usd.status()).as(usd.err()).isZero();
        // a gets 1000.05 / 2 = 500.025: half-even for display gives 500.02, not 500.03
        assertThat(usd.out()).startsWith("Model: linear over 2 paths, values in USD\n").contains("value USD")
                .containsPattern("a +0\\.50 +500\\.02\n").containsPattern("b +1\\.50 +510\\.02\n")
                .containsPattern("\\(total\\) +2\\.00 +1010\\.05\n");
        CliTest.Run jpy = cli("attribution", csv.toString(), "--model", "linear", "--currency", "JPY");
        assertThat(jpy.out()).contains("value JPY").containsPattern("a +0\\.50 +500\n").containsPattern("\\(total\\) +2\\.00 +1010\n");
        CliTest.Run kwd = cli("attribution", csv.toString(), "--model", "linear", "--currency", "KWD");
        assertThat(kwd.out()).containsPattern("a +0\\.50 +500\\.025\n").containsPattern("\\(total\\) +2\\.00 +1010\\.050\n");
    }

    @Test
    void json_keeps_full_precision_and_adds_totals_and_the_currency() throws IOException {
        Path csv = write("j.csv", "path,conversions,value,nulls\na>b,1,1000.05,0\nb,1,10,3\na>b>c,1,1,0\n");
        CliTest.Run run = cli("attribution", csv.toString(), "--model", "linear", "--currency", "USD", "--json");
        assertThat(run.status()).as(run.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertThat(root.get("model").asText()).isEqualTo("linear");
        assertThat(root.get("currency").asText()).isEqualTo("USD");
        assertThat(root.get("channels").get(0).get("channel").asText()).isEqualTo("a");
        assertThat(root.get("channels").get(0).get("conversions").asText()).isEqualTo("0.8333333333");
        assertThat(root.get("channels").get(0).get("value").asText()).isEqualTo("500.3583333333");
        assertThat(root.get("totals").get("conversions").asText()).isEqualTo("3.0");
        assertThat(root.get("totals").get("value").asText()).isEqualTo("1011.05");
        CliTest.Run plain = cli("attribution", csv.toString(), "--model", "linear", "--json");
        assertThat(new ObjectMapper().readTree(plain.out()).has("currency")).isFalse();
    }

    @Test
    void a_bad_currency_is_one_line_and_exit_two() {
        CliTest.Run run = cli("attribution", "scenarios/journeys.csv", "--model", "linear", "--currency", "usd");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith("referralkit: --currency: ").contains("usd").hasLineCount(1);
        assertThat(cli("attribution", "scenarios/journeys.csv", "--model", "linear", "--currency", "XAU").status()).isEqualTo(2);
    }

    @Test
    void a_path_over_the_length_limit_is_refused_with_its_line() throws IOException {
        String path = String.join(">", Collections.nCopies(1_000_001, "a"));
        Path csv = write("long.csv", "path,conversions,value,nulls\nb,1,,0\n" + path + ",1,,0\n");
        CliTest.Run run = cli("attribution", csv.toString(), "--model", "markov");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("referralkit: " + csv
                + ": line 3: a path of 1,000,001 touches exceeds the limit of 1,000,000 touches per path\n");
    }

    /** A chain whose every channel neighbours hundreds of others has no sparse structure to exploit. */
    @Test
    void a_markov_chain_too_dense_to_solve_is_one_line_naming_both_sizes() throws IOException {
        List<String> channels = new ArrayList<>();
        for (int i = 0; i < 4001; i++) {
            channels.add("c" + i);
        }
        Random random = new Random(7);
        StringBuilder csv = new StringBuilder("path,conversions,value,nulls\n");
        for (int p = 0; p < 300; p++) {
            Collections.shuffle(channels, random);
            csv.append(String.join(">", channels)).append(',').append(p % 3).append(",,1\n");
        }
        Path file = write("dense.csv", csv.toString());
        CliTest.Run run = cli("attribution", file.toString(), "--model", "markov");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("referralkit: " + file + ": markov: the 4,001 channels are too densely connected: "
                + "after the sparsely connected ones, 4,001 remain to be solved together, over the limit of 4,000; "
                + "use fewer channels or another model\n");
        CliTest.Run counterfactual = cli("attribution", file.toString(), "--model", "counterfactual");
        assertThat(counterfactual.status()).as(counterfactual.err()).isZero();
        assertThat(counterfactual.out()).containsPattern("\\(total\\) +300\\.00 +0\\.00\n");
    }
}
