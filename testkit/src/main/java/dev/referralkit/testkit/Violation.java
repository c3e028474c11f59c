package dev.referralkit.testkit;

import java.util.Objects;

/** A broken invariant: which one (a stable name) and what was seen. */
public final class Violation {
    private final String invariant;
    private final String message;

    Violation(String invariant, String message) {
        this.invariant = Objects.requireNonNull(invariant, "invariant");
        this.message = Objects.requireNonNull(message, "message");
    }

    /** @return the invariant's name, like {@code conservation} or {@code rejection-changes-nothing} */
    public String invariant() {
        return invariant;
    }

    /** @return what was seen */
    public String message() {
        return message;
    }

    @Override
    public String toString() {
        return invariant + ": " + message;
    }
}
