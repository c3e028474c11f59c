package dev.referralkit.ledger;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/** An explanation that keeps its facts and formats its text on demand. */
final class LazyExplanation implements Explanation {
    private final String rule;
    private final List<Explanation> parts;
    private final Supplier<String> text;

    LazyExplanation(String rule, List<Explanation> parts, Supplier<String> text) {
        this.rule = Objects.requireNonNull(rule, "rule");
        this.parts = List.copyOf(parts);
        this.text = Objects.requireNonNull(text, "text");
    }

    @Override
    public String rule() {
        return rule;
    }

    @Override
    public List<Explanation> parts() {
        return parts;
    }

    @Override
    public String text() {
        return text.get();
    }

    @Override
    public String toString() {
        return text();
    }
}
