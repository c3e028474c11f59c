package dev.referralkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.referralkit.examples.cli.ReferralKitCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    Path dir;

    record Run(int status, String out, String err) {
    }

    static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = ReferralKitCli.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(status, out.toString(), err.toString());
    }

    Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    static final String PROGRAM = "{\"currency\":\"USD\",\"holdDays\":0,\"rewards\":{\"payment\":{\"type\":\"percent\",\"percent\":\"10\"}}}";

    @Test
    void an_undeclared_attribute_is_a_warning_on_stderr_naming_the_file_and_pointer_and_what_to_declare() throws IOException {
        Path program = write("p.json", "{\"currency\":\"USD\",\"rewards\":{\"payment\":{\"type\":\"firstMatch\",\"rules\":[{\"when\":"
                + "{\"field\":\"customer.plan\",\"op\":\"eq\",\"value\":\"pro\"},\"reward\":{\"type\":\"percent\",\"percent\":\"30\"}}]}}}");
        Path partners = write("x.json", "[{\"id\":\"p1\"}]");
        Path events = write("e.jsonl", "{\"type\":\"touch\",\"id\":\"t1\",\"at\":\"2026-01-01T00:00:00Z\",\"partner\":\"p1\","
                + "\"customer\":\"c1\",\"channel\":\"link\"}\n");
        Run run = cli("run", "--program", program.toString(), "--partners", partners.toString(), "--events", events.toString());
        assertThat(run.status()).as("a warning never changes the exit status").isZero();
        assertThat(run.err()).startsWith("referralkit: warning: " + program + ": /rewards/payment/rules/0/when/field: ")
                .contains("customer.plan").contains("attributes");
        Path scenario = write("s.json", "{\"program\":" + Files.readString(program) + ",\"partners\":[{\"id\":\"p1\"}],\"events\":[]}");
        Run checked = cli("check", scenario.toString());
        assertThat(checked.err()).startsWith("referralkit: warning: " + scenario + ": /program/rewards/payment/rules/0/when/field: ");
    }

    @Test
    void check_prints_a_line_per_scenario_and_the_closing_count() {
        Run run = cli("check", "../../shared/scenarios/01-last-touch-one-time.json", "../../shared/scenarios/07-position-based-split.json");
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("PASS ../../shared/scenarios/01-last-touch-one-time.json").endsWith("2 passed, 0 failed\n");
    }

    @Test
    void a_failing_check_prints_the_difference_and_exits_one() throws IOException {
        Path file = write("bad.json", "{\"name\":\"wrong\",\"program\":" + PROGRAM + ",\"partners\":[{\"id\":\"p1\"}],\"events\":["
                + "{\"type\":\"touch\",\"id\":\"t1\",\"at\":\"2026-01-01T00:00:00Z\",\"partner\":\"p1\",\"customer\":\"c1\",\"channel\":\"link\"},"
                + "{\"type\":\"payment\",\"id\":\"i1\",\"at\":\"2026-01-02T00:00:00Z\",\"customer\":\"c1\",\"amount\":\"100.00\",\"currency\":\"USD\"}],"
                + "\"expect\":{\"entries\":[{\"kind\":\"COMMISSION\",\"amount\":\"11.00\"}]}}");
        Run run = cli("check", file.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).contains("FAIL " + file + " — wrong")
                .contains("expected entries object not found: {\"kind\":\"COMMISSION\",\"amount\":\"11.00\"}")
                .endsWith("0 passed, 1 failed\n");
    }

    @Test
    void run_prints_the_report_or_the_result_json() {
        Run report = cli("run", "../../shared/scenarios/04-partial-refunds-rounding.json");
        assertThat(report.status()).isZero();
        assertThat(report.out()).containsPattern("r2/p1/reversal +REVERSAL +p1 +-4.16 +USD").contains("12.5% of 100.00 USD");
        Run json = cli("run", "../../shared/scenarios/04-partial-refunds-rounding.json", "--json");
        assertThat(json.out()).contains("\"id\" : \"r1/p1/reversal\"").contains("\"amount\" : \"-4.17\"");
    }

    @Test
    void a_missing_file_is_one_line_with_exit_two() {
        Run run = cli("check", "nope.json");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("referralkit: nope.json: no such file\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void malformed_json_names_the_file() throws IOException {
        Path file = write("broken.json", "{\"program\": {\"currency\": \"USD\"}, \"events\": [");
        Run run = cli("run", file.toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith("referralkit: " + file + ": ").doesNotContain("\tat ").hasLineCount(1);
    }

    @Test
    void an_unknown_key_names_the_json_pointer() throws IOException {
        Path file = write("typo.json", "{\"program\":{\"currency\":\"USD\",\"holdDay\":3},\"events\":[]}");
        Run run = cli("run", file.toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith("referralkit: " + file + ": line 1, column 30: /program/holdDay: \"holdDay\" is not a known key; allowed: ")
                .hasLineCount(1);
    }

    @Test
    void streaming_writes_entries_and_reports_payouts_balances_and_counts() throws IOException {
        Path program = write("p.json", PROGRAM);
        Path partners = write("x.json", "[{\"id\":\"p1\"}]");
        Path events = write("e.jsonl", "{\"type\":\"touch\",\"id\":\"t1\",\"at\":\"2026-01-01T00:00:00Z\",\"partner\":\"p1\",\"customer\":\"c1\",\"channel\":\"link\"}\n"
                + "\n"
                + "{\"type\":\"payment\",\"id\":\"i1\",\"at\":\"2026-01-02T00:00:00Z\",\"customer\":\"c1\",\"amount\":\"100.00\",\"currency\":\"USD\"}\n"
                + "{\"type\":\"payment\",\"id\":\"x1\",\"at\":\"2026-01-03T00:00:00Z\",\"customer\":\"c1\",\"amount\":\"1.001\",\"currency\":\"USD\"}\n"
                + "{\"type\":\"payout_run\",\"id\":\"run1\",\"at\":\"2026-01-31T00:00:00Z\"}\n");
        Path out = dir.resolve("out.jsonl");
        Run run = cli("run", "--program", program.toString(), "--events", events.toString(), "--partners", partners.toString(),
                "--entries", out.toString(), "--json");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(Files.readAllLines(out)).hasSize(2).first().asString().startsWith("{\"id\":\"i1/p1/commission\"");
        assertThat(run.out()).contains("\"events\" : 4").contains("\"rejected INVALID_AMOUNT\" : 1").contains("\"paid\" : \"10.00\"");
    }

    @Test
    void streaming_lists_each_payout_with_its_entries_in_json_and_in_text() throws IOException {
        Path program = write("p.json", PROGRAM);
        Path partners = write("x.json", "[{\"id\":\"p1\"}]");
        Path events = write("e.jsonl", "{\"type\":\"touch\",\"id\":\"t1\",\"at\":\"2026-01-01T00:00:00Z\",\"partner\":\"p1\",\"customer\":\"c1\",\"channel\":\"link\"}\n"
                + "{\"type\":\"payment\",\"id\":\"i1\",\"at\":\"2026-01-02T00:00:00Z\",\"customer\":\"c1\",\"amount\":\"100.00\",\"currency\":\"USD\"}\n"
                + "{\"type\":\"payout_run\",\"id\":\"run1\",\"at\":\"2026-01-31T00:00:00Z\"}\n"
                + "{\"type\":\"touch\",\"id\":\"t2\",\"at\":\"2026-02-01T00:00:00Z\",\"partner\":\"p1\",\"customer\":\"c2\",\"channel\":\"link\"}\n"
                + "{\"type\":\"payment\",\"id\":\"i2\",\"at\":\"2026-02-02T00:00:00Z\",\"customer\":\"c2\",\"amount\":\"50.00\",\"currency\":\"USD\"}\n"
                + "{\"type\":\"payout_run\",\"id\":\"run2\",\"at\":\"2026-03-31T00:00:00Z\"}\n");
        Run json = cli("run", "--program", program.toString(), "--events", events.toString(), "--partners", partners.toString(), "--json");
        assertThat(json.status()).as(json.err()).isZero();
        com.fasterxml.jackson.databind.JsonNode root = dev.referralkit.json.ReferralKitJson.mapper().readTree(json.out());
        assertThat(root.path("payouts")).hasSize((int) root.path("counts").path("payouts").asLong());
        assertThat(root.path("payouts").get(0).path("run").asText()).isEqualTo("run1");
        assertThat(root.path("payouts").get(0).path("entries").get(0).asText()).isEqualTo("i1/p1/commission");
        assertThat(root.path("payouts").get(root.path("payouts").size() - 1).path("run").asText()).isEqualTo("run2");
        Run text = cli("run", "--program", program.toString(), "--events", events.toString(), "--partners", partners.toString());
        assertThat(text.status()).as(text.err()).isZero();
        assertThat(text.out()).contains("Payouts (" + root.path("payouts").size() + ")").containsPattern("run1 +p1 +[0-9.]+ +USD +i1/p1/commission")
                .containsPattern("run2 +p1 +[0-9.]+ +USD +i2/p1/commission");
    }

    @Test
    void an_invalid_jsonl_line_is_located_by_line_number() throws IOException {
        Path program = write("p.json", PROGRAM);
        Path events = write("e.jsonl", "{\"type\":\"payout_run\",\"id\":\"run1\",\"at\":\"2026-01-31T00:00:00Z\"}\n{\"type\": \"touch\",\n");
        Run run = cli("run", "--program", program.toString(), "--events", events.toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith("referralkit: " + events + ":2: ").hasLineCount(1);
        Run notObject = cli("run", "--program", program.toString(), "--events", write("n.jsonl", "[1]\n").toString());
        assertThat(notObject.err()).endsWith("n.jsonl:1: an event is a JSON object\n");
    }

    @Test
    void attribution_prints_credit_per_channel_as_a_table_or_json() throws IOException {
        Path csv = write("j.csv", "path,conversions,value,nulls\nc1>c2>c3,1,10,0\nc1,0,,1\nc2>c3,0,,1\n");
        Run json = cli("attribution", csv.toString(), "--model", "markov", "--json");
        assertThat(json.status()).isZero();
        assertThat(json.out().replaceAll("\\s", "")).isEqualTo("{\"model\":\"markov\",\"channels\":["
                + "{\"channel\":\"c1\",\"conversions\":\"0.2\",\"value\":\"2.0\"},"
                + "{\"channel\":\"c2\",\"conversions\":\"0.4\",\"value\":\"4.0\"},"
                + "{\"channel\":\"c3\",\"conversions\":\"0.4\",\"value\":\"4.0\"}],"
                + "\"totals\":{\"conversions\":\"1.0\",\"value\":\"10.0\"}}");
        Run table = cli("attribution", csv.toString(), "--model", "shapley");
        assertThat(table.out()).startsWith("Model: shapley over 3 paths").containsPattern("c2 +0\\.33 +3\\.33\n");
    }

    @Test
    void a_malformed_journey_line_is_located() throws IOException {
        Path csv = write("bad.csv", "path,conversions,value,nulls\na>b,1,2\n");
        Run run = cli("attribution", csv.toString(), "--model", "linear");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("referralkit: " + csv + ": line 2: expected 4 fields (path,conversions,value,nulls), found 3\n");
    }

    @Test
    void bad_options_are_input_errors() {
        assertThat(cli("run").status()).isEqualTo(2);
        assertThat(cli("run").err()).isEqualTo("referralkit: run: give a SCENARIO.json, or --program P.json and --events E.jsonl\n");
        assertThat(cli("frobnicate").status()).isEqualTo(2);
        assertThat(cli("run", "--program", "p.json", "--events", "e.jsonl", "--as-of", "yesterday").status()).isEqualTo(2);
    }

    /** The README's streaming command, exactly as written there, on the bundled samples in {@code examples/streaming/}. */
    @Test
    void the_readme_streaming_command_runs_on_the_bundled_samples() throws IOException {
        List<String> words = readmeCommand("referralkit.jar run --program examples/streaming/");
        assertThat(words.subList(0, 3)).containsExactly("java", "-jar", "examples/target/referralkit.jar");
        List<String> args = new ArrayList<>(words.subList(3, words.size()));
        Path entries = null;
        for (int i = 0; i < args.size() - 1; i++) {
            switch (args.get(i)) {
                case "--program", "--partners", "--events" -> args.set(i + 1, Path.of("..").resolve(args.get(i + 1)).toString());
                case "--entries" -> {
                    entries = dir.resolve(args.get(i + 1));   // the README writes beside the checkout; the test writes here
                    args.set(i + 1, entries.toString());
                }
                default -> { }
            }
        }
        assertThat(args).contains("--program", "--partners", "--events", "--entries");
        Run run = cli(args.toArray(String[]::new));
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("events +37").containsPattern("accepted +33").containsPattern("rejected +4")
                .containsPattern("rejected DUPLICATE +1").containsPattern("rejected UNKNOWN_PARTNER +1")
                .containsPattern("rejected REFUND_EXCEEDS_PAYMENT +1").containsPattern("rejected INVALID_AMOUNT +1")
                .containsPattern("payouts +6").contains("Entries written to " + entries);
        assertThat(Files.readAllLines(entries)).hasSize(30);
    }

    /** The shell command in README.md that contains {@code marker}, with its continuation lines joined, split into words. */
    static List<String> readmeCommand(String marker) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "README.md"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                StringBuilder command = new StringBuilder(lines.get(i));
                while (command.toString().endsWith("\\")) {
                    command.setLength(command.length() - 1);
                    command.append(' ').append(lines.get(++i).strip());
                }
                return List.of(command.toString().strip().split("\\s+"));
            }
        }
        throw new AssertionError("README.md has no command containing " + marker);
    }
}
