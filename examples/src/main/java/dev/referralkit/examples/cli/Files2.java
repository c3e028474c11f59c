package dev.referralkit.examples.cli;

import dev.referralkit.ReferralKitException;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Function;

/** Reading input files with errors that name the file. */
final class Files2 {
    private Files2() {
    }

    static String read(Path path) {
        try {
            if (Files.isDirectory(path)) {
                throw new InputException(path.toString(), "is a directory, not a file");
            }
            return Files.readString(path);
        } catch (NoSuchFileException e) {
            throw new InputException(path.toString(), "no such file");
        } catch (AccessDeniedException e) {
            throw new InputException(path.toString(), "permission denied");
        } catch (MalformedInputException e) {
            throw new InputException(path.toString(), "is not UTF-8 text");
        } catch (IOException e) {
            throw new InputException(path.toString(), "cannot be read: " + e.getMessage());
        }
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
