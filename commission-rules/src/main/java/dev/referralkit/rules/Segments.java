package dev.referralkit.rules;

/** JSON path segments of child nodes, made once instead of concatenated on every evaluation. */
final class Segments {
    private static final int CACHED = 32;
    private static final String[] TIERS = new String[CACHED];
    private static final String[] REWARDS = new String[CACHED];
    private static final String[] RULES = new String[CACHED];

    static {
        for (int i = 0; i < CACHED; i++) {
            TIERS[i] = "tiers[" + i + "].reward";
            REWARDS[i] = "rewards[" + i + "]";
            RULES[i] = "rules[" + i + "].reward";
        }
    }

    private Segments() {
    }

    static String tier(int i) {
        return i < CACHED ? TIERS[i] : "tiers[" + i + "].reward";
    }

    static String reward(int i) {
        return i < CACHED ? REWARDS[i] : "rewards[" + i + "]";
    }

    static String rule(int i) {
        return i < CACHED ? RULES[i] : "rules[" + i + "].reward";
    }
}
