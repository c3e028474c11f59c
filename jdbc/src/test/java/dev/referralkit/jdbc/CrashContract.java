package dev.referralkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.referralkit.jdbc.CrashWorkload.Expected;
import dev.referralkit.jdbc.internal.JdbcStore;
import dev.referralkit.jdbc.internal.JournalMark;
import dev.referralkit.jdbc.internal.StoredRecord;
import dev.referralkit.jdbc.internal.UrlDataSource;
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
 * The crash test: a child JVM streams events into the database and is killed with {@code SIGKILL} at
 * seeded random points, then restarted, until it finishes; what is stored must then equal an
 * uninterrupted in-memory run's, row for row: the same entry ids, amounts and {@code availableAt}, the
 * same payouts and records, nothing missing, nothing twice.
 *
 * <p>At every kill point the harness also opens the store itself and checks that it holds exactly the
 * first {@code k} events' rows for some {@code k} (whole transactions only) and at least every commit
 * the child had reported (a reported commit survives the kill).
 *
 * <p>Kill points: {@code -Dreferralkit.crash.kills=N} (50 by default, per database); seed:
 * {@code -Dreferralkit.crash.seed=S}. One in five points kills the child at a random instant of the
 * 0.8 s after it starts to open the store (connecting, checking the history, migrating the first
 * time, reading the records back); the others when it has reported a random number of committed
 * events, so most kills land inside a transaction. The first child finds an empty database, so a
 * kill can interrupt the migrations (on H2, whose DDL is not transactional, the next start runs the
 * first script again: it creates only what is missing).
 * The kill is {@link Process#destroyForcibly()}, which on Linux sends {@code SIGKILL}: the harness
 * checks the exit status 137 (128 + 9) and that the child's shutdown hook never ran but once, at its
 * one normal exit.
 */
abstract class CrashContract {
    private static final int EVENTS = 3_000;
    private static final int[] BATCH_SIZES = {1, 3, 10, 40, 100};

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
        String url = freshUrl();
        Path marker = dir.resolve("hooks");
        Path log = dir.resolve("child.log");

        List<Integer> targets = new ArrayList<>();
        for (int k = 0; k < kills; k++) {
            targets.add(1 + random.nextInt(EVENTS - 1));
        }
        targets.sort(null);

        int acknowledged = 0;
        int sigkills = 0;
        for (int target : targets) {
            boolean early = random.nextInt(5) == 0;
            // a killed child never writes the last event: it waits there, so every kill is a SIGKILL
            Process child = start(url, streamSeed, BATCH_SIZES[random.nextInt(BATCH_SIZES.length)], marker, log, EVENTS - 1);
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
            int stored = checkPrefix(url, streamSeed);
            assertThat(stored).as("events stored after a kill, against commits reported before it").isGreaterThanOrEqualTo(acknowledged);
            acknowledged = stored;
        }

        Process last = start(url, streamSeed, BATCH_SIZES[random.nextInt(BATCH_SIZES.length)], marker, log, EVENTS);
        String output = new String(last.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(last.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(last.exitValue()).as("the last run's exit status; see %s", log).isZero();
        assertThat(output).endsWith("done\n");

        assertThat(checkPrefix(url, streamSeed)).isEqualTo(EVENTS);
        assertThat(sigkills).as("children killed with SIGKILL").isEqualTo(kills);
        // only the one normal exit ran the shutdown hook: every kill was a SIGKILL
        assertThat(Files.readAllLines(marker)).containsExactly("hook");
    }

    private Process start(String url, long streamSeed, int batchSize, Path marker, Path log, int hold) throws IOException {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"),
                CrashWorkload.class.getName(),
                url, user(), password(), Integer.toString(EVENTS), Long.toString(streamSeed), Integer.toString(batchSize),
                marker.toString(), Integer.toString(hold));
        return new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    /**
     * Opens the store in this JVM and checks that it holds exactly the rows of the stream's first k
     * events, for some k.
     *
     * @return k
     */
    private int checkPrefix(String url, long streamSeed) {
        try (JdbcStore store = JdbcStore.open(UrlDataSource.of(url, user(), password()))) {
            List<JournalMark> journal = new ArrayList<>();
            store.readJournal(journal::add);
            int k = journal.size();
            for (int i = 0; i < k; i++) {
                assertThat(journal.get(i).seq()).isEqualTo(i + 1L);
                assertThat(journal.get(i).eventId()).isEqualTo(CrashWorkload.eventId(i));
                assertThat(journal.get(i).fingerprint()).isEqualTo(CrashWorkload.mix(streamSeed, i));
            }
            Expected expected = CrashWorkload.uninterrupted(streamSeed, k);
            assertThat(store.entries()).as("entries after %d events", k).containsExactlyElementsOf(expected.entries());
            // Entry equality covers id, kind, partner, customer, event, amount and availableAt; scale too:
            List<String> exact = new ArrayList<>();
            store.readEntries(null, e -> exact.add(e.id() + " " + e.amount() + " " + e.availableAt()));
            assertThat(exact).containsExactlyElementsOf(expected.entries().stream()
                    .map(e -> e.id() + " " + e.amount() + " " + e.availableAt()).toList());
            assertThat(store.payouts()).as("payouts after %d events", k).containsExactlyElementsOf(expected.payouts());
            List<StoredRecord> records = new ArrayList<>();
            store.readState(records::add);
            assertThat(records).as("records after %d events", k).containsExactlyElementsOf(expected.records());
            return k;
        }
    }
}
