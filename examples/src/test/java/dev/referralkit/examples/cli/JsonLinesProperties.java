package dev.referralkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link JsonLines} reads every file as it did before it kept the bytes of a line ({@link JsonLinesBefore}):
 * the same lines, the same blank lines, the same error (message and line) at the same line; and a line it
 * calls ASCII is one whose bytes are its text. Files are made of bytes that matter to it: line ends, byte-order
 * marks, NUL and other control bytes, whitespace, multi-byte UTF-8 and bytes that are not UTF-8, lines longer
 * than its buffer.
 */
class JsonLinesProperties {
    @TempDir
    Path dir;

    @Test
    void reads_every_file_as_before() {
        Props.qt().forAll(longs().all()).checkAssert(seed -> {
            Path file = dir.resolve("e.jsonl");
            try {
                Files.write(file, bytes(new Random(seed)));
                assertThat(read(file)).isEqualTo(readBefore(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Test
    void the_ascii_check_is_the_byte_by_byte_one() {
        Props.qt().forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            byte[] b = new byte[r.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) (r.nextInt(4) == 0 ? r.nextInt(256) : 0x20 + r.nextInt(0x5f));
            }
            int off = b.length == 0 ? 0 : r.nextInt(b.length);
            int len = r.nextInt(b.length - off + 1);
            boolean expected = true;
            for (int i = off; i < off + len; i++) {
                expected &= b[i] > 0;
            }
            assertThat(JsonLines.isAscii(b, off, len)).isEqualTo(expected);
        });
    }

    @Test
    void a_line_that_is_not_utf8_is_refused_at_the_same_line_with_the_same_message() throws IOException {
        Path file = dir.resolve("bad.jsonl");
        Files.write(file, new byte[] {'{', '}', '\n', '{', (byte) 0xC3, '}', '\n'});
        List<String> seen = read(file);
        assertThat(seen).isEqualTo(readBefore(file))
                .containsExactly("1:{}:false", "error " + file + ":2: byte 0xC3 at column 2 is not UTF-8 (the file must be UTF-8 text)");
    }

    private static final byte[][] PIECES = {
        "\n".getBytes(StandardCharsets.UTF_8), "\r\n".getBytes(StandardCharsets.UTF_8), "\r".getBytes(StandardCharsets.UTF_8),
        {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, {(byte) 0xFF, (byte) 0xFE}, {0}, {1}, {0x1F}, {0x7F}, {(byte) 0x80}, {(byte) 0xC3},
        {(byte) 0xC3, (byte) 0xA9}, "中".getBytes(StandardCharsets.UTF_8), "😀".getBytes(StandardCharsets.UTF_8),
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, " ".getBytes(StandardCharsets.UTF_8), "\t".getBytes(StandardCharsets.UTF_8),
        {0x0B}, {0x0C}, {0x1C},
        "{\"type\":\"touch\",\"id\":\"t1\",\"at\":\"2026-01-01T00:00:00Z\",\"partner\":\"p1\",\"customer\":\"c1\",\"channel\":\"link\"}"
                .getBytes(StandardCharsets.UTF_8),
    };

    private static byte[] bytes(Random r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pieces = r.nextInt(30);
        for (int i = 0; i < pieces; i++) {
            int k = r.nextInt(PIECES.length + 3);
            if (k < PIECES.length) {
                // rarer for the bytes that stop a file at once, so that later lines are reached too
                byte[] piece = PIECES[k];
                if (piece.length == 1 && (piece[0] == 0 || piece[0] < 0) && r.nextInt(4) != 0) {
                    continue;
                }
                out.writeBytes(piece);
            } else if (k == PIECES.length) {
                out.writeBytes("x".repeat(r.nextInt(3) == 0 ? 70_000 + r.nextInt(70_000) : r.nextInt(50)).getBytes(StandardCharsets.UTF_8));
            } else {
                out.write("ab{}\" ".getBytes(StandardCharsets.UTF_8), 0, 1 + r.nextInt(5));
            }
        }
        return out.toByteArray();
    }

    /** Each line as [text, blank] and, last, the error's message; after each line, that ASCII lines' bytes are their text. */
    private static List<String> read(Path file) throws IOException {
        List<String> seen = new ArrayList<>();
        try (JsonLines lines = JsonLines.open(file)) {
            while (lines.advance()) {
                String text = lines.text();
                if (lines.ascii()) {
                    assertThat(new String(lines.bytes(), lines.offset(), lines.length(), StandardCharsets.UTF_8)).isEqualTo(text);
                }
                seen.add(lines.number() + ":" + text + ":" + lines.blank());
            }
        } catch (InputException e) {
            seen.add("error " + e.getMessage());
        }
        return seen;
    }

    private static List<String> readBefore(Path file) throws IOException {
        List<String> seen = new ArrayList<>();
        try (JsonLinesBefore lines = JsonLinesBefore.open(file)) {
            String line;
            while ((line = lines.next()) != null) {
                seen.add(lines.number() + ":" + line + ":" + line.isBlank());
            }
        } catch (InputException e) {
            seen.add("error " + e.getMessage());
        }
        return seen;
    }
}
