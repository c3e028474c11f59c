package dev.referralkit.examples;

import static dev.referralkit.examples.CliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import dev.referralkit.examples.CliTest.Run;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --store} and {@code ledger} on a real H2 file, and once on a real PostgreSQL. */
class StoreCliTest {
    @TempDir
    Path dir;

    static final String PROGRAM = "{\"currency\":\"USD\",\"holdDays\":14,\"rewards\":{\"payment\":{\"type\":\"percent\",\"percent\":\"10\"}}}";
    static final String PARTNERS = "[{\"id\":\"p1\"},{\"id\":\"=p2\"}]";

    /** Six events: two customers, three payments, a refund, a payout run, a bad one in the middle. */
    static List<String> events() {
        List<String> e = new ArrayList<>();
        e.add("{\"type\":\"touch\",\"id\":\"t1\",\"at\":\"2026-01-01T00:00:00Z\",\"partner\":\"p1\",\"customer\":\"c1\",\"channel\":\"link\"}");
        e.add("{\"type\":\"touch\",\"id\":\"t2\",\"at\":\"2026-01-01T01:00:00Z\",\"partner\":\"=p2\",\"customer\":\"c2\",\"channel\":\"link\"}");
        e.add("{\"type\":\"payment\",\"id\":\"i1\",\"at\":\"2026-01-02T00:00:00Z\",\"customer\":\"c1\",\"amount\":\"100.00\",\"currency\":\"USD\"}");
        e.add("{\"type\":\"payment\",\"id\":\"i2\",\"at\":\"2026-01-03T00:00:00Z\",\"customer\":\"c2\",\"amount\":\"55.55\",\"currency\":\"USD\"}");
        e.add("{\"type\":\"payment\",\"id\":\"bad\",\"at\":\"2026-01-03T12:00:00Z\",\"customer\":\"c2\",\"amount\":\"-1\",\"currency\":\"USD\"}");
        e.add("{\"type\":\"refund\",\"id\":\"r1\",\"at\":\"2026-01-04T00:00:00Z\",\"payment\":\"i1\",\"amount\":\"40.00\"}");
        e.add("{\"type\":\"payment\",\"id\":\"i3\",\"at\":\"2026-01-05T00:00:00Z\",\"customer\":\"c1\",\"amount\":\"10.00\",\"currency\":\"USD\"}");
        e.add("{\"type\":\"payout_run\",\"id\":\"run-feb\",\"at\":\"2026-02-01T00:00:00Z\"}");
        return e;
    }

    Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    Path eventsFile(String name, List<String> lines) throws IOException {
        return write(name, String.join("\n", lines) + "\n");
    }

