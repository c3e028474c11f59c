package dev.referralkit.jdbc.internal;

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
 * the view that folds them back into records. The layout, format 1, big-endian:
 *
 * <pre>
 * format      1 byte (1)
 * change*     put:      0x01 kind:u16 keyLength:varint key version:u16 valueLength:varint value
 *             deletion: 0x02 kind:u16 keyLength:varint key
 *             prefix:   0x03 kind:u16 prefixLength:varint prefix   (every key of the kind that starts with it)
 * </pre>
 *
 * A varint is 7 bits a byte, low bits first, the high bit set on every byte but the last.
 */
final class StateLog {
    /** The layout this code writes and reads. */
    static final int FORMAT = 1;
    private static final int PUT = 1;
    private static final int DELETE = 2;
    private static final int PREFIX = 3;

    private StateLog() {
    }

    /** Appends changes to a growing byte array. Not thread-safe. */
    static final class Writer {
        private byte[] buf;
        private int size;

        Writer(int capacity) {
            buf = new byte[Math.max(16, capacity)];
            buf[0] = FORMAT;
            size = 1;
        }

        /** @return bytes written so far, the format byte included */
        int size() {
            return size;
        }

        /** @return true if nothing but the format byte was written */
        boolean isEmpty() {
            return size == 1;
        }

        void add(StateChange change) {
            if (change instanceof StoredRecord r) {
                head(PUT, r.key().kind(), r.key().key());
                u16(r.version());
                bytes(r.value());
            } else if (change instanceof StoredDeletion d) {
                head(DELETE, d.key().kind(), d.key().key());
            } else {
                PrefixDeletion p = (PrefixDeletion) change;
                head(PREFIX, p.kind(), p.prefix());
            }
        }

        private void head(int op, int kind, byte[] key) {
            ensure(3);
            buf[size++] = (byte) op;
            u16(kind);
            bytes(key);
        }

        private void u16(int v) {
            ensure(2);
            buf[size++] = (byte) (v >>> 8);
            buf[size++] = (byte) v;
        }

        private void bytes(byte[] b) {
            ensure(5 + b.length);
            int n = b.length;
            while (n >= 0x80) {
                buf[size++] = (byte) (n | 0x80);
                n >>>= 7;
            }
            buf[size++] = (byte) n;
            System.arraycopy(b, 0, buf, size, b.length);
            size += b.length;
        }

        private void ensure(int more) {
            if (size + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
            }
        }

        /** @return the bytes written, the format byte first */
        byte[] toBytes() {
            return Arrays.copyOf(buf, size);
        }

        /** Forgets what was written, keeping the format byte. */
        void reset() {
            size = 1;
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
        Reader in = new Reader(bytes, where);
        while (in.pos < bytes.length) {
            int at = in.pos;
            int op = bytes[in.pos++];
            if (op != PUT && (putsOnly || (op != DELETE && op != PREFIX))) {
                throw invalid(where, "byte " + at + " is no " + (putsOnly ? "record" : "change") + " (" + op + ")");
            }
            int kind = in.u16();
            byte[] key = in.bytes();
            try {
                if (op == PUT) {
                    int version = in.u16();
                    sink.accept(new StoredRecord(new RecordKey(kind, key), version, in.bytes()));
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

    private static final class Reader {
        private final byte[] b;
        private final String where;
        private int pos;

        Reader(byte[] b, String where) {
            this.b = b;
            this.where = where;
            this.pos = 1;
        }

        int u16() {
            need(2);
            int v = ((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF);
            pos += 2;
            return v;
        }

        byte[] bytes() {
            int start = pos;
            int n = 0;
            for (int shift = 0; ; shift += 7) {
                need(1);
                int x = b[pos++] & 0xFF;
                // at most 31 bits: a fifth byte carries the top 3; a longer or larger length is not ours
                if (shift == 28 && x > 0x07) {
                    throw invalid(where, "the length at byte " + start + " is too large");
                }
                n |= (x & 0x7F) << shift;
                if (x < 0x80) {
                    break;
                }
            }
            need(n);
            byte[] out = Arrays.copyOfRange(b, pos, pos + n);
            pos += n;
            return out;
        }

        private void need(int n) {
            if (n > b.length - pos) {
                throw invalid(where, "it ends inside a change, at byte " + b.length);
            }
        }
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
