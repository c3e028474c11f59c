package dev.referralkit.jdbc.internal;

import java.util.Objects;

/**
 * What a store was made for: the program (by fingerprint) and the version of the engine's record
 * format. Written once, by the first writer; every later writer must agree.
 *
 * @param program       the program's fingerprint, as the engine prints it
 * @param formatVersion the engine's record format, from 1
 */
public record StoreMeta(String program, int formatVersion) {
    /** Checks both. */
    public StoreMeta {
        Objects.requireNonNull(program, "program");
        if (program.isEmpty() || program.length() > 256) {
            throw new IllegalArgumentException("program fingerprint must have 1 to 256 characters, has " + program.length());
        }
        if (formatVersion < 1) {
            throw new IllegalArgumentException("format version must be at least 1, is " + formatVersion);
        }
    }
}
