package dev.referralkit.engine.state;

import dev.referralkit.money.Ratio;
import dev.referralkit.program.Period;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A partner's volume in one open period (SPEC.md §5.1): weighted conversions (exact) and revenue
 * (exact, program currency), the period's end, and how many retroactive pricings it holds
 * ({@link RetroRecord} indexes 0 to {@code retros − 1}).
 *
 * @param partner     the partner
 * @param label       the period's label ({@code 2026-03}, {@code 2026-Q1}, {@code 2026}, {@code lifetime})
 * @param period      its kind
 * @param end         epoch nanoseconds of its end (exclusive); {@link Long#MAX_VALUE} for lifetime
 * @param conversions weighted conversions
 * @param revenue     revenue in program currency
 * @param retros      retroactive pricings made in it
 * @param active      distinct referred customers with a payment in it (counted only for partner levels)
 */
public record VolumeRecord(String partner, String label, Period period, long end, Ratio conversions, BigDecimal revenue,
                           int retros, long active) implements StateRecord {
    /** Checks the fields. */
    public VolumeRecord {
        Objects.requireNonNull(partner, "partner");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(conversions, "conversions");
        Objects.requireNonNull(revenue, "revenue");
    }

    @Override
    public RecordKind kind() {
        return RecordKind.VOLUME;
    }

    @Override
    public boolean sameKey(StateRecord other) {
        return other instanceof VolumeRecord v && v.partner.equals(partner) && v.label.equals(label);
    }
}
