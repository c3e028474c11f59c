package dev.referralkit.jdbc.internal;

import dev.referralkit.jdbc.StoreException;
import dev.referralkit.jdbc.StoreException.Code;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code rk_meta} keeps: the version of the engine's record format the store was written in (key
 * {@value #FORMAT}). Written once, by the first writer; a later writer whose format is older is refused
 * ({@code SCHEMA_TOO_NEW}) before it reads a record. The program is not kept here: the engine's own
 * record holds the program's fingerprints and the engine decides whether a program may continue the
 * state (docs/lifecycle.md §4). Other keys are ignored, so a later library may add some.
 *
 * @param format the engine's record format, from 1
 */
public record StoreMeta(int format) {
    /** The key of the record format. */
    public static final String FORMAT = "format";

    /** Checks the format. */
    public StoreMeta {
        checkFormat(format);
    }

    static void checkFormat(int format) {
        if (format < 1) {
            throw new IllegalArgumentException("record format must be at least 1, is " + format);
        }
    }

    /**
     * @param rows the rows of {@code rk_meta}
     * @return what they say; empty if the store was never claimed
     * @throws StoreException {@code SCHEMA_INVALID} if the format is missing or not a number
     */
    static Optional<StoreMeta> of(Map<String, String> rows) {
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        String format = rows.get(FORMAT);
        if (format == null || !format.matches("[1-9][0-9]{0,8}")) {
            throw StoreException.of(Code.SCHEMA_INVALID, "the store's rk_meta table is damaged: " + rows, null, null);
        }
        return Optional.of(new StoreMeta(Integer.parseInt(format)));
    }

    /**
     * @param stored the store's format
     * @param mine   the format this code writes
     * @throws StoreException {@code SCHEMA_TOO_NEW} if the store's is newer
     */
    static void refuseNewer(int stored, int mine) {
        if (stored > mine) {
            throw StoreException.of(Code.SCHEMA_TOO_NEW, "the store's records are in format " + stored
                    + ", newer than this library's " + mine + ": use a newer ReferralKit", null, null);
        }
    }
}
