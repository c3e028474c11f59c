package dev.referralkit.examples;

import static dev.referralkit.examples.CliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import dev.referralkit.examples.CliTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check}: every file is checked, every mismatch shown with what came out (issue 17). */
class CheckCommandTest {
    @TempDir
    Path dir;

    static final String GOOD = "../../shared/scenarios/01-last-touch-one-time.json";

    Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    /** One partner, a touch and two payments: i1/p1/commission is 10.00 USD and i2/p1/commission 5.00 USD. */
    Path scenario(String name, String expect) throws IOException {
        return write(name, "{\"name\":\"" + name + "\",\"program\":{\"currency\":\"USD\",\"holdDays\":0,"
                + "\"rewards\":{\"payment\":{\"type\":\"recurring\",\"reward\":{\"type\":\"percent\",\"percent\":\"10\"}}}},\"partners\":[{\"id\":\"p1\"}],\"events\":["
                + "{\"type\":\"touch\",\"id\":\"t1\",\"at\":\"2026-01-01T00:00:00Z\",\"partner\":\"p1\",\"customer\":\"c1\",\"channel\":\"link\"},"
                + "{\"type\":\"payment\",\"id\":\"i1\",\"at\":\"2026-01-02T00:00:00Z\",\"customer\":\"c1\",\"amount\":\"100.00\",\"currency\":\"USD\"},"
                + "{\"type\":\"payment\",\"id\":\"i2\",\"at\":\"2026-01-03T00:00:00Z\",\"customer\":\"c1\",\"amount\":\"50.00\",\"currency\":\"USD\"}],"
                + "\"expect\":" + expect + "}");
    }

    @Test
    void every_mismatch_is_shown_with_the_actual_value() throws IOException {
        Path file = scenario("two-wrong", "{\"entries\":[{\"id\":\"i1/p1/commission\",\"amount\":\"11.00\"},"
                + "{\"id\":\"i2/p1/commission\",\"amount\":\"5.00\"},{\"id\":\"i2/p1/commission\",\"amount\":\"6.00\"}],"
                + "\"balances\":[{\"partner\":\"p1\",\"available\":\"99.00\"}]}");
        Run run = cli("check", file.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).contains("FAIL " + file + " — two-wrong")
                .contains("expected entries object not found: {\"id\":\"i1/p1/commission\",\"amount\":\"11.00\"}")
                .containsPattern("actual: \\{\"id\":\"i1/p1/commission\".*\"amount\":\"10.00\"")
                .contains("amount: expected \"11.00\", actual \"10.00\"")
                .contains("expected entries object not found: {\"id\":\"i2/p1/commission\",\"amount\":\"6.00\"}")
                .contains("amount: expected \"6.00\", actual \"5.00\"")
                .contains("expected balances object not found: {\"partner\":\"p1\",\"available\":\"99.00\"}")
                .contains("available: expected \"99.00\", actual \"15.00\"")
                .endsWith("0 passed, 1 failed\n");
    }

    @Test
    void an_expected_object_with_no_close_actual_object_says_so() throws IOException {
        Path file = scenario("nothing-close", "{\"payouts\":[{\"run\":\"run1\",\"partner\":\"p1\"}]}");
        Run run = cli("check", file.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).contains("expected payouts object not found: {\"run\":\"run1\",\"partner\":\"p1\"}")
                .contains("no payouts in the result");
    }

    @Test
    void every_unexpected_entry_is_listed_with_exact_entries() throws IOException {
        Path file = scenario("exact", "{\"entries\":[],\"exactEntries\":true}");
        Run run = cli("check", file.toString());
        assertThat(run.out()).contains("unexpected entry (exactEntries): {\"id\":\"i1/p1/commission\"")
                .contains("unexpected entry (exactEntries): {\"id\":\"i2/p1/commission\"");
    }

    @Test
    void an_unreadable_file_fails_and_the_others_are_still_checked() throws IOException {
        Path broken = write("broken.json", "{\"program\":");
        Path wrong = scenario("wrong", "{\"entries\":[{\"id\":\"i1/p1/commission\",\"amount\":\"11.00\"}]}");
        Run run = cli("check", "nope.json", GOOD, broken.toString(), wrong.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).contains("FAIL nope.json: no such file")
                .contains("PASS " + GOOD)
                .contains("FAIL " + broken + ": ")
                .contains("FAIL " + wrong + " — wrong")
                .endsWith("1 passed, 3 failed\n");
        assertThat(run.err()).contains("referralkit: nope.json: no such file\n").contains("referralkit: " + broken + ": ")
                .hasLineCount(2);
    }

    @Test
    void a_scenario_whose_partners_cannot_be_loaded_fails_with_its_one_line_error() throws IOException {
        Path cycle = write("cycle.json", "{\"program\":{\"currency\":\"USD\"},\"partners\":[{\"id\":\"p1\",\"parent\":\"p2\"},"
                + "{\"id\":\"p2\",\"parent\":\"p1\"}],\"events\":[],\"expect\":{}}");
        Run run = cli("check", GOOD, cycle.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).containsPattern("FAIL " + java.util.regex.Pattern.quote(cycle.toString()) + ": line 1, column \\d+: /partners/\\d/parent: .*cycle")
                .endsWith("1 passed, 1 failed\n");
        assertThat(run.err()).doesNotContain("Exception").hasLineCount(1);
    }

    @Test
    void exit_two_only_when_no_file_could_be_read() throws IOException {
        Path broken = write("broken.json", "[]");
        Run run = cli("check", "nope.json", broken.toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith("referralkit: nope.json: no such file\nreferralkit: " + broken + ": ").hasLineCount(2);
        assertThat(run.out()).isEmpty();
    }

    /** The bundled scenarios (examples/scenarios), each with hand-computed expectations, pass as CI checks them. */
    @Test
    void the_bundled_scenarios_pass() throws IOException {
        java.util.List<String> files = new java.util.ArrayList<>();
        try (java.util.stream.Stream<Path> list = Files.list(Path.of("scenarios"))) {
            list.filter(p -> p.toString().endsWith(".json")).sorted().forEach(p -> files.add(p.toString()));
        }
        assertThat(files).contains("scenarios/holds-review.json", "scenarios/payout-lifecycle.json", "scenarios/risk-checks.json",
                "scenarios/statements.json", "scenarios/tax-threshold.json");
        Run run = cli(java.util.stream.Stream.concat(java.util.stream.Stream.of("check"), files.stream()).toArray(String[]::new));
        assertThat(run.out()).as(run.out()).endsWith(files.size() + " passed, 0 failed\n");
        assertThat(run.status()).isZero();
    }
}
