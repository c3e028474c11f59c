package dev.referralkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.engine.Outcome;
import dev.referralkit.engine.ReferralEngine;
import dev.referralkit.event.Event;
import dev.referralkit.jdbc.internal.JdbcStore;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.program.EventIdRetention;
import dev.referralkit.testkit.Histories;
import dev.referralkit.testkit.History;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durable engine over the testkit's generated histories (every event type, every strategy, lifecycle
 * and retention setting, bad events mixed in), each into new stores:
 * <ul>
 * <li>events given in batches of random sizes (one transaction each) give the same outcomes and leave the
 *     same stored rows — journal, entries, payouts, records — as one call per event;</li>
 * <li>one call per event, with the engine closed and reopened from the store at a random point, gives
 *     the in-memory engine's outcomes and state. Under {@code retention.eventIds: "until_payout_run"} the
 *     journal remembers ids the in-memory engine forgets: where the in-memory engine answers
 *     {@code LATE_EVENT} to an id accepted before, the durable one answers {@code DUPLICATE} or
 *     {@code DUPLICATE_CONFLICT}; where it accepts such an id again (a reused id), the durable one refuses
 *     it {@code DUPLICATE_CONFLICT}, and from there the two histories differ and are compared no further.</li>
 * </ul>
 * Histories: {@code -Dreferralkit.durableHistories=N} (40 on H2 by default, a quarter of that on
 * PostgreSQL); seed: {@code -Dreferralkit.seed=S}.
 */
class DurableEngineProperties {
    static final long SEED = Long.getLong("referralkit.seed", 20261129L);
    static final int HISTORIES = Integer.getInteger("referralkit.durableHistories", 40);

    @TempDir
    Path dir;

    private int files;

    @Test
    void on_h2_batches_store_what_single_events_store_and_recovery_continues_as_memory_does() {
        check(HISTORIES, SEED, () -> UrlDataSource.of("jdbc:h2:file:" + dir.resolve("p" + ++files), "sa", ""));
    }

    @Test
    void on_postgresql_batches_store_what_single_events_store_and_recovery_continues_as_memory_does() {
        check(Math.max(1, HISTORIES / 4), SEED + 1_000_000, () -> PostgresServer.dataSource(PostgresServer.newSchema()));
    }

    private static void check(int histories, long first, Supplier<DataSource> stores) {
        int eventsSeen = 0;
        int batchesOfSeveral = 0;
        for (long seed = first; seed < first + histories; seed++) {
            History h = Histories.standard().histories().generate(seed);
            SplittableRandom random = new SplittableRandom(seed);
            DataSource singleStore = stores.get();
            DataSource batchStore = stores.get();

            List<String> single = new ArrayList<>();
            int reopenAt = random.nextInt(h.events().size() + 1);
            // small checkpoints: reopening reads a checkpoint and a log; the batched store logs only
            long checkpointBytes = 1 + random.nextInt(8_192);
            DurableEngine one = DurableEngine.open(singleStore, h.program(), h.partners(), checkpointBytes);
            try {
                for (int i = 0; i < h.events().size(); i++) {
                    if (i == reopenAt) {
                        one.close();
                        one = DurableEngine.open(singleStore, h.program(), h.partners(), checkpointBytes);
                    }
                    single.add(CrashWorkload.describe(one.process(h.events().get(i))));
                }
                compareWithMemory(seed, h, single, one);
            } finally {
                one.close();
            }

            List<String> batched = new ArrayList<>();
            try (DurableEngine many = DurableEngine.open(batchStore, h.program(), h.partners())) {
                List<Event> batch = new ArrayList<>();
                List<Integer> positions = new ArrayList<>();
                String[] outcomes = new String[h.events().size()];
                int size = 1 + random.nextInt(20);
                for (int i = 0; i < h.events().size(); i++) {
                    Event event = readable(h.events().get(i));
                    if (event == null) {
                        outcomes[i] = CrashWorkload.describe(many.process(h.events().get(i)));
                        continue;
                    }
                    batch.add(event);
                    positions.add(i);
                    if (batch.size() == size || i == h.events().size() - 1) {
                        List<Outcome> done = many.processAll(batch);
                        batchesOfSeveral += batch.size() > 1 ? 1 : 0;
                        for (int j = 0; j < done.size(); j++) {
                            outcomes[positions.get(j)] = CrashWorkload.describe(done.get(j));
                        }
                        batch.clear();
                        positions.clear();
                        size = 1 + random.nextInt(20);
                    }
                }
                if (!batch.isEmpty()) {
                    List<Outcome> done = many.processAll(batch);
                    for (int j = 0; j < done.size(); j++) {
                        outcomes[positions.get(j)] = CrashWorkload.describe(done.get(j));
                    }
                }
                batched.addAll(List.of(outcomes));
            }
            assertThat(batched).as("seed %d: outcomes in batches", seed).containsExactlyElementsOf(single);
            assertThat(rows(batchStore)).as("seed %d: rows stored in batches", seed).isEqualTo(rows(singleStore));
            eventsSeen += h.events().size();
        }
        assertThat(eventsSeen).isGreaterThan(histories * 5);
        assertThat(batchesOfSeveral).isPositive();
    }

    private static Event readable(JsonNode node) {
        try {
            return ReferralKitJson.read(node, Event.class, RejectionCode.INVALID_EVENT);
        } catch (ReferralKitException e) {
            return null;
        }
    }

    /** The durable run against the in-memory engine, with what only the journal can know allowed for. */
    private static void compareWithMemory(long seed, History h, List<String> durable, DurableEngine engine) {
        ReferralEngine memory = ReferralEngine.create(h.program(), h.partners());
        boolean journalKnowsMore = h.program().retention().eventIds() == EventIdRetention.UNTIL_PAYOUT_RUN;
        Set<String> accepted = new HashSet<>();
        for (int i = 0; i < h.events().size(); i++) {
            Outcome m = memory.process(h.events().get(i));
            String want = CrashWorkload.describe(m);
            String got = durable.get(i);
            if (!want.equals(got)) {
                String id = m.event();
                String code = got.split(" ", 3)[1];
                boolean known = accepted.contains(id);
                assertThat(journalKnowsMore && known).as("seed %d, event %d: durable %s, in memory %s", seed, i, got, want).isTrue();
                if (m.isAccepted()) {
                    assertThat(code).as("seed %d, event %d: a reused id", seed, i).isEqualTo("DUPLICATE_CONFLICT");
                    return; // the histories part here
                }
                assertThat(m.rejection().orElseThrow().code()).as("seed %d, event %d", seed, i).isEqualTo(RejectionCode.LATE_EVENT);
                assertThat(code).as("seed %d, event %d", seed, i).isIn("DUPLICATE", "DUPLICATE_CONFLICT");
            }
            if (m.isAccepted()) {
                accepted.add(m.event());
            }
        }
        assertThat(engine.snapshot()).as("seed %d: state", seed).isEqualTo(memory.snapshot());
    }

    /** Everything a store holds, as text. */
    private static List<String> rows(DataSource ds) {
        List<String> rows = new ArrayList<>();
        try (JdbcStore store = JdbcStore.openForReading(ds)) {
            store.readEvents(r -> rows.add("journal " + r.eventId() + " " + r.fingerprint() + " " + r.eventJson()));
            store.readEntries(null, e -> rows.add("entry " + ReferralKitJson.write(e) + " " + e.explanation().rule()));
            store.readPayouts(p -> rows.add("payout " + ReferralKitJson.write(p)));
            store.readState(r -> rows.add("record " + r.key() + " " + r.version() + " " + CrashWorkload.hex(r.value())));
        }
        return rows;
    }
}
