package dev.referralkit.examples.cli;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Strict UTF-8 for input files: a byte that is not UTF-8 is an input error naming its line and column
 * (columns count bytes from 1), never a replacement character. A UTF-8 byte-order mark at the very start
 * of a file is skipped; a UTF-16 byte-order mark or a NUL byte (UTF-16 text without a mark, or a binary
 * file) is refused as "not UTF-8", since JSON text never holds a raw NUL.
 */
final class Utf8 {
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private CharBuffer chars = CharBuffer.allocate(256);

    /** @return the length of a UTF-8 byte-order mark at {@code off}, 0 when there is none */
    static int bomLength(byte[] bytes, int off, int len) {
        return len >= 3 && bytes[off] == (byte) 0xEF && bytes[off + 1] == (byte) 0xBB && bytes[off + 2] == (byte) 0xBF ? 3 : 0;
    }

    /**
     * Refuses a UTF-16 byte-order mark at {@code off}, the start of a file.
     *
     * @param where the file, for the message
     */
    static void refuseUtf16Bom(String where, byte[] bytes, int off, int len) {
        if (len >= 2 && (bytes[off] == (byte) 0xFF && bytes[off + 1] == (byte) 0xFE
                || bytes[off] == (byte) 0xFE && bytes[off + 1] == (byte) 0xFF)) {
            throw new InputException(where + ":1", "starts with a UTF-16 byte-order mark: the file must be UTF-8 (save it as UTF-8)");
        }
    }

    /**
     * Decodes one line (or a whole file) strictly.
     *
     * @param file      the file, for messages
     * @param firstLine the line number of {@code bytes[off]}
     * @param lineStart the offset in {@code bytes} where that line starts (for columns)
     * @return the text
     * @throws InputException naming the line and column of the first byte that is not UTF-8, or of a NUL byte
     */
    String decode(String file, long firstLine, byte[] bytes, int lineStart, int off, int len) {
        if (chars.capacity() < len) {
            chars = CharBuffer.allocate(Math.max(len, chars.capacity() * 2));
        }
        chars.clear();
        decoder.reset();
        ByteBuffer in = ByteBuffer.wrap(bytes, off, len);
        CoderResult result = decoder.decode(in, chars, true);
        if (result.isError()) {
            int bad = in.position();
            throw located(file, firstLine, bytes, lineStart, bad, String.format(Locale.ROOT, "byte 0x%02X", bytes[bad] & 0xFF),
                    "is not UTF-8 (the file must be UTF-8 text)");
        }
        decoder.flush(chars);
        chars.flip();
        String text = chars.toString();
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            int at = off;
            while (bytes[at] != 0) {
                at++;
            }
            throw located(file, firstLine, bytes, lineStart, at, "a NUL byte",
                    "is not UTF-8 text (UTF-16 or binary? the file must be UTF-8 text)");
        }
        return text;
    }

    private static InputException located(String file, long firstLine, byte[] bytes, int lineStart, int at, String what, String problem) {
        long line = firstLine;
        int start = lineStart;
        for (int i = lineStart; i < at; i++) {
            if (bytes[i] == '\n') {
                line++;
                start = i + 1;
            }
        }
        return new InputException(file + ":" + line, what + " at column " + (at - start + 1) + " " + problem);
    }
}
