package dev.referralkit.jdbc.internal;

import dev.referralkit.engine.state.Bytes;
import dev.referralkit.jdbc.StoreException;
import dev.referralkit.jdbc.StoreException.Code;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The engine's record changes as bytes, the form of a row of {@code rk_state_log} (one transaction's
 * changes, in order) and of a chunk of {@code rk_state_chunk} (a checkpoint's records, puts only); and
 * the view that folds them back into records. Written and read with the engine's {@link Bytes} primitives;
 * the layout, format 1:
 *
 * <pre>
 * format      u8 (1)
 * change*     put:      u8 1, kind var, key blob, version var, value blob
 *             deletion: u8 2, kind var, key blob
 *             prefix:   u8 3, kind var, prefix blob   (every key of the kind that starts with it)
 * </pre>
 *
 * {@code var} is {@link Bytes.Writer#var} (zig-zag, 7 bits a byte), {@code blob} a var length and the bytes.
 */
final class StateLog {
    /** The layout this code writes and reads. */
    static final int FORMAT = 1;
    private static final int PUT = 1;
    private static final int DELETE = 2;
    private static final int PREFIX = 3;

    private StateLog() {
    }

    /** @return a writer holding the format byte, to {@link #add} changes to */
    static Bytes.Writer writer() {
        return new Bytes.Writer().u8(FORMAT);
    }

    /** @return true if the writer holds nothing but the format byte */
    static boolean isEmpty(Bytes.Writer w) {
        return w.size() == 1;
    }

    /** Appends one change. */
    static void add(Bytes.Writer w, StateChange change) {
        if (change instanceof StoredRecord r) {
            w.u8(PUT).var(r.key().kind()).blob(r.key().key()).var(r.version()).blob(r.value());
        } else if (change instanceof StoredDeletion d) {
            w.u8(DELETE).var(d.key().kind()).blob(d.key().key());
        } else {
            PrefixDeletion p = (PrefixDeletion) change;
            w.u8(PREFIX).var(p.kind()).blob(p.prefix());
        }
    }

    /**
     * Decodes the changes of one row, in order.
     *
     * @param bytes    the row's bytes
     * @param where    the row, for messages ("state log row 12")
     * @param putsOnly true for a checkpoint's chunk, which holds records, never deletions
     * @param sink     receives each change
     * @throws StoreException {@code SCHEMA_TOO_NEW} for a newer layout, {@code SCHEMA_INVALID} for bytes that
     *                        are not this layout
     */
    static void decode(byte[] bytes, String where, boolean putsOnly, Consumer<StateChange> sink) {
        if (bytes.length == 0) {
            throw invalid(where, "it is empty");
        }
        if ((bytes[0] & 0xFF) > FORMAT) {
            throw StoreException.of(Code.SCHEMA_TOO_NEW, "the store's " + where + " is in layout " + (bytes[0] & 0xFF)
                    + ", newer than this library's " + FORMAT + ": use a newer ReferralKit", null, null);
        }
        if (bytes[0] != FORMAT) {
            throw invalid(where, "its layout byte is " + (bytes[0] & 0xFF));
        }
        Bytes.Reader in = new Bytes.Reader(bytes, 1);
        while (!in.atEnd()) {
            int at = in.position();
            int op = in.u8();
            if (op != PUT && (putsOnly || (op != DELETE && op != PREFIX))) {
                throw invalid(where, "byte " + at + " is no " + (putsOnly ? "record" : "change") + " (" + op + ")");
            }
            try {
                int kind = in.varInt();
                byte[] key = in.blob();
                if (op == PUT) {
                    int version = in.varInt();
                    sink.accept(new StoredRecord(new RecordKey(kind, key), version, in.blob()));
                } else if (op == DELETE) {
                    sink.accept(new StoredDeletion(new RecordKey(kind, key)));
                } else {
                    sink.accept(new PrefixDeletion(kind, key));
                }
            } catch (IllegalArgumentException e) {
                throw invalid(where, "the change at byte " + at + " is not valid: " + e.getMessage());
            }
        }
    }

    private static StoreException invalid(String where, String why) {
        return StoreException.of(Code.SCHEMA_INVALID, "the store's " + where + " cannot be read: " + why, null, null);
    }

    /**
     * The records that a base, a checkpoint and the log after it make, folded in order: the last change
     * to a key wins, and a prefix deletion removes what was put under it before. Iterates by kind, then
     * key bytes unsigned.
     */
    static final class View {
        private final NavigableMap<RecordKey, StoredRecord> records = new TreeMap<>();

        void apply(StateChange change) {
            if (change instanceof StoredRecord r) {
                records.put(r.key(), r);
            } else if (change instanceof StoredDeletion d) {
                records.remove(d.key());
            } else {
                PrefixDeletion p = (PrefixDeletion) change;
                byte[] prefix = p.prefix();
                RecordKey from = new RecordKey(p.kind(), prefix.length > 0 ? prefix : new byte[] {0});
                Iterator<Map.Entry<RecordKey, StoredRecord>> it = records.tailMap(from, true).entrySet().iterator();
                while (it.hasNext()) {
                    RecordKey k = it.next().getKey();
                    if (k.kind() != p.kind() || !startsWith(k.key(), prefix)) {
                        break;
                    }
                    it.remove();
                }
            }
        }

        private static boolean startsWith(byte[] key, byte[] prefix) {
            return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
        }

        int size() {
            return records.size();
        }

        void forEach(Consumer<StoredRecord> sink) {
            records.values().forEach(sink);
        }
    }
}
