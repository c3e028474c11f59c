package dev.referralkit.examples.cli;

/** An input file is missing or wrong: reported as one line with its location, exit status 2. */
final class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InputException(String location, String message) {
        super(location + ": " + message);
    }
}
