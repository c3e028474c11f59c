package dev.referralkit.examples;

import static dev.referralkit.examples.CliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import dev.referralkit.examples.CliTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run}: a scenario's report, {@code --as-of}, progress and the entries file (issue 17). */
class RunCommandTest {
    @TempDir
    Path dir;

    static final String PROGRAM = "{\"currency\":\"USD\",\"holdDays\":30,\"rewards\":{\"payment\":{\"type\":\"percent\",\"percent\":\"10\"}}}";
    static final String TOUCH = "{\"type\":\"touch\",\"id\":\"t1\",\"at\":\"2026-01-01T00:00:00Z\",\"partner\":\"p1\",\"customer\":\"c1\",\"channel\":\"link\"}";
    static final String PAYMENT = "{\"type\":\"payment\",\"id\":\"i1\",\"at\":\"2026-01-02T00:00:00Z\",\"customer\":\"c1\",\"amount\":\"100.00\",\"currency\":\"USD\"}";

    Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void as_of_overrides_the_scenario_instant_of_the_balances() throws IOException {
        Path file = write("s.json", "{\"program\":" + PROGRAM + ",\"partners\":[{\"id\":\"p1\"}],\"events\":[" + TOUCH + "," + PAYMENT
                + "],\"asOf\":\"2026-01-15T00:00:00Z\"}");
        Run before = cli("run", file.toString());
        assertThat(before.out()).contains("Balances at 2026-01-15T00:00:00Z").containsPattern("p1 +USD +10\\.00 +0\\.00 +0\\.00");
        Run after = cli("run", file.toString(), "--as-of", "2026-03-01T00:00:00Z");
        assertThat(after.status()).as(after.err()).isZero();
        assertThat(after.out()).contains("Balances at 2026-03-01T00:00:00Z").containsPattern("p1 +USD +0\\.00 +10\\.00 +0\\.00");
        Run json = cli("run", file.toString(), "--as-of", "2026-03-01T01:00:00+01:00", "--json");
        assertThat(json.out().replaceAll("\\s", "")).contains("\"balances\":[{\"partner\":\"p1\",\"currency\":\"USD\",\"pending\":\"0.00\","
                + "\"available\":\"10.00\",\"paid\":\"0.00\"}]");
        Run bad = cli("run", file.toString(), "--as-of", "tomorrow");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo("referralkit: --as-of: \"tomorrow\" is not an ISO-8601 instant with Z or an offset\n");
    }

    @Test
    void the_text_report_explains_each_binding() {
        Run run = cli("run", "../../shared/scenarios/02-coupon-window-manual.json");
        assertThat(run.status()).isZero();
        assertThat(run.out()).containsPattern("customer +event +credits +why")
                .containsPattern("c1 +i1 +p2 1 +last_touch over t2; dropped t1 \\(p1\\): link beaten by a coupon")
                .containsPattern("c2 +i2 +ORGANIC +ORGANIC: no qualifying touch; dropped t4 \\(p1\\): older than 30 days");
    }

    Path[] streamingFiles(String events) throws IOException {
        return new Path[] {write("p.json", PROGRAM), write("x.json", "[{\"id\":\"p1\"}]"), write("e.jsonl", events)};
    }

    @Test
    void progress_goes_to_stderr_never_to_stdout() throws IOException {
        Path[] f = streamingFiles(TOUCH + "\n" + PAYMENT + "\n");
        Run shown = cli("run", "--program", f[0].toString(), "--partners", f[1].toString(), "--events", f[2].toString(), "--progress");
        assertThat(shown.status()).as(shown.err()).isZero();
        assertThat(shown.err()).containsPattern("2 events in [0-9.]+ s, [0-9,]+ events/s");
        assertThat(shown.out()).doesNotContain("events/s");
        Run json = cli("run", "--program", f[0].toString(), "--partners", f[1].toString(), "--events", f[2].toString(), "--progress", "--json");
        assertThat(json.err()).contains("events/s");
        assertThat(json.out()).doesNotContain("events/s").startsWith("{");
        Run hidden = cli("run", "--program", f[0].toString(), "--partners", f[1].toString(), "--events", f[2].toString(), "--no-progress");
        assertThat(hidden.err()).isEmpty();
    }

    @Test
    void a_failed_run_leaves_no_entries_file_and_no_temporary_file() throws IOException {
        Path[] f = streamingFiles(TOUCH + "\n" + PAYMENT + "\n{\"type\": \"touch\",\n");
        Path out = dir.resolve("out.jsonl");
        Run run = cli("run", "--program", f[0].toString(), "--partners", f[1].toString(), "--events", f[2].toString(),
                "--entries", out.toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(out).doesNotExist();
        assertThat(filesIn(dir)).containsExactlyInAnyOrder("p.json", "x.json", "e.jsonl");
    }

    @Test
    void a_failed_run_keeps_the_previous_entries_file_and_a_good_run_replaces_it() throws IOException {
        Path out = write("out.jsonl", "previous\n");
        Path[] f = streamingFiles(TOUCH + "\n" + PAYMENT + "\n[1]\n");
        Run failed = cli("run", "--program", f[0].toString(), "--partners", f[1].toString(), "--events", f[2].toString(),
                "--entries", out.toString());
        assertThat(failed.status()).isEqualTo(2);
        assertThat(out).hasContent("previous");
        assertThat(filesIn(dir)).containsExactlyInAnyOrder("p.json", "x.json", "e.jsonl", "out.jsonl");
        Files.writeString(f[2], TOUCH + "\n" + PAYMENT + "\n");
        Run good = cli("run", "--program", f[0].toString(), "--partners", f[1].toString(), "--events", f[2].toString(),
                "--entries", out.toString());
        assertThat(good.status()).as(good.err()).isZero();
        assertThat(Files.readAllLines(out)).singleElement().asString().startsWith("{\"id\":\"i1/p1/commission\"");
        assertThat(filesIn(dir)).containsExactlyInAnyOrder("p.json", "x.json", "e.jsonl", "out.jsonl");
    }

    @Test
    void entries_to_a_device_are_written_directly() throws IOException {
        Path[] f = streamingFiles(TOUCH + "\n" + PAYMENT + "\n");
        Run run = cli("run", "--program", f[0].toString(), "--partners", f[1].toString(), "--events", f[2].toString(),
                "--entries", "/dev/null");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(Files.exists(Path.of("/dev/null")) && !Files.isRegularFile(Path.of("/dev/null"))).as("/dev/null is still a device").isTrue();
        assertThat(run.out()).contains("Entries written to /dev/null");
    }

    @Test
    void an_entries_file_in_a_missing_directory_is_bad_input() throws IOException {
        Path[] f = streamingFiles(TOUCH + "\n");
        Run run = cli("run", "--program", f[0].toString(), "--events", f[2].toString(), "--partners", f[1].toString(),
                "--entries", dir.resolve("no/such/dir/out.jsonl").toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith("referralkit: --entries: ").contains("no such directory").hasLineCount(1);
    }

    static java.util.List<String> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
