package dev.referralkit.examples.cli;

/**
 * An input file or argument is missing or wrong: reported as one line with its location, exit status 2.
 * The message is kept to one line whatever the cause's text holds.
 */
final class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InputException(String location, String message) {
        super(oneLine(location + ": " + message));
    }

    /** Line breaks (and the spaces around them) become one space. */
    static String oneLine(String text) {
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
