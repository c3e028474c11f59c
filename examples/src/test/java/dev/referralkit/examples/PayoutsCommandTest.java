package dev.referralkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.referralkit.examples.cli.ReferralKitCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code referralkit payouts}: a program's payouts as a payout provider's file. */
class PayoutsCommandTest {
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
        return Files.writeString(dir.resolve(name), text);
    }

    static final String PROGRAM = "{\"currency\":\"USD\",\"holdDays\":0,\"rewards\":{\"payment\":{\"type\":\"percent\",\"percent\":\"10\"}}}";

    static String touch(String id, String partner, String customer, String at) {
        return "{\"type\":\"touch\",\"id\":\"" + id + "\",\"at\":\"" + at + "\",\"partner\":\"" + partner + "\",\"customer\":\"" + customer
                + "\",\"channel\":\"link\"}\n";
    }

    static String payment(String id, String customer, String amount, String at) {
        return "{\"type\":\"payment\",\"id\":\"" + id + "\",\"at\":\"" + at + "\",\"customer\":\"" + customer + "\",\"amount\":\"" + amount
                + "\",\"currency\":\"USD\"}\n";
    }

    static String payoutRun(String id, String at) {
        return "{\"type\":\"payout_run\",\"id\":\"" + id + "\",\"at\":\"" + at + "\"}\n";
    }

    /** p1 earns 10.00 and p2 5.00 in January (run-01); p1 earns 2.50 on a new customer in February (run-02). */
    Path events() throws IOException {
        return write("e.jsonl", touch("t1", "p1", "c1", "2026-01-01T00:00:00Z") + touch("t2", "p2", "c2", "2026-01-01T00:00:00Z")
                + payment("i1", "c1", "100.00", "2026-01-02T00:00:00Z") + payment("i2", "c2", "50.00", "2026-01-03T00:00:00Z")
                + payoutRun("run-01", "2026-01-31T00:00:00Z")
                + touch("t3", "p1", "c3", "2026-02-01T00:00:00Z") + payment("i3", "c3", "25.00", "2026-02-02T00:00:00Z")
                + payoutRun("run-02", "2026-02-28T00:00:00Z"));
    }

    Path partners(String p2Attributes) throws IOException {
        return write("x.json", "[{\"id\":\"p1\",\"attributes\":{\"payout.paypal.email\":\"ann@example.com\","
                + "\"payout.stripe.account\":\"acct_1Ann\"}},{\"id\":\"p2\",\"attributes\":{" + p2Attributes + "}}]");
    }

    String[] args(Path partners, String... more) throws IOException {
        String[] base = {"payouts", "--program", write("p.json", PROGRAM).toString(), "--events", events().toString(),
                "--partners", partners.toString()};
        return Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new);
    }

    @Test
    void writes_every_runs_payouts_as_a_paypal_file() throws IOException {
        Path out = dir.resolve("paypal.csv");
        Run run = cli(args(partners("\"payout.paypal.email\":\"bo@example.com\""), "--format", "paypal", "-o", out.toString(),
                "--note", "Thank you"));
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(Files.readString(out)).isEqualTo(
                "ann@example.com,10.00,USD,run-01/p1/USD/payout,Thank you,PAYPAL\r\n"
                        + "bo@example.com,5.00,USD,run-01/p2/USD/payout,Thank you,PAYPAL\r\n"
                        + "ann@example.com,2.50,USD,run-02/p1/USD/payout,Thank you,PAYPAL\r\n");
        assertThat(run.out()).isEqualTo("Wrote 3 payouts (USD 17.50) as paypal to " + out + "\n");
    }

    @Test
    void a_missing_destination_is_one_line_with_exit_two_and_leaves_the_old_file() throws IOException {
        Path x = partners("");
        Path out = write("stripe.jsonl", "old\n");
        Run run = cli(args(x, "--format", "stripe", "-o", out.toString()));
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("referralkit: " + x + ": stripe: 1 of 3 payouts cannot be exported: "
                + "payout run-01/p2/USD/payout (partner p2): payout.stripe.account is required to pay by Stripe\n");
        assertThat(Files.readString(out)).isEqualTo("old\n");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).doesNotContain(".stripe.jsonl.tmp").noneMatch(f -> f.endsWith(".tmp"));
        }
    }

    @Test
    void skip_invalid_writes_the_others_and_lists_the_skipped() throws IOException {
        Path out = dir.resolve("stripe.jsonl");
        Run run = cli(args(partners(""), "--format", "stripe", "-o", out.toString(), "--skip-invalid"));
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(Files.readAllLines(out)).hasSize(2).allSatisfy(l -> assertThat(l).contains("\"destination\":\"acct_1Ann\""));
        assertThat(run.out()).isEqualTo("Wrote 2 payouts (USD 12.50) as stripe to " + out + "\n"
                + "Skipped 1:\n"
                + "  payout run-01/p2/USD/payout (partner p2): payout.stripe.account is required to pay by Stripe\n");
    }

    @Test
    void one_run_and_the_destinations_a_partner_event_gave() throws IOException {
        Path events = write("e2.jsonl", new String(Files.readAllBytes(events()))
                + "{\"type\":\"partner\",\"id\":\"u1\",\"at\":\"2026-03-01T00:00:00Z\",\"partner\":\"p2\","
                + "\"attributes\":{\"payout.wise.name\":\"Bo Berg\",\"payout.wise.email\":\"bo@example.se\"}}\n");
        Path x = write("x.json", "[{\"id\":\"p1\",\"attributes\":{\"payout.wise.name\":\"Ann Lee\",\"payout.wise.email\":\"ann@example.com\"}},"
                + "{\"id\":\"p2\"}]");
        Path out = dir.resolve("wise.csv");
        Run run = cli("payouts", "--program", write("p.json", PROGRAM).toString(), "--events", events.toString(), "--partners", x.toString(),
                "--format", "wise", "-o", out.toString(), "--run", "run-01");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(Files.readString(out)).isEqualTo(
                "name,recipientEmail,paymentReference,receiverType,amountCurrency,amount,sourceCurrency,targetCurrency\r\n"
                        + "Ann Lee,ann@example.com,,PERSON,target,10.00,USD,USD\r\n"
                        + "Bo Berg,bo@example.se,,PERSON,target,5.00,USD,USD\r\n");
    }

    @Test
    void the_plain_csv_needs_no_destinations() throws IOException {
        Path out = dir.resolve("payouts.csv");
        Run run = cli("payouts", "--program", write("p.json", PROGRAM).toString(), "--events", events().toString(),
                "--partners", write("x.json", "[{\"id\":\"p1\"},{\"id\":\"p2\"}]").toString(),
                "--format", "csv", "-o", out.toString(), "--run", "run-02");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(Files.readAllLines(out)).hasSize(2).last().asString().startsWith("run-02/p1/USD/payout,run-02,p1,USD,2.50,1,rk-");
    }

    @Test
    void bad_options_are_one_line_with_exit_two() throws IOException {
        Path x = partners("");
        Path out = dir.resolve("o.csv");
        assertThat(cli(args(x, "--format", "venmo", "-o", out.toString())).err())
                .isEqualTo("referralkit: --format: format \"venmo\" is not a payout format; formats: csv, paypal, wise, stripe\n");
        Run unknownRun = cli(args(x, "--format", "csv", "-o", out.toString(), "--run", "run-99"));
        assertThat(unknownRun.status()).isEqualTo(2);
        assertThat(unknownRun.err()).startsWith("referralkit: --run: \"run-99\" is not an accepted payout_run in ").hasLineCount(1);
        assertThat(cli(args(x, "--format", "wise", "-o", out.toString(), "--note", "=1+1")).err())
                .isEqualTo("referralkit: --note: paymentReference \"=1+1\" starts with '=', which a spreadsheet runs as a formula; "
                        + "refused in provider files\n");
        assertThat(cli(args(x, "--format", "csv", "-o", dir.resolve("none/o.csv").toString())).err())
                .startsWith("referralkit: " + dir.resolve("none/o.csv") + ": no such directory");
        Run missing = cli("payouts", "--program", "p.json", "--events", "e.jsonl", "--format", "csv");
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).startsWith("referralkit: Missing required option: '--output=FILE'");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void a_failed_payout_is_left_out_and_withheld_payouts_are_listed_with_why() throws IOException {
        String program = "{\"currency\":\"USD\",\"holdDays\":0,\"rewards\":{\"payment\":{\"type\":\"percent\",\"percent\":\"10\"}},"
                + "\"tax\":{\"threshold\":{\"USD\":\"7.00\"}}}";
        Path events = write("f.jsonl", touch("t1", "p1", "c1", "2026-01-01T00:00:00Z") + touch("t2", "p2", "c2", "2026-01-01T00:00:00Z")
                + payment("i1", "c1", "60.00", "2026-01-02T00:00:00Z") + payment("i2", "c2", "100.00", "2026-01-03T00:00:00Z")
                + payoutRun("run-01", "2026-01-31T00:00:00Z")
                + "{\"type\":\"payout_failed\",\"id\":\"f1\",\"at\":\"2026-02-01T00:00:00Z\",\"partner\":\"p1\","
                + "\"payout\":\"run-01/p1/USD/payout\",\"reason\":\"account closed\"}\n"
                + payoutRun("run-02", "2026-02-28T00:00:00Z"));
        Path out = dir.resolve("out.csv");
        Run run = cli("payouts", "--program", write("p2.json", program).toString(), "--events", events.toString(), "--partners",
                partners("").toString(), "--format", "csv", "-o", out.toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(Files.readString(out)).contains("run-02/p1/USD/payout").doesNotContain("run-01/p1/USD/payout,");
        assertThat(run.out()).contains("Left out 1 payout that failed later (their sums were put back for a later run):\n"
                        + "  run-01/p1/USD/payout\n")
                .contains("Withheld 2 payouts (carried to a later run):\n"
                        + "  run-01 p2 10.00 USD TAX_FORM_REQUIRED: paid 0.00 USD in 2026 + this payout 10.00 USD = 10.00 USD would exceed "
                        + "the threshold of 7.00 USD; no tax form on file\n");
    }
}
