package dev.referralkit.examples.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.ledger.Entry;
import dev.referralkit.ledger.ImmutableEntry;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@code --entries} file, written all or nothing: entries go to a temporary file in the same
 * directory ({@code .NAME.RANDOM.tmp}), moved into place atomically when the run succeeds
 * ({@link #commit()}), deleted when it fails ({@link #close()} without commit) or when the JVM is stopped
 * (a shutdown hook, for Ctrl-C). A failed run so leaves the previous file, if any, untouched. A target
 * that exists and is not a regular file ({@code /dev/stdout}, {@code /dev/null}, a named pipe) is written
 * directly: it cannot be replaced, and there is nothing partial to leave behind.
 *
 * <p>Entries are written by one generator of the shared mapper for the whole file, with the entry serializer
 * found once: the same text as {@code ReferralKitJson.write(entry)} and a line end, without a string and a
 * serializer lookup per entry.
 */
final class EntriesFile implements Closeable {
    private final Path target;
    /** Null when writing directly to a target that is not a regular file. */
    private final Path temporary;
    private final BufferedWriter writer;
    private final JsonGenerator json;
    private final Thread cleanup;
    private boolean done;

    /** The shared mapper's writer for entries, flushing only when the file is done. */
    private static final ObjectWriter ENTRY = ReferralKitJson.mapper().writerFor(ImmutableEntry.class)
            .without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
    private static final String LINE_END = System.lineSeparator();

    private EntriesFile(Path target, Path temporary, BufferedWriter writer) throws IOException {
        this.target = target;
        this.temporary = temporary;
        this.writer = writer;
        this.json = ReferralKitJson.mapper().createGenerator(writer)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
        json.setRootValueSeparator(null);   // each entry ends its own line
        this.cleanup = temporary == null ? null : new Thread(() -> deleteQuietly(temporary), "referralkit-entries-cleanup");
        if (cleanup != null) {
            Runtime.getRuntime().addShutdownHook(cleanup);
        }
    }

    /**
     * @throws InputException if the directory does not exist or the target is a directory
     */
    static EntriesFile open(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir == null) {
            throw new InputException("--entries", target + ": is a directory, not a file");
        }
        if (!Files.isDirectory(dir)) {
            throw new InputException("--entries", target + ": no such directory: " + dir);
        }
        if (Files.isDirectory(absolute)) {
            throw new InputException("--entries", target + ": is a directory, not a file");
        }
        if (Files.exists(absolute) && !Files.isRegularFile(absolute)) {
            try {
                return new EntriesFile(target, null, new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(absolute),
                        StandardCharsets.UTF_8.newEncoder()), 1 << 16));
            } catch (java.nio.file.AccessDeniedException e) {
                throw new InputException("--entries", target + ": permission denied");
            }
        }
        String name = "." + absolute.getFileName() + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp";
        Path temporary = dir.resolve(name);
        BufferedWriter writer;
        try {
            // created with the default permissions (umask), like the file it replaces would be
            writer = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), StandardCharsets.UTF_8.newEncoder()), 1 << 16);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new InputException("--entries", target + ": permission denied in " + dir);
        }
        return new EntriesFile(target, temporary, writer);
    }

    /** Writes one entry, one line: {@code ReferralKitJson.write(entry)} and the line end. */
    void write(Entry entry) throws IOException {
        ENTRY.writeValue(json, ImmutableEntry.copyOf(entry));
        json.writeRaw(LINE_END);
    }

    /** Closes the temporary file and moves it into place, replacing the target. */
    void commit() throws IOException {
        json.flush();
        writer.close();
        if (temporary != null) {
            try {
                Files.move(temporary, target.toAbsolutePath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target.toAbsolutePath(), StandardCopyOption.REPLACE_EXISTING);
            }
            removeHook();
        }
        done = true;   // only now: if the move failed, close() deletes the temporary file
    }

    /** Without {@link #commit()}: closes and deletes the temporary file. */
    @Override
    public void close() {
        if (done) {
            return;
        }
        done = true;
        try {
            json.flush();     // as before: what was written reaches a target written directly
            writer.close();
        } catch (IOException e) {
            // deleted below anyway
        }
        if (temporary != null) {
            deleteQuietly(temporary);
            removeHook();
        }
    }

    private void removeHook() {
        if (cleanup == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs (and finds nothing left to delete)
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // nothing more can be done; the name says it is temporary
        }
    }
}
