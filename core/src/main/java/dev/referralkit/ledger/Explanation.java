package dev.referralkit.ledger;

import java.util.List;

/**
 * Why an entry has its amount, readable by a partner manager ({@link #text()}, for example
 * {@code 20% of 100.00 USD (tier 2 of 3: 11 conversions above 10 in 2026-03)}) and structured
 * for a program to inspect ({@link #rule()}, {@link #parts()}).
 *
 * <p>Implementations keep the facts as data and build the text only when asked for it, so
 * nothing is formatted on the per-event path.
 */
public interface Explanation {
    /** @return the rule that produced the amount, like {@code percent}, {@code tier}, {@code reversal} */
    String rule();

    /** @return the explanations this one is built from (a tier's reward, a cap's input), possibly empty */
    List<Explanation> parts();

    /** @return the readable text */
    String text();

    /**
     * An explanation that is just text, as read back from JSON.
     *
     * @param rule the rule
     * @param text the text
     * @return the explanation
     */
    static Explanation of(String rule, String text) {
        return new TextExplanation(rule, text);
    }

    /**
     * An explanation whose text is built only when {@link #text()} is called.
     *
     * @param rule  the rule
     * @param parts the explanations it is built from
     * @param text  builds the text
     * @return the explanation
     */
    static Explanation lazy(String rule, List<Explanation> parts, java.util.function.Supplier<String> text) {
        return new LazyExplanation(rule, parts, text);
    }
}
