package dev.referralkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.referralkit.examples.cli.ReferralKitCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code report} command: formats, the three ways in, progress and input errors. */
class ReportCommandTest {
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

    static final String PROGRAM = "{\"currency\":\"EUR\",\"holdDays\":0,\"rewards\":{\"payment\":{\"type\":\"percent\",\"percent\":\"10\"}}}";

    Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    @Test
    void the_quick_start_scenario_as_html_csv_and_json() throws IOException {
        Run html = cli("report", "scenarios/saas-quickstart.json", "-o", dir.resolve("r.html").toString());
        assertThat(html.status()).as(html.err()).isZero();
        assertThat(html.out()).startsWith("Report written to ").contains("(html, 3 partners, 2 periods, 12 events)");
        assertThat(Files.readString(dir.resolve("r.html"))).contains("data-chart=\"leaderboard\"");
        assertThat(cli("report", "scenarios/saas-quickstart.json", "-o", dir.resolve("r.csv").toString()).status()).isZero();
        assertThat(Files.readString(dir.resolve("r.csv"))).contains("partner,ana,,2026-02,USD,netRevenue,29.40");
        assertThat(cli("report", "scenarios/saas-quickstart.json", "--format", "json", "--period", "quarter", "-o",
                dir.resolve("r.txt").toString()).status()).isZero();
        assertThat(Files.readString(dir.resolve("r.txt"))).contains("\"period\" : \"2026-Q1\"");
    }

    @Test
    void from_files_with_progress_and_two_businesses_referring_to_each_other() throws IOException {
        write("bakery/program.json", PROGRAM);
        write("bakery/partners.json", "[{\"id\":\"florist\"}]");
        write("bakery/events.jsonl", """
                {"type":"touch","id":"t1","at":"2026-05-01T09:00:00Z","partner":"florist","customer":"g1","channel":"coupon"}
                {"type":"payment","id":"i1","at":"2026-05-01T10:00:00Z","customer":"g1","amount":"18.40","currency":"EUR"}
                """);
        write("florist/program.json", PROGRAM);
        write("florist/partners.json", "[{\"id\":\"the-bakery\",\"attributes\":{\"business\":\"bakery\"}}]");
        write("florist/events.jsonl", """
                {"type":"touch","id":"t1","at":"2026-05-02T09:00:00Z","partner":"the-bakery","customer":"g2","channel":"coupon"}
                {"type":"payment","id":"i1","at":"2026-05-02T10:00:00Z","customer":"g2","amount":"35.00","currency":"EUR"}
                {"type":"touch","id":"t2","at":"2026-05-03T09:00:00Z","partner":"the-bakery","customer":"g3","channel":"coupon"}
                {"type":"payment","id":"i2","at":"2026-05-03T10:00:00Z","customer":"g3","amount":"35.00","currency":"EUR"}
                """);
        Run run = cli("report", "--program", dir.resolve("bakery/program.json").toString(), "--partners",
                dir.resolve("bakery/partners.json").toString(), "--events", dir.resolve("bakery/events.jsonl").toString(),
                "--business", "bakery", "--counterpart", "florist=" + dir.resolve("florist"), "--progress",
                "-o", dir.resolve("r.csv").toString());
        assertThat(run.status()).as(run.err()).isZero();
        String csv = Files.readString(dir.resolve("r.csv"));
        assertThat(csv).contains("reciprocity,bakery,florist,total,,customers,2", "reciprocity,bakery,florist,total,EUR,netRevenue,70.00",
                "reciprocity,florist,bakery,total,EUR,netRevenue,18.40", "reciprocity,bakery,florist,total,EUR,commissions,7.00");
        assertThat(run.err()).contains("2 events in", "4 events in").doesNotContain("Exception");
    }

    @Test
    void a_journal_with_entries_and_bindings_is_read_without_the_engine() throws IOException {
        Path journal = write("j.jsonl", """
                {"type":"touch","id":"t1","at":"2026-05-01T09:00:00Z","partner":"p1","customer":"c1","channel":"link"}
                {"type":"payment","id":"i1","at":"2026-05-01T10:00:00Z","customer":"c1","amount":"100.00","currency":"EUR"}
                """);
        Path entries = write("e.jsonl", "{\"id\":\"i1/p1/commission\",\"kind\":\"COMMISSION\",\"partner\":\"p1\",\"customer\":\"c1\","
                + "\"event\":\"i1\",\"amount\":\"10.00\",\"currency\":\"EUR\",\"availableAt\":\"2026-05-01T10:00:00Z\",\"explanation\":\"10%\"}\n");
        Path bindings = write("b.jsonl", "{\"customer\":\"c1\",\"event\":\"i1\",\"credits\":[{\"partner\":\"p1\",\"weight\":\"1\"}]}\n");
        Path program = write("p.json", PROGRAM);
        Run run = cli("report", "--program", program.toString(), "--events", journal.toString(), "--entries", entries.toString(),
                "--bindings", bindings.toString(), "-o", dir.resolve("r.csv").toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(Files.readString(dir.resolve("r.csv"))).contains("partner,p1,,2026-05,EUR,commissions,10.00");
        Path wrong = write("b2.jsonl", "{\"customer\":\"c1\",\"event\":\"i9\",\"credits\":[{\"partner\":\"p1\",\"weight\":\"1\"}]}\n");
        Run mismatch = cli("report", "--program", program.toString(), "--events", journal.toString(), "--entries", entries.toString(),
                "--bindings", wrong.toString(), "-o", dir.resolve("r.csv").toString());
        assertThat(mismatch.status()).isEqualTo(2);
        assertThat(mismatch.err()).startsWith("referralkit: report: " + journal + ":2: customer \"c1\" has no binding").hasLineCount(1);
    }

    @Test
    void bad_options_are_one_line_with_exit_two() {
        Run period = cli("report", "scenarios/saas-quickstart.json", "--period", "week", "-o", dir.resolve("r.html").toString());
        assertThat(period.status()).isEqualTo(2);
        assertThat(period.err()).isEqualTo("referralkit: --period: \"week\" is not month, quarter or year\n");
        Run half = cli("report", "--program", "p.json", "--events", "e.jsonl", "--entries", "x.jsonl", "-o", "r.html");
        assertThat(half.status()).isEqualTo(2);
        assertThat(half.err()).contains("--entries and --bindings go together");
    }
}
