package dev.referralkit.jdbc;

import dev.referralkit.jdbc.internal.Batch;
import dev.referralkit.jdbc.internal.JdbcStore;
import dev.referralkit.jdbc.internal.JournalRow;
import dev.referralkit.jdbc.internal.PrefixDeletion;
import dev.referralkit.jdbc.internal.RecordKey;
import dev.referralkit.jdbc.internal.StateChange;
import dev.referralkit.jdbc.internal.StoredDeletion;
import dev.referralkit.jdbc.internal.StoredRecord;
import dev.referralkit.jdbc.internal.StoreMeta;
import dev.referralkit.jdbc.internal.UrlDataSource;
import dev.referralkit.ledger.Entry;
import dev.referralkit.ledger.EntryKind;
import dev.referralkit.ledger.Explanation;
import dev.referralkit.ledger.ImmutableEntry;
import dev.referralkit.ledger.ImmutablePayout;
import dev.referralkit.ledger.Payout;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A stand-in for the durable engine, for the crash test: a deterministic stream of events whose
 * outputs depend on the state that earlier events left, written the way the durable engine will write
 * (state in memory, changes collected per batch, one transaction per batch, the in-memory change kept
 * only once the transaction committed).
 *
 * <p>Event {@code i} of a stream with seed {@code s} touches a customer and a partner drawn from
 * {@code mix(s, i)}: it counts the customer's events (a record, deleted every 13th event), adds to the
 * partner's balance (a record), and every other event makes an entry whose amount depends on both
 * records and joins the partner's unsettled list (a record of growing size). Every 97th event is a
 * payout run that settles every partner's unsettled entries. So a lost, doubled or stale record shows
 * in the amounts of later entries, and a lost or doubled event in the ids. The payout run deletes the
 * unsettled lists as one range of keys (a prefix deletion), after puts to them in the same batch.
 *
 * <p>Run as a program ({@link #main}) it resumes from what is stored: events already journaled are
 * skipped (a re-delivery after the crash is a duplicate), the others processed in batches. It prints
 * {@code starting} before it opens the store, {@code open N} once it has read it, {@code committed N} after each commit ({@code N}: events
 * journaled so far), and {@code done} at the end. Given a hold point, it stops there instead, prints
 * {@code holding N} and waits to be killed.
 */
final class CrashWorkload {
    static final int CUSTOMERS = 40;
    static final int PARTNERS = 6;
    static final StoreMeta META = new StoreMeta("crash-workload", 1);
    private static final Currency USD = Currency.getInstance("USD");
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final long seed;
    /** Committed state: what the store holds. */
    private final Map<RecordKey, StoredRecord> state = new HashMap<>();
    /** The current batch's changes, over {@link #state}; empty optional: deleted. */
    private final Map<RecordKey, Optional<StoredRecord>> pending = new HashMap<>();

    CrashWorkload(long seed) {
        this.seed = seed;
    }

    static String eventId(int i) {
        return (i % 97 == 96 ? "run" : "e") + i;
    }

    static long mix(long seed, long i) {
        long z = seed + (i + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Processes event {@code i} against committed plus pending state, adding its rows to {@code out}. */
    void process(int i, Batch.Builder out) {
        long r = mix(seed, i);
        String id = eventId(i);
        out.journal(new JournalRow(id, r, "{\"i\":" + i + "}"));
        if (id.startsWith("run")) {
            payoutRun(id, out);
            return;
        }
        String customer = "c" + Long.remainderUnsigned(r, CUSTOMERS);
        String partner = "p" + Long.remainderUnsigned(r >>> 8, PARTNERS);
        long count = number(key(1, customer)) + 1;
        if (i % 13 == 12) {
            change(out, new StoredDeletion(key(1, customer)));
        } else {
            change(out, new StoredRecord(key(1, customer), 1, bytes(count)));
        }
        long balance = number(key(2, partner)) + Long.remainderUnsigned(r >>> 16, 1000);
        change(out, new StoredRecord(key(2, partner), 1, bytes(balance)));
        if (((r >>> 32) & 1) == 0) {
            long cents = count * 7 + balance % 100 + 1;
            Entry entry = ImmutableEntry.builder()
                    .id(id + "/" + partner + "/commission")
                    .kind(EntryKind.COMMISSION)
                    .partner(partner)
                    .customer(customer)
                    .event(id)
                    .amount(BigDecimal.valueOf(cents, 2))
                    .currency(USD)
                    .availableAt(Instant.ofEpochSecond(START.getEpochSecond() + i * 3600L,
                            (int) Long.remainderUnsigned(r, 1_000_000_000)))
                    .explanation(Explanation.of("stand-in", count + " events, balance " + balance))
                    .build();
            out.entry(entry);
            String unsettled = text(key(3, partner));
            change(out, new StoredRecord(key(3, partner), 2,
                    (unsettled + entry.id() + "=" + cents + "\n").getBytes(StandardCharsets.UTF_8)));
        }
    }

    private void payoutRun(String run, Batch.Builder out) {
        for (int p = 0; p < PARTNERS; p++) {
            String partner = "p" + p;
            String unsettled = text(key(3, partner));
            if (unsettled.isEmpty()) {
                continue;
            }
            List<String> ids = new ArrayList<>();
            long cents = 0;
            for (String line : unsettled.split("\n")) {
                int eq = line.indexOf('=');
                ids.add(line.substring(0, eq));
                cents += Long.parseLong(line.substring(eq + 1));
            }
            out.entry(ImmutableEntry.builder()
                    .id(run + "/" + partner + "/USD/payout")
                    .kind(EntryKind.PAYOUT)
                    .partner(partner)
                    .event(run)
                    .amount(BigDecimal.valueOf(-cents, 2))
                    .currency(USD)
                    .availableAt(START)
                    .explanation(Explanation.of("payout", "paid " + ids.size() + " entries"))
                    .build());
            Payout payout = ImmutablePayout.builder().run(run).partner(partner).currency(USD)
                    .amount(BigDecimal.valueOf(cents, 2)).entries(ids).build();
            out.payout(payout);
        }
        // every unsettled list at once, as the engine forgets a bucket of event ids: one range of keys
        change(out, new PrefixDeletion(3, "p".getBytes(StandardCharsets.UTF_8)));
    }

    private void change(Batch.Builder out, StateChange change) {
        out.change(change);
        if (change instanceof StoredRecord r) {
            pending.put(r.key(), Optional.of(r));
        } else if (change instanceof StoredDeletion d) {
            pending.put(d.key(), Optional.empty());
        } else {
            PrefixDeletion range = (PrefixDeletion) change;
            List<RecordKey> keys = new ArrayList<>(state.keySet());
            keys.addAll(pending.keySet());
            for (RecordKey k : keys) {
                if (k.kind() == range.kind() && startsWith(k.key(), range.prefix())) {
                    pending.put(k, Optional.empty());
                }
            }
        }
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    private Optional<StoredRecord> get(RecordKey key) {
        Optional<StoredRecord> p = pending.get(key);
        return p != null ? p : Optional.ofNullable(state.get(key));
    }

    private long number(RecordKey key) {
        return get(key).map(r -> ByteBuffer.wrap(r.value()).getLong()).orElse(0L);
    }

    private String text(RecordKey key) {
        return get(key).map(r -> new String(r.value(), StandardCharsets.UTF_8)).orElse("");
    }

    /** The batch committed: its changes become the state. */
    void committed() {
        pending.forEach((k, v) -> {
            if (v.isPresent()) {
                state.put(k, v.get());
            } else {
                state.remove(k);
            }
        });
        pending.clear();
    }

    /** The batch failed: forget its changes. */
    void rolledBack() {
        pending.clear();
    }

    /** @return the committed records, in the store's order */
    List<StoredRecord> records() {
        return new ArrayList<>(new TreeMap<>(state).values());
    }

    static RecordKey key(int kind, String key) {
        return new RecordKey(kind, key.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] bytes(long value) {
        return ByteBuffer.allocate(8).putLong(value).array();
    }

    /**
     * What an uninterrupted run of the first {@code events} events leaves.
     *
     * @param seed   the stream
     * @param events how many
     * @return the entries, payouts and records
     */
    static Expected uninterrupted(long seed, int events) {
        CrashWorkload w = new CrashWorkload(seed);
        List<Entry> entries = new ArrayList<>();
        List<Payout> payouts = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            Batch.Builder b = Batch.builder();
            w.process(i, b);
            w.committed();
            Batch batch = b.build();
            entries.addAll(batch.entries());
            payouts.addAll(batch.payouts());
        }
        return new Expected(entries, payouts, w.records());
    }

    /**
     * What a run leaves in the store.
     *
     * @param entries the ledger
     * @param payouts the payout records
     * @param records the engine's records, in key order
     */
    record Expected(List<Entry> entries, List<Payout> payouts, List<StoredRecord> records) {
    }

    /**
     * Resumes the stream from what the store holds and runs it to its end.
     *
     * @param args URL, user, password, number of events, stream seed, batch size, hook marker file,
     *             and optionally a number of events after which the child stops writing and waits to be
     *             killed (so that a kill round never ends in a normal exit, however fast the machine)
     * @throws IOException if the marker cannot be written
     * @throws InterruptedException if interrupted while waiting to be killed
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        String url = args[0];
        String user = args[1];
        String password = args[2];
        int events = Integer.parseInt(args[3]);
        long seed = Long.parseLong(args[4]);
        int batchSize = Integer.parseInt(args[5]);
        Path marker = Path.of(args[6]);
        int hold = args.length > 7 ? Integer.parseInt(args[7]) : events;
        // SIGKILL runs no shutdown hook: the harness counts the lines this writes
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.writeString(marker, "hook\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }));
        PrintStream out = System.out;
        out.println("starting");
        out.flush();
        try (JdbcStore store = JdbcStore.open(UrlDataSource.of(url, user, password))) {
            store.claim(META);
            CrashWorkload w = new CrashWorkload(seed);
            store.readState(r -> w.state.put(r.key(), r));
            Set<String> journaled = new HashSet<>();
            store.readJournal(m -> journaled.add(m.eventId()));
            out.println("open " + journaled.size());
            out.flush();
            Batch.Builder batch = Batch.builder();
            for (int i = 0; i < hold; i++) {
                if (journaled.contains(eventId(i))) {
                    continue; // DUPLICATE
                }
                w.process(i, batch);
                if (batch.events() == batchSize || i == hold - 1) {
                    write(store, w, batch, journaled);
                    out.println("committed " + journaled.size());
                    out.flush();
                }
            }
            if (batch.events() > 0) {
                write(store, w, batch, journaled);
                out.println("committed " + journaled.size());
            }
            if (hold < events) {
                out.println("holding " + journaled.size());
                out.flush();
                Thread.sleep(Long.MAX_VALUE); // until the harness kills it
            }
        }
        out.println("done");
        out.flush();
    }

    private static void write(JdbcStore store, CrashWorkload w, Batch.Builder batch, Set<String> journaled) {
        Batch b = batch.build();
        try {
            store.write(b);
        } catch (RuntimeException e) {
            w.rolledBack();
            throw e;
        }
        w.committed();
        b.journal().forEach(r -> journaled.add(r.eventId()));
        batch.clear();
    }
}
