package dev.referralkit.examples.cli;

import dev.referralkit.ReferralKitException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Function;

/** Reading input files with errors that name the file (and, for bytes that are not UTF-8, the line and column). */
final class Files2 {
    private Files2() {
    }

    /**
     * Reads a whole file as strict UTF-8 ({@link Utf8}): a UTF-8 byte-order mark at the start is skipped.
     *
     * @throws InputException if it is missing, a directory, unreadable or not UTF-8 text
     */
    static String read(Path path) {
        byte[] bytes;
        try {
            if (Files.isDirectory(path)) {
                throw new InputException(path.toString(), "is a directory, not a file");
            }
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new InputException(path.toString(), "no such file");
        } catch (AccessDeniedException e) {
            throw new InputException(path.toString(), "permission denied");
        } catch (IOException e) {
            throw new InputException(path.toString(), "cannot be read: " + e.getMessage());
        }
        Utf8.refuseUtf16Bom(path.toString(), bytes, 0, bytes.length);
        int bom = Utf8.bomLength(bytes, 0, bytes.length);
        return new Utf8().decode(path.toString(), 1, bytes, 0, bom, bytes.length - bom);
    }

    /** Parses a file's text, turning a refusal into an input error located in the file. */
    static <T> T parse(Path path, Function<String, T> parser) {
        String text = read(path);
        try {
            return parser.apply(text);
        } catch (ReferralKitException e) {
            throw new InputException(path.toString(), e.getMessage());
        }
    }
}
