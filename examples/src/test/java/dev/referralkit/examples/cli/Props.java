package dev.referralkit.examples.cli;

import org.quicktheories.QuickTheory;

/**
 * The project's property-test settings: a fixed seed (QuickTheories prints it with any falsified
 * value) and at least 1,000 examples per property. Override with {@code -Dreferralkit.seed=...} and
 * {@code -Dreferralkit.examples=...}.
 */
final class Props {
    /** The default seed. */
    public static final long SEED = Long.getLong("referralkit.seed", 20261121L);
    /** Examples per property. */
    public static final int EXAMPLES = Math.max(1000, Integer.getInteger("referralkit.examples", 1000));

    private Props() {
    }

    /** @return a seeded theory with the configured number of examples */
    public static QuickTheory qt() {
        return QuickTheory.qt().withFixedSeed(SEED).withExamples(EXAMPLES);
    }
}
