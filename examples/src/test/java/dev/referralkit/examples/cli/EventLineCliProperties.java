package dev.referralkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line does the same with and without {@link EventReader}'s fast path ({@link EventLine#fastPath}):
 * over event files of generated lines, well-formed and mutated ones mixed, {@code run} (text and {@code --json})
 * and {@code payouts} give the same exit status, the same standard output and error, byte for byte, and the
 * same entries file (or none).
 */
class EventLineCliProperties {
    @TempDir
    Path dir;

    static final String PROGRAM = "{\"currency\":\"USD\",\"holdDays\":0,\"rewards\":{\"payment\":{\"type\":\"percent\",\"percent\":\"10\"},"
            + "\"lead\":{\"type\":\"flat\",\"amount\":\"5.00\"}},\"attribution\":{\"model\":\"last_touch\",\"windowDays\":3650}}";
    static final String PARTNERS = "[{\"id\":\"p0\"},{\"id\":\"p1\"},{\"id\":\"p2\"}]";

    @AfterEach
    void restore() {
        EventLine.fastPath = true;
    }

    @Test
    void run_and_payouts_say_and_write_the_same_with_and_without_the_fast_path() {
        Props.qt().withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            try {
                Path program = write("p.json", PROGRAM);
                Path partners = write("x.json", PARTNERS);
                Path events = write("e.jsonl", file(seed));
                for (List<String> args : List.of(
                        List.of("run", "--program", program.toString(), "--partners", partners.toString(), "--events", events.toString(),
                                "--entries", dir.resolve("out.jsonl").toString(), "--json", "--no-progress"),
                        List.of("run", "--program", program.toString(), "--partners", partners.toString(), "--events", events.toString(),
                                "--entries", dir.resolve("out.jsonl").toString(), "--no-progress"),
                        List.of("payouts", "--program", program.toString(), "--partners", partners.toString(), "--events", events.toString(),
                                "--format", "csv"))) {
                    List<String> fast = run(true, args);
                    assertThat(fast).as(String.join(" ", args)).isEqualTo(run(false, args));
                    tally(args.get(0), fast);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        // the files give every kind of run: entries written, events rejected, input errors
        assertThat(withEntries).isGreaterThan(20);
        assertThat(withRejections).isGreaterThan(20);
        assertThat(inputErrors).isGreaterThan(20);
    }

    private int withEntries;
    private int withRejections;
    private int inputErrors;

    private void tally(String command, List<String> seen) {
        if (!command.equals("run")) {
            return;
        }
        withEntries += seen.get(3).contains("COMMISSION") ? 1 : 0;
        withRejections += seen.get(1).contains("INVALID_") ? 1 : 0;
        inputErrors += seen.get(0).equals("2") ? 1 : 0;
    }

    /** Lines for a seed: mostly events the engine accepts, some mutated; now and then a blank line. */
    private static String file(long seed) {
        StringBuilder out = new StringBuilder();
        int n = 1 + (int) Math.floorMod(seed, 40L);
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < n; i++) {
            at = at.plusSeconds(Math.floorMod(seed * 31 + i, 100_000L));
            out.append(i % 17 == 16 ? "  " : EventLineGen.forFile(seed * 131 + i, at).text().replace("\n", " ")).append('\n');
        }
        return out.toString();
    }

    private List<String> run(boolean fast, List<String> args) throws IOException {
        EventLine.fastPath = fast;
        Path entries = dir.resolve("out.jsonl");
        Files.deleteIfExists(entries);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = ReferralKitCli.execute(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        List<String> seen = new ArrayList<>(List.of(String.valueOf(status), out.toString(), err.toString()));
        seen.add(Files.exists(entries) ? new String(Files.readAllBytes(entries), StandardCharsets.UTF_8) : "(no entries file)");
        return seen;
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));  // a lone surrogate (from cutting an escape pair) becomes '?'
        return file;
    }
}
