package dev.referralkit.examples.cli;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@link JsonLines} as it was before it kept the bytes of a line (commit 466f9ea), the oracle of {@code JsonLinesProperties}.
 *
 * <p>The lines of a JSON Lines file, read as bytes and decoded strictly as UTF-8 one line at a time, so that
 * an error names the line it is on (a reader that decodes ahead would name a later line, or none). Lines
 * end with {@code \n} or {@code \r\n}; a UTF-8 byte-order mark at the start of the file is skipped.
 */
final class JsonLinesBefore implements Closeable {
    private final String file;
    private final InputStream in;
    private final Utf8 utf8 = new Utf8();
    private final byte[] buffer = new byte[1 << 16];
    private int pos;
    private int limit;
    private byte[] line = new byte[1024];
    private int appended;
    private long number;

    private JsonLinesBefore(String file, InputStream in) {
        this.file = file;
        this.in = in;
    }

    /** Opens a file, turning a missing, unreadable or directory path into an input error. */
    static JsonLinesBefore open(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            throw new InputException(path.toString(), "is a directory, not a file");
        }
        try {
            return new JsonLinesBefore(path.toString(), Files.newInputStream(path));
        } catch (NoSuchFileException e) {
            throw new InputException(path.toString(), "no such file");
        } catch (AccessDeniedException e) {
            throw new InputException(path.toString(), "permission denied");
        }
    }

    /** @return the file's name, as given */
    String file() {
        return file;
    }

    /** @return the number of the line last returned (from 1) */
    long number() {
        return number;
    }

    /** @return the next line without its line end, or null at the end of the file */
    String next() throws IOException {
        appended = 0;
        while (true) {
            if (pos == limit && !fill()) {
                return appended == 0 ? null : decode(line, 0, appended);
            }
            int from = pos;
            int i = from;
            while (i < limit && buffer[i] != '\n') {
                i++;
            }
            if (i < limit) {
                pos = i + 1;
                if (appended == 0) {
                    return decode(buffer, from, i - from);     // the whole line is in the buffer: decode it there
                }
                append(from, i - from);
                return decode(line, 0, appended);
            }
            append(from, i - from);
            pos = limit;
        }
    }

    private String decode(byte[] bytes, int start, int length) {
        number++;
        int off = start;
        int len = length;
        if (number == 1) {
            Utf8.refuseUtf16Bom(file, bytes, off, len);
            int bom = Utf8.bomLength(bytes, off, len);
            off += bom;
            len -= bom;
        } else if (Utf8.bomLength(bytes, off, len) > 0) {
            throw new InputException(file + ":" + number, "a UTF-8 byte-order mark is allowed only at the start of the file");
        }
        if (len > 0 && bytes[off + len - 1] == '\r') {
            len--;
        }
        return utf8.decode(file, number, bytes, start, off, len);
    }

    private void append(int from, int count) {
        if (appended + count > line.length) {
            byte[] bigger = new byte[Math.max(line.length * 2, appended + count)];
            System.arraycopy(line, 0, bigger, 0, appended);
            line = bigger;
        }
        System.arraycopy(buffer, from, line, appended, count);
        appended += count;
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer);
        if (n <= 0) {
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