    Run run(String store, Path events, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("run", "--program", write("p.json", PROGRAM).toString(),
                "--partners", write("x.json", PARTNERS).toString(), "--events", events.toString(), "--store", store));
        args.addAll(List.of(more));
        return cli(args.toArray(String[]::new));
    }

    String h2() {
        return "jdbc:h2:file:" + dir.resolve("referralkit-data");
    }

    @Test
    void run_continues_where_the_last_run_stopped_and_the_same_file_again_is_all_duplicates_writing_nothing() throws IOException {
        List<String> all = events();
        // the uninterrupted in-memory run, for comparison
        Path entries = dir.resolve("memory.jsonl");
        Run memory = cli("run", "--program", write("p.json", PROGRAM).toString(), "--partners", write("x.json", PARTNERS).toString(),
                "--events", eventsFile("all.jsonl", all).toString(), "--entries", entries.toString(), "--json");
        assertThat(memory.status()).isZero();

        Run first = run(h2(), eventsFile("first.jsonl", all.subList(0, 3)), "--json");
        assertThat(first.status()).as(first.err()).isZero();
        assertThat(first.out()).contains("\"accepted\" : 3");

        Run second = run(h2(), eventsFile("all.jsonl", all), "--json", "--batch", "2");
        assertThat(second.status()).as(second.err()).isZero();
        assertThat(second.out()).contains("\"events\" : 8").contains("\"accepted\" : 4").contains("\"rejected DUPLICATE\" : 3")
                .contains("\"rejected INVALID_AMOUNT\" : 1");
        // the durable run's payouts and balances are the in-memory run's
        assertThat(section(second.out(), "payouts")).isEqualTo(section(memory.out(), "payouts"));
        assertThat(section(second.out(), "balances")).isEqualTo(section(memory.out(), "balances"));

        Run ledger = cli("ledger", "--store", h2());
        assertThat(ledger.status()).as(ledger.err()).isZero();
        assertThat(ledger.out()).isEqualTo(Files.readString(entries));

        Run again = run(h2(), eventsFile("all.jsonl", all), "--json");
        assertThat(again.status()).isZero();
        assertThat(again.out()).contains("\"accepted\" : 0").contains("\"rejected DUPLICATE\" : 7").contains("\"entries\" : 0")
                .contains("\"payouts\" : 0");
        assertThat(cli("ledger", "--store", h2()).out()).isEqualTo(ledger.out());
    }

    private static String section(String json, String key) {
        int start = json.indexOf("\"" + key + "\" : ");
        int end = json.indexOf("\n  \"", start + 1);
        return json.substring(start, end);
    }

    @Test
    void ledger_prints_one_partner_and_csv() throws IOException {
        assertThat(run(h2(), eventsFile("all.jsonl", events())).status()).isZero();
        Run p1 = cli("ledger", "--store", h2(), "--partner", "p1");
        assertThat(p1.out().lines().toList()).hasSize(3).allMatch(l -> l.contains("\"partner\":\"p1\""));
        assertThat(p1.out()).startsWith("{\"id\":\"i1/p1/commission\",\"kind\":\"COMMISSION\",\"partner\":\"p1\",\"customer\":\"c1\","
                + "\"event\":\"i1\",\"amount\":\"10.00\",\"currency\":\"USD\",\"availableAt\":\"2026-01-16T00:00:00Z\",");

        Run csv = cli("ledger", "--store", h2(), "--format", "csv");
        assertThat(csv.status()).isZero();
        List<String> lines = List.of(csv.out().split("\r\n"));
        assertThat(lines.get(0)).isEqualTo("id,kind,partner,customer,event,amount,currency,availableAt,explanation");
        assertThat(lines).hasSize(1 + 5);
        assertThat(lines.get(1)).startsWith("i1/p1/commission,COMMISSION,p1,c1,i1,10.00,USD,2026-01-16T00:00:00Z,");
        // a partner id that a spreadsheet would read as a formula is neutralised; a negative amount is not
        assertThat(lines).anyMatch(l -> l.startsWith("i2/=p2/commission,COMMISSION,'=p2,c2,i2,5.56,USD,"));
        assertThat(lines).anyMatch(l -> l.startsWith("r1/p1/reversal,REVERSAL,p1,,r1,-4.00,USD,2026-01-16T00:00:00Z,"));

        Run bad = cli("ledger", "--store", h2(), "--format", "xml");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo("referralkit: --format: \"xml\" is neither jsonl nor csv\n");
    }

    @Test
    void a_store_that_cannot_be_used_is_one_line_and_exit_two_and_nothing_is_written() throws IOException, SQLException {
        Path events = eventsFile("all.jsonl", events());
        assertThat(run(h2(), eventsFile("first.jsonl", events().subList(0, 3)), "--user", "owner", "--password", "pw").status()).isZero();
        String ledger = cli("ledger", "--store", h2(), "--user", "owner", "--password", "pw").out();

        // wrong credentials, as options and from the environment
        Run wrong = run(h2(), events, "--user", "owner", "--password", "nope");
        assertThat(wrong.status()).isEqualTo(2);
        assertThat(wrong.err()).startsWith("referralkit: --store " + h2() + ": BAD_CREDENTIALS: ").endsWith("\n").hasLineCount(1);
        assertThat(wrong.err()).doesNotContain("nope").doesNotContain("Exception").doesNotContain("org.h2");
        try {
            dev.referralkit.examples.cli.StoreTesting.environment("owner", "nope");
            assertThat(run(h2(), events).err()).startsWith("referralkit: --store " + h2() + ": BAD_CREDENTIALS: ");
            dev.referralkit.examples.cli.StoreTesting.environment("owner", "pw");
            assertThat(cli("ledger", "--store", h2()).out()).isEqualTo(ledger);
        } finally {
            dev.referralkit.examples.cli.StoreTesting.environment(null, null);
        }

        // unreachable: a port nobody listens on
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Run unreachable = run("jdbc:postgresql://127.0.0.1:" + port + "/referrals", events, "--user", "u", "--password", "secret");
        assertThat(unreachable.status()).isEqualTo(2);
        assertThat(unreachable.err()).startsWith("referralkit: --store jdbc:postgresql://127.0.0.1:" + port + "/referrals: UNREACHABLE: ")
                .hasLineCount(1).doesNotContain("secret");

        // a schema newer than this program: refused before anything is written
        try (Connection c = DriverManager.getConnection(h2(), "owner", "pw"); Statement s = c.createStatement()) {
            s.execute("INSERT INTO \"rk_schema_history\" (\"installed_rank\", \"version\", \"description\", \"type\", \"script\","
                    + " \"checksum\", \"installed_by\", \"execution_time\", \"success\")"
                    + " VALUES (99, '99', 'from the future', 'SQL', 'V99__from_the_future.sql', 1, 'rk', 1, TRUE)");
        }
        Run newer = run(h2(), events, "--user", "owner", "--password", "pw");
        assertThat(newer.status()).isEqualTo(2);
        assertThat(newer.err()).startsWith("referralkit: --store " + h2() + ": SCHEMA_TOO_NEW: ").hasLineCount(1);
        Run newerLedger = cli("ledger", "--store", h2(), "--user", "owner", "--password", "pw");
        assertThat(newerLedger.status()).isEqualTo(2);
        try (Connection c = DriverManager.getConnection(h2(), "owner", "pw"); Statement s = c.createStatement()) {
            s.execute("DELETE FROM \"rk_schema_history\" WHERE \"installed_rank\" = 99");
        }
        assertThat(cli("ledger", "--store", h2(), "--user", "owner", "--password", "pw").out()).as("nothing was written").isEqualTo(ledger);

        // another program than the store's: the program file is at fault
        Path other = write("other.json", PROGRAM.replace("\"10\"", "\"20\""));
        Run mismatch = cli("run", "--program", other.toString(), "--partners", write("x.json", PARTNERS).toString(),
                "--events", events.toString(), "--store", h2(), "--user", "owner", "--password", "pw");
        assertThat(mismatch.status()).isEqualTo(2);
        assertThat(mismatch.err()).startsWith("referralkit: " + other + ": ").hasLineCount(1);
        assertThat(cli("ledger", "--store", h2(), "--user", "owner", "--password", "pw").out()).isEqualTo(ledger);

        // a database without a store: ledger never creates one
        Run empty = cli("ledger", "--store", "jdbc:h2:file:" + dir.resolve("nothing"));
        assertThat(empty.status()).isEqualTo(2);
        assertThat(empty.err()).startsWith("referralkit: --store jdbc:h2:file:" + dir.resolve("nothing") + ": NO_STORE: ");
        assertThat(cli("ledger").err()).isEqualTo("referralkit: ledger: --store URL is required\n");
    }

    @Test
    void an_events_file_that_cannot_be_read_is_refused_before_the_store_is_created() throws IOException {
        Run missing = run(h2(), dir.resolve("missing.jsonl"));
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).startsWith("referralkit: ").contains("missing.jsonl").hasLineCount(1);
        assertThat(dir.resolve("referralkit-data.mv.db")).doesNotExist();
        Run scenario = cli("run", "scenario.json", "--store", h2());
        assertThat(scenario.status()).isEqualTo(2);
        assertThat(scenario.err()).contains("--store is for streaming");
        assertThat(dir.resolve("referralkit-data.mv.db")).doesNotExist();
    }

    @Test
    void batch_and_credentials_are_refused_where_no_store_is_written_and_batch_out_of_its_range() throws IOException {
        Path events = eventsFile("batch.jsonl", List.of());
        Run alone = cli("run", "--program", write("p.json", PROGRAM).toString(), "--events", events.toString(), "--batch", "10");
        assertThat(alone.status()).isEqualTo(2);
        assertThat(alone.err()).isEqualTo("referralkit: run: --batch is for a --store URL (events per transaction)\n");
        Run scenario = cli("run", "scenario.json", "--batch", "10");
        assertThat(scenario.status()).isEqualTo(2);
        assertThat(scenario.err()).contains("--batch is for streaming");
        Run credentials = cli("run", "scenario.json", "--user", "sa", "--password", "secret");
        assertThat(credentials.status()).isEqualTo(2);
        assertThat(credentials.err()).contains("--user, --password are for streaming").doesNotContain("secret");
        Run zero = run(h2(), events, "--batch", "0");
        assertThat(zero.status()).isEqualTo(2);
        assertThat(zero.err()).isEqualTo("referralkit: --batch: 0 is not between 1 and 100000\n");
        assertThat(dir.resolve("referralkit-data.mv.db")).doesNotExist();
    }

    @Test
    void on_postgresql_a_second_run_of_the_same_file_is_all_duplicates() throws IOException, SQLException {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE ROLE rk LOGIN PASSWORD 'rk-secret'");
                s.execute("CREATE DATABASE referrals OWNER rk");
            }
            String url = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/referrals";
            Path events = eventsFile("all.jsonl", events());
            Run first = run(url, events, "--json", "--user", "rk", "--password", "rk-secret");
            assertThat(first.status()).as(first.err()).isZero();
            assertThat(first.out()).contains("\"accepted\" : 7");
            String ledger = cli("ledger", "--store", url, "--user", "rk", "--password", "rk-secret").out();
            assertThat(ledger.lines().count()).isEqualTo(5);
            Run again = run(url, events, "--json", "--user", "rk", "--password", "rk-secret");
            assertThat(again.out()).contains("\"accepted\" : 0").contains("\"rejected DUPLICATE\" : 7");
            assertThat(cli("ledger", "--store", url, "--user", "rk", "--password", "rk-secret").out()).isEqualTo(ledger);
        }
    }
}
