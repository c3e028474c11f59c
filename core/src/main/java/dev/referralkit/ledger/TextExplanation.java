package dev.referralkit.ledger;

import java.util.List;
import java.util.Objects;

/** An explanation known only by its text (read from JSON, or made by a simple rule). */
final class TextExplanation implements Explanation {
    private final String rule;
    private final String text;

    TextExplanation(String rule, String text) {
        this.rule = Objects.requireNonNull(rule, "rule");
        this.text = Objects.requireNonNull(text, "text");
    }

    @Override
    public String rule() {
        return rule;
    }

    @Override
    public List<Explanation> parts() {
        return List.of();
    }

    @Override
    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TextExplanation && ((TextExplanation) o).text.equals(text) && ((TextExplanation) o).rule.equals(rule);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
