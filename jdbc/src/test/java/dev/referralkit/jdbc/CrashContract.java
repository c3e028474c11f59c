package dev.referralkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.referralkit.jdbc.internal.JdbcStore;
import dev.referralkit.jdbc.internal.JournalMark;
import dev.referralkit.ledger.Entry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test: a child JVM streams a generated history through the {@link DurableEngine} and is killed
 * with {@code SIGKILL} at seeded random points, then restarted, until it finishes; what is stored must then
 * equal the uninterrupted in-memory run's: the same journal, the same entries (ids, amounts to the scale,
 * {@code availableAt} to the nanosecond), the same payouts and the same engine records byte for byte,
 * nothing missing, nothing twice. Each restart resumes where the journal says it stopped, re-delivers
 * events already stored (they must be {@code DUPLICATE}s) and checks every outcome against the
 * uninterrupted run ({@link CrashWorkload}).
 *
 * <p>At every kill point the harness also opens the store itself and checks that it holds exactly the
 * rows of the first {@code k} accepted events for some {@code k} (whole transactions only) and at least
 * every commit the child had reported (a reported commit survives the kill).
 *
 * <p>Kill points: {@code -Dreferralkit.crash.kills=N} (50 by default, per database); seed:
 * {@code -Dreferralkit.crash.seed=S}. One in five points kills the child at a random instant of the
 * 0.8 s after it starts to open the store (connecting, checking the history, migrating the first
 * time, reading the records back); the others when it has reported a random number of stored
 * events, so most kills land inside a transaction. The first child finds an empty database, so a
 * kill can interrupt the migrations (on H2, whose DDL is not transactional, the next start runs the
 * first script again: it creates only what is missing).
 * The kill is {@link Process#destroyForcibly()}, which on Linux sends {@code SIGKILL}: the harness
 * checks the exit status 137 (128 + 9), that all {@code N} rounds ended in one, and that the child's
 * shutdown hook ran exactly once, at the last child's normal exit. A child that is to be killed is told to
 * stop before the stream's last event: it prints {@code holding K} there and waits, so a round never
 * ends in a normal exit however fast or slow the machine is.
 */
abstract class CrashContract {
    /** Events per call of the child; 600 is pipelined (DurableEngine.PART), so kills land between its parts too. */
    private static final int[] BATCH_SIZES = {1, 3, 10, 40, 100, 600};

    /** @return a new, empty store's URL */
    abstract String freshUrl();

    abstract String user();

    abstract String password();

    /** Kept when the test fails: the child's log is there. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void killed_at_random_points_the_writer_resumes_and_stores_exactly_what_an_uninterrupted_run_does()
            throws IOException, InterruptedException {
        int kills = Integer.getInteger("referralkit.crash.kills", 50);
        long seed = Long.getLong("referralkit.crash.seed", 20261129L);
        Random random = new Random(seed);
        long streamSeed = random.nextLong();
        CrashWorkload.Reference reference = CrashWorkload.Reference.of(CrashWorkload.history(streamSeed));
        Path files = Files.createDirectories(dir.resolve("stream"));
        reference.write(files);
        int events = reference.accepted().size();
        String url = freshUrl();
        Path marker = dir.resolve("hooks");
        Path log = dir.resolve("child.log");

        List<Integer> targets = new ArrayList<>();
        for (int k = 0; k < kills; k++) {
            targets.add(1 + random.nextInt(events - 1));
        }
        targets.sort(null);

        int acknowledged = 0;
        int sigkills = 0;
        int streamLength = reference.history().events().size();
        for (int target : targets) {
            boolean early = random.nextInt(5) == 0;
            // a child to be killed never reaches the stream's last event: it waits there, so every kill is a
            // SIGKILL however fast the machine (a fast child used to finish inside an early round's sleep)
            Process child = start(url, files, BATCH_SIZES[random.nextInt(BATCH_SIZES.length)], marker, log, streamLength - 1);
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                if (early) {
                    // inside open: connecting, checking the history, migrating (the first time), reading back
                    assertThat(out.readLine()).isEqualTo("starting");
                    Thread.sleep(random.nextInt(800));
                } else {
                    String line;
                    while ((line = out.readLine()) != null) {
                        int space = line.indexOf(' ');
                        String word = space < 0 ? line : line.substring(0, space);
                        if (word.equals("open") || word.equals("committed") || word.equals("holding")) {
                            acknowledged = Math.max(acknowledged, Integer.parseInt(line.substring(space + 1)));
                            if (acknowledged >= target || word.equals("holding")) {
                                break;
                            }
                        }
                    }
                }
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(child.exitValue()).as("exit status of a child killed with SIGKILL; see %s", log).isEqualTo(137);
            sigkills++;
            int stored = checkPrefix(url, reference);
            assertThat(stored).as("events stored after a kill, against commits reported before it").isGreaterThanOrEqualTo(acknowledged);
            acknowledged = stored;
        }

        Process last = start(url, files, BATCH_SIZES[random.nextInt(BATCH_SIZES.length)], marker, log, streamLength);
        String output = new String(last.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(last.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(last.exitValue()).as("the last run's exit status; see %s", log).isZero();
        assertThat(output).endsWith("done\n");

        assertThat(checkPrefix(url, reference)).isEqualTo(events);
        assertThat(sigkills).as("children killed with SIGKILL").isEqualTo(kills);
        // only the one normal exit ran the shutdown hook: every kill was a SIGKILL
        assertThat(Files.readAllLines(marker)).containsExactly("hook");
    }

    private Process start(String url, Path files, int batchSize, Path marker, Path log, int hold) throws IOException {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"),
                CrashWorkload.class.getName(),
                url, user(), password(), files.toString(), Integer.toString(batchSize), marker.toString(),
                Integer.toString(hold));
        return new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    /**
     * Opens the store in this JVM and checks that it holds exactly the rows of the stream's first k
     * accepted events, for some k.
     *
     * @return k
     */
    private int checkPrefix(String url, CrashWorkload.Reference reference) {
        try (JdbcStore store = JdbcStore.open(UrlDataSource.of(url, user(), password()))) {
            List<JournalMark> journal = new ArrayList<>();
            store.readJournal(journal::add);
            int k = journal.size();
            assertThat(journal).extracting(JournalMark::seq).containsExactlyElementsOf(
                    java.util.stream.LongStream.rangeClosed(1, k).boxed().toList());
            assertThat(journal).extracting(JournalMark::eventId).as("journal").containsExactlyElementsOf(reference.journal(k));
            List<Entry> expected = reference.entries(k);
            assertThat(store.entries()).as("entries after %d events", k).containsExactlyElementsOf(expected);
            // Entry equality covers id, kind, partner, customer, event, amount and availableAt; scale too:
            List<String> exact = new ArrayList<>();
            store.readEntries(null, e -> exact.add(e.id() + " " + e.amount() + " " + e.availableAt()));
            assertThat(exact).containsExactlyElementsOf(expected.stream()
                    .map(e -> e.id() + " " + e.amount() + " " + e.availableAt()).toList());
            assertThat(store.payouts()).as("payouts after %d events", k).containsExactlyElementsOf(reference.payouts(k));
            List<String> records = new ArrayList<>();
            store.readState(r -> records.add(CrashWorkload.hex(r.key().key()) + " " + CrashWorkload.hex(r.value())));
            assertThat(records).as("records after %d events", k).containsExactlyElementsOf(reference.records(k));
            return k;
        }
    }
}
