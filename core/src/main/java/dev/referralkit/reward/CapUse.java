package dev.referralkit.reward;

import dev.referralkit.program.CapScope;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A state delta: a cap's usage grows by an amount in program currency. Reversals never shrink it
 * (SPEC.md §5: reversals do not restore headroom).
 */
public final class CapUse {
    private final String key;
    private final CapScope scope;
    private final BigDecimal amount;

    /**
     * @param key    the cap's identity: the JSON path of its node in the plan
     * @param scope  what it limits
     * @param amount the usage to add, program currency, exact, non-negative
     */
    public CapUse(String key, CapScope scope, BigDecimal amount) {
        this.key = Objects.requireNonNull(key, "key");
        this.scope = Objects.requireNonNull(scope, "scope");
        this.amount = Objects.requireNonNull(amount, "amount");
    }

    /** @return the cap's identity */
    public String key() {
        return key;
    }

    /** @return what it limits */
    public CapScope scope() {
        return scope;
    }

    /** @return the usage to add, program currency */
    public BigDecimal amount() {
        return amount;
    }
}
