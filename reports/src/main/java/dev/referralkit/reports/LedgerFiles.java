package dev.referralkit.reports;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.event.Event;
import dev.referralkit.event.PayoutRun;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.ledger.Binding;
import dev.referralkit.ledger.Credit;
import dev.referralkit.ledger.ImmutableBinding;
import dev.referralkit.ledger.Entry;
import dev.referralkit.ledger.EntryKind;
import dev.referralkit.money.Ratio;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Feeds a {@link ReportBuilder} from files, without running the engine: a <b>journal</b> of the
 * accepted events (JSON Lines, in the order the engine accepted them), the <b>entries</b> the engine
 * made (JSON Lines, in the order made: what {@code run --entries} writes) and the <b>bindings</b> it
 * made (JSON Lines, one FORMATS.md §3 binding object a line, in the order made; a weight rounded
 * to 10 decimals is read back exactly, see {@link #exact}).
 *
 * <p>The three are read in step. An entry belongs to the journal's current event when it names
 * that event; during a payout run also a {@code TRUE_UP} (which names its payment) and a
 * {@code PARENT_SHARE} of one. A binding belongs to the event it names. An entry or binding that
 * belongs to no event, in this order, means the files do not match: an error naming file and line.
 *
 * <p>A rejected event has no place in a journal: its figures would count. Hosts that keep only the
 * raw event stream re-run the engine instead ({@link Reports#run}).
 */
public final class LedgerFiles {
    private static final ObjectReader EVENTS = ReferralKitJson.mapper().readerFor(Event.class);
    private static final ObjectReader ENTRIES = ReferralKitJson.mapper().readerFor(Entry.class);
    private static final ObjectReader BINDINGS = ReferralKitJson.mapper().readerFor(Binding.class);
    private static final BigInteger TEN_TO_DECIMALS = BigInteger.TEN.pow(Ratio.DISPLAY_DECIMALS);
    private static final BigInteger MAX_DENOMINATOR = BigInteger.valueOf(1_000_000);

    private LedgerFiles() {
    }

    /** Told how far reading has come, every {@value #EVERY} events and at the end. */
    @FunctionalInterface
    public interface Progress {
        /** How often progress is told, in events. */
        int EVERY = 65_536;

        /**
         * @param events     events read so far
         * @param bytesRead  bytes of the journal read so far
         * @param bytesTotal the journal's size
         */
        void at(long events, long bytesRead, long bytesTotal);
    }

    /**
     * Reads the three files into the builder.
     *
     * @param builder  the builder
     * @param journal  the accepted events
     * @param entries  the entries
     * @param bindings the bindings
     * @param progress told how far reading has come
     * @return the builder
     * @throws ReferralKitException naming file and line when a line is unreadable or the files do not match
     * @throws UncheckedIOException when a file cannot be read
     */
    public static ReportBuilder feed(ReportBuilder builder, Path journal, Path entries, Path bindings, Progress progress) {
        long total;
        try {
            total = Files.size(journal);
        } catch (IOException e) {
            throw cannotRead(journal, e);
        }
        try (Lines events = new Lines(journal); Lines entryLines = new Lines(entries); Lines bindingLines = new Lines(bindings)) {
            Entry nextEntry = entryLines.next(ENTRIES, Entry.class);
            Binding nextBinding = exact(bindingLines, bindingLines.next(BINDINGS, Binding.class));
            long count = 0;
            Event event;
            while ((event = events.next(EVENTS, Event.class)) != null) {
                Optional<Binding> binding = Optional.empty();
                if (nextBinding != null && nextBinding.event().equals(event.id())) {
                    binding = Optional.of(nextBinding);
                    nextBinding = exact(bindingLines, bindingLines.next(BINDINGS, Binding.class));
                }
                List<Entry> made = List.of();
                if (nextEntry != null && belongs(nextEntry, event)) {
                    made = new ArrayList<>(2);
                    while (nextEntry != null && belongs(nextEntry, event)) {
                        made.add(nextEntry);
                        nextEntry = entryLines.next(ENTRIES, Entry.class);
                    }
                }
                try {
                    builder.accept(event, made, binding);
                } catch (ReferralKitException e) {
                    throw events.error(e.getMessage());
                }
                if (++count % Progress.EVERY == 0) {
                    progress.at(count, events.bytes(), total);
                }
            }
            if (nextEntry != null) {
                throw entryLines.error("entry " + nextEntry.id() + " names event " + nextEntry.event()
                        + ", which is not next in the journal " + journal + ": the files do not match");
            }
            if (nextBinding != null) {
                throw bindingLines.error("binding of customer " + nextBinding.customer() + " names event "
                        + nextBinding.event() + ", which is not next in the journal " + journal + ": the files do not match");
            }
            progress.at(count, total, total);
            return builder;
        }
    }

    /**
     * Bindings in JSON show a weight with no finite decimal form (⅓) rounded to
     * {@value Ratio#DISPLAY_DECIMALS} decimals. Such a weight is read back as the simplest fraction
     * within half a unit of its last decimal (denominator at most a million); the credits must then
     * sum to exactly 1, or the file is refused.
     */
    static Binding exact(Lines lines, Binding b) {
        if (b == null || b.credits().isEmpty()) {
            return b;
        }
        List<Credit> credits = new ArrayList<>(b.credits().size());
        Ratio sum = Ratio.ZERO;
        boolean changed = false;
        for (Credit c : b.credits()) {
            Ratio w = c.weight();
            boolean tenDecimals = TEN_TO_DECIMALS.mod(w.denominator()).signum() == 0
                    && BigInteger.TEN.pow(Ratio.DISPLAY_DECIMALS - 1).mod(w.denominator()).signum() != 0;
            if (tenDecimals) {
                Ratio snapped = simplest(w);
                changed |= !snapped.equals(w);
                w = snapped;
            }
            credits.add(Credit.of(c.partner(), w));
            sum = sum.plus(w);
        }
        if (!sum.equals(Ratio.ONE)) {
            throw lines.error("the weights of customer " + b.customer() + "'s credits sum to " + sum.toDecimalString()
                    + ", not 1: the report needs exact weights");
        }
        return changed ? ImmutableBinding.copyOf(b).withCredits(credits) : b;
    }

    /** The simplest fraction within ±½·10^−10 of a 10-decimal value, by its continued fraction's convergents. */
    static Ratio simplest(Ratio x) {
        BigInteger n = x.numerator();
        BigInteger d = x.denominator();
        BigInteger p0 = BigInteger.ZERO;
        BigInteger q0 = BigInteger.ONE;
        BigInteger p1 = BigInteger.ONE;
        BigInteger q1 = BigInteger.ZERO;
        Ratio tolerance = Ratio.of(BigInteger.ONE, TEN_TO_DECIMALS.shiftLeft(1));
        while (d.signum() != 0) {
            BigInteger[] qr = n.divideAndRemainder(d);
            BigInteger p2 = qr[0].multiply(p1).add(p0);
            BigInteger q2 = qr[0].multiply(q1).add(q0);
            if (q2.compareTo(MAX_DENOMINATOR) > 0) {
                break;
            }
            Ratio candidate = Ratio.of(p2, q2);
            Ratio off = candidate.minus(x);
            if ((off.signum() < 0 ? off.negated() : off).compareTo(tolerance) <= 0) {
                return candidate;
            }
            p0 = p1;
            q0 = q1;
            p1 = p2;
            q1 = q2;
            n = d;
            d = qr[1];
        }
        return x;
    }

    private static boolean belongs(Entry entry, Event event) {
        return entry.event().equals(event.id()) || event instanceof PayoutRun
                && (entry.kind() == EntryKind.TRUE_UP || entry.kind() == EntryKind.PARENT_SHARE);
    }

    private static UncheckedIOException cannotRead(Path path, IOException e) {
        String why = e instanceof NoSuchFileException ? "no such file" : "cannot be read: " + e.getMessage();
        return new UncheckedIOException(path + ": " + why, e);
    }

    /** A JSON Lines file read one value at a time, knowing its line number and the bytes read. */
    private static final class Lines implements AutoCloseable {
        private final Path path;
        private final Counting counting;
        private final BufferedReader reader;
        private long line;

        Lines(Path path) {
            this.path = path;
            try {
                counting = new Counting(Files.newInputStream(path));
            } catch (IOException e) {
                throw cannotRead(path, e);
            }
            reader = new BufferedReader(new InputStreamReader(counting, StandardCharsets.UTF_8), 1 << 16);
        }

        <T> T next(ObjectReader json, Class<T> type) {
            try {
                String text;
                do {
                    text = reader.readLine();
                    line++;
                } while (text != null && text.isBlank());
                if (text == null) {
                    return null;
                }
                try {
                    return json.readValue(text);
                } catch (IOException | RuntimeException e) {
                    ReferralKitException x = e instanceof ReferralKitException k ? k
                            : ReferralKitJson.translate(e, RejectionCode.INVALID_EVENT);
                    throw error(x.getMessage());
                }
            } catch (IOException e) {
                throw cannotRead(path, e);
            }
        }

        long bytes() {
            return counting.count;
        }

        ReferralKitException error(String message) {
            String where = path + ":" + line;
            return ReferralKitException.of(RejectionCode.INVALID_EVENT, where, null, where + ": " + message);
        }

        @Override
        public void close() {
            try {
                reader.close();
            } catch (IOException e) {
                throw cannotRead(path, e);
            }
        }
    }

    /** Counts the bytes read through it. */
    private static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
