package dev.referralkit.engine.state;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * How much a cap has let through for one partner in one scope (SPEC.md §5 {@code cap}), exact, in
 * program currency. Reversals never lower it.
 *
 * @param partner the partner
 * @param cap     the cap's identity: its JSON path in the plan
 * @param scope   {@code customer:<id hash>}, {@code month:<label>} or {@code lifetime}
 * @param used    what it let through
 */
public record CapRecord(String partner, String cap, String scope, BigDecimal used) implements StateRecord {
    /** Checks the fields. */
    public CapRecord {
        Objects.requireNonNull(partner, "partner");
        Objects.requireNonNull(cap, "cap");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(used, "used");
    }

    @Override
    public RecordKind kind() {
        return RecordKind.CAP;
    }

    @Override
    public boolean sameKey(StateRecord other) {
        return other instanceof CapRecord c && c.partner.equals(partner) && c.cap.equals(cap) && c.scope.equals(scope);
    }
}
