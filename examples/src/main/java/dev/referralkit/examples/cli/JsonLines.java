package dev.referralkit.examples.cli;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The lines of a JSON Lines file, read as bytes and decoded strictly as UTF-8 one line at a time, so that
 * an error names the line it is on (a reader that decodes ahead would name a later line, or none). Lines
 * end with {@code \n} or {@code \r\n}; a UTF-8 byte-order mark at the start of the file is skipped.
 *
 * <p>A line of ASCII bytes without NUL ({@link #ascii()}) is valid UTF-8 as it is: it is not decoded until its
 * text is asked for, and {@link EventLine} reads most events straight from its bytes. Any other line is decoded
 * (and checked) when it is reached, as before.
 */
final class JsonLines implements Closeable {
    private final String file;
    private final InputStream in;
    private final Utf8 utf8 = new Utf8();
    private final byte[] buffer = new byte[1 << 16];
    private int pos;
    private int limit;
    private byte[] line = new byte[1024];
    private int appended;
    private long number;
    // the current line (see advance()): its bytes, and its text once decoded
    private byte[] bytes;
    private int offset;
    private int length;
    private boolean ascii;
    private String text;

    private JsonLines(String file, InputStream in) {
        this.file = file;
        this.in = in;
    }

    /** Opens a file, turning a missing, unreadable or directory path into an input error. */
    static JsonLines open(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            throw new InputException(path.toString(), "is a directory, not a file");
        }
        try {
            return new JsonLines(path.toString(), Files.newInputStream(path));
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
        return advance() ? text() : null;
    }

    /**
     * Moves to the next line and checks it is UTF-8 (the same checks and errors as {@link #next()}); its bytes
     * ({@link #bytes()}, {@link #offset()}, {@link #length()}) are valid until the next call.
     *
     * @return false at the end of the file
     * @throws InputException when the line is not UTF-8 text
     */
    boolean advance() throws IOException {
        appended = 0;
        while (true) {
            if (pos == limit && !fill()) {
                if (appended == 0) {
                    return false;
                }
                decode(line, 0, appended);
                return true;
            }
            int from = pos;
            int i = from;
            while (i < limit && buffer[i] != '\n') {
                i++;
            }
            if (i < limit) {
                pos = i + 1;
                if (appended == 0) {
                    decode(buffer, from, i - from);     // the whole line is in the buffer: read it there
                    return true;
                }
                append(from, i - from);
                decode(line, 0, appended);
                return true;
            }
            append(from, i - from);
            pos = limit;
        }
    }

    /** @return the current line's text, without its line end and byte-order mark */
    String text() {
        if (text == null) {
            text = new String(bytes, offset, length, StandardCharsets.ISO_8859_1);    // ASCII: one byte, one char
        }
        return text;
    }

    /** @return true when the current line is ASCII without NUL bytes, so its bytes are its text, one to one */
    boolean ascii() {
        return ascii;
    }

    /** @return the array holding the current line's bytes (from {@link #offset()}, {@link #length()} of them) */
    byte[] bytes() {
        return bytes;
    }

    int offset() {
        return offset;
    }

    int length() {
        return length;
    }

    /** @return whether the current line is blank, as {@link String#isBlank()} of its text */
    boolean blank() {
        if (!ascii) {
            return text().isBlank();
        }
        for (int i = offset; i < offset + length; i++) {
            if (!Character.isWhitespace(bytes[i])) {
                return false;
            }
        }
        return true;
    }

    private void decode(byte[] bytes, int start, int length) {
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
        this.bytes = bytes;
        this.offset = off;
        this.length = len;
        this.ascii = isAscii(bytes, off, len);
        // other text is decoded (and checked) now, so that an error names this line, as before
        this.text = ascii ? null : utf8.decode(file, number, bytes, start, off, len);
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW = 0x0101010101010101L;
    private static final long HIGH = 0x8080808080808080L;

    /** @return whether every byte is in 1..127: UTF-8 without a check, and no NUL */
    static boolean isAscii(byte[] bytes, int off, int len) {
        int i = off;
        int end = off + len;
        for (; i + 8 <= end; i += 8) {
            long w = (long) LONGS.get(bytes, i);
            // a byte with its high bit set, or a zero byte (the classic "has a zero byte" test)
            if ((w & HIGH) != 0 || ((w - LOW) & ~w & HIGH) != 0) {
                return false;
            }
        }
        for (; i < end; i++) {
            if (bytes[i] <= 0) {
                return false;
            }
        }
        return true;
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
