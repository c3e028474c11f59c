package dev.referralkit.examples;

import static dev.referralkit.examples.CliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import dev.referralkit.examples.CliTest.Run;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad input is exit 2 with one line naming the file, the line or JSON pointer, and the field (issue 17). */
class CliInputErrorTest {
    @TempDir
    Path dir;

    static final String PROGRAM = "{\"currency\":\"USD\",\"holdDays\":0,\"rewards\":{\"payment\":{\"type\":\"percent\",\"percent\":\"10\"}}}";
    static final String PAYOUT_RUN = "{\"type\":\"payout_run\",\"id\":\"run1\",\"at\":\"2026-01-31T00:00:00Z\"}";

    Path write(String name, String text) throws IOException {
        return write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** One line on stderr, nothing on stdout, no Java class name, no Jackson internals. */
    static void assertOneLineInputError(Run run, String start) {
        assertThat(run.status()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).startsWith(start).hasLineCount(1)
                .doesNotContain("Exception", "dev.referralkit.", "java.", "Source: REDACTED", "\tat ");
        assertThat(run.out()).isEmpty();
    }

    String scenario(String partners) {
        return "{\"program\":" + PROGRAM + ",\"partners\":" + partners + ",\"events\":[" + PAYOUT_RUN + "]}";
    }

    @Test
    void a_partner_whose_parent_does_not_exist_in_a_scenario_is_bad_input() throws IOException {
        Path file = write("s.json", scenario("[{\"id\":\"p0\"},{\"id\":\"p1\",\"parent\":\"p9\"}]"));
        Run run = cli("run", file.toString());
        assertOneLineInputError(run, "referralkit: " + file + ": line 1, column ");
        assertThat(run.err()).contains(": /partners/1/parent: ").contains("\"p9\"");
        assertOneLineInputError(cli("run", file.toString(), "--json"), "referralkit: " + file + ": line 1, column ");
    }

    @Test
    void a_duplicate_partner_in_a_scenario_is_bad_input() throws IOException {
        Path file = write("s.json", scenario("[{\"id\":\"p1\"},{\"id\":\"p2\"},{\"id\":\"p1\"}]"));
        Run run = cli("run", file.toString());
        assertOneLineInputError(run, "referralkit: " + file + ": line 1, column ");
        assertThat(run.err()).contains(": /partners/2/id: ").contains("\"p1\"").contains("twice");
    }

    @Test
    void a_parent_cycle_in_a_scenario_is_bad_input() throws IOException {
        Path file = write("s.json", scenario("[{\"id\":\"p1\",\"parent\":\"p2\"},{\"id\":\"p2\",\"parent\":\"p1\"}]"));
        Run run = cli("run", file.toString());
        assertOneLineInputError(run, "referralkit: " + file + ": line 1, column ");
        assertThat(run.err()).contains(": /partners/0/parent: ").contains("cycle");
    }

    @Test
    void the_same_configuration_error_in_a_partners_file_names_the_pointer() throws IOException {
        Path program = write("p.json", PROGRAM);
        Path partners = write("x.json", "[{\"id\":\"p0\"},{\"id\":\"p1\",\"parent\":\"p9\"}]");
        Path events = write("e.jsonl", PAYOUT_RUN + "\n");
        Run run = cli("run", "--program", program.toString(), "--partners", partners.toString(), "--events", events.toString());
        assertOneLineInputError(run, "referralkit: " + partners + ": /1: ");
        assertThat(run.err()).contains("\"p9\"");
    }

    @Test
    void binary_bytes_in_the_events_stream_name_the_line_of_the_first_bad_byte() throws IOException {
        Path program = write("p.json", PROGRAM);
        // past the first 8 KiB, so that a buffered reader's read-ahead cannot be mistaken for the line
        StringBuilder good = new StringBuilder();
        for (int i = 1; i <= 300; i++) {
            good.append("{\"type\":\"payout_run\",\"id\":\"run").append(i).append("\",\"at\":\"2026-01-31T00:00:00Z\"}\n");
        }
        Path events = write("e.jsonl", concat(utf8(good.toString()), utf8("{\"type\":\"payout_run\",\"id\":\"r"),
                new byte[] {(byte) 0xC3, (byte) 0x28}, utf8("\",\"at\":\"2026-01-31T00:00:00Z\"}\n"), new byte[] {(byte) 0xFF, 0, 1, 2}));
        Run run = cli("run", "--program", program.toString(), "--events", events.toString());
        assertOneLineInputError(run, "referralkit: " + events + ":301: ");
        assertThat(run.err()).contains("column 29").contains("not UTF-8");
        // every command that streams an events file reads it the same way (payouts once said "internal error")
        Run payouts = cli("payouts", "--program", program.toString(), "--events", events.toString(), "--format", "csv",
                "-o", dir.resolve("payouts.csv").toString());
        assertOneLineInputError(payouts, "referralkit: " + events + ":301: ");
        assertThat(payouts.err()).contains("column 29").contains("not UTF-8");
        Run report = cli("report", "--program", program.toString(), "--events", events.toString(), "--format", "json",
                "-o", dir.resolve("report.json").toString());
        assertOneLineInputError(report, "referralkit: " + events + ":301: ");
        assertThat(report.err()).contains("column 29").contains("not UTF-8");
    }

    @Test
    void a_utf16_events_stream_is_bad_input_on_its_first_line() throws IOException {
        Path program = write("p.json", PROGRAM);
        Path withBom = write("bom16.jsonl", (PAYOUT_RUN + "\n").getBytes(StandardCharsets.UTF_16)); // big-endian with a BOM
        Run run = cli("run", "--program", program.toString(), "--events", withBom.toString());
        assertOneLineInputError(run, "referralkit: " + withBom + ":1: ");
        assertThat(run.err()).contains("UTF-16");
        Path noBom = write("le16.jsonl", (PAYOUT_RUN + "\n").getBytes(StandardCharsets.UTF_16LE));
        Run le = cli("run", "--program", program.toString(), "--events", noBom.toString());
        assertOneLineInputError(le, "referralkit: " + noBom + ":1: ");
        assertThat(le.err()).contains("UTF-16");
    }

    @Test
    void a_scenario_that_is_not_utf8_names_the_line_and_column() throws IOException {
        Path file = write("s.json", concat(utf8("{\"name\":\"caf"), new byte[] {(byte) 0xE9}, utf8("\",\n\"program\":" + PROGRAM
                + ",\"events\":[]}")));
        Run run = cli("run", file.toString());
        assertOneLineInputError(run, "referralkit: " + file + ":1: ");
        assertThat(run.err()).contains("column 13").contains("not UTF-8");
        Path later = write("later.json", concat(utf8("{\"program\":" + PROGRAM + ",\n\"events\":[],\n\"name\":\"x"),
                new byte[] {(byte) 0x80}, utf8("\"}")));
        assertOneLineInputError(cli("check", later.toString()), "referralkit: " + later + ":3: ");
    }

    @Test
    void a_utf8_byte_order_mark_at_the_start_of_a_file_is_skipped() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        Path program = write("p.json", concat(bom, utf8(PROGRAM)));
        Path partners = write("x.json", concat(bom, utf8("[{\"id\":\"p1\"}]")));
        Path events = write("e.jsonl", concat(bom, utf8(PAYOUT_RUN + "\n")));
        Run run = cli("run", "--program", program.toString(), "--partners", partners.toString(), "--events", events.toString(), "--json");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"events\" : 1").contains("\"rejected\" : 0");
        Path scenario = write("s.json", concat(bom, utf8(scenario("[{\"id\":\"p1\"}]"))));
        assertThat(cli("run", scenario.toString()).status()).isZero();
        // only at the start: a byte-order mark inside a line is not JSON whitespace
        Path inside = write("i.jsonl", concat(utf8(PAYOUT_RUN + "\n"), bom, utf8(PAYOUT_RUN + "\n")));
        assertOneLineInputError(cli("run", "--program", program.toString(), "--events", inside.toString()),
                "referralkit: " + inside + ":2: ");
    }

    @Test
    void no_arguments_prints_the_usage_on_stderr_and_exits_two() {
        Run run = cli();
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("Usage: referralkit").contains("run").contains("check").contains("attribution");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void the_usage_hint_names_the_command_once() {
        Run top = cli("--frobnicate");
        assertThat(top.status()).isEqualTo(2);
        assertThat(top.err()).endsWith("try: referralkit --help\n").doesNotContain("referralkit referralkit");
        assertThat(cli("run", "--frobnicate").err()).endsWith("try: referralkit run --help\n");
    }

    @Test
    void help_documents_every_exit_status() {
        Run run = cli("--help");
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("Exit status:").containsPattern("(?m)^\\s+0\\s").containsPattern("(?m)^\\s+1\\s")
                .containsPattern("(?m)^\\s+2\\s").containsPattern("(?m)^\\s+3\\s");
        assertThat(cli("run", "--help").out()).contains("Exit status:");
        assertThat(cli("check", "--help").out()).contains("Exit status:");
    }

    @Test
    void streaming_options_with_a_scenario_are_refused_by_name() throws IOException {
        Path file = write("s.json", scenario("[{\"id\":\"p1\"}]"));
        Run run = cli("run", file.toString(), "--entries", dir.resolve("o.jsonl").toString());
        assertOneLineInputError(run, "referralkit: run: ");
        assertThat(run.err()).contains("--entries").contains("streaming");
    }
}
