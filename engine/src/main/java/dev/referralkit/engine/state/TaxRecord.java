package dev.referralkit.engine.state;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A partner's yearly paid totals and tax form (docs/payouts.md §4).
 *
 * @param partner the partner
 * @param formAt  epoch nanoseconds from which a tax form is on file, or {@link Nanos#NONE}
 * @param paid    paid per year (in the program's time zone), then per currency code, minor units; sorted
 */
public record TaxRecord(String partner, long formAt, Map<Integer, Map<String, Long>> paid) implements StateRecord {
    /** Checks the fields and copies the maps, sorted. */
    public TaxRecord {
        Objects.requireNonNull(partner, "partner");
        TreeMap<Integer, Map<String, Long>> copy = new TreeMap<>();
        paid.forEach((year, byCurrency) -> copy.put(year, java.util.Collections.unmodifiableMap(new TreeMap<>(byCurrency))));
        paid = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * @param partner a partner
     * @return the record of a partner with nothing paid and no form
     */
    public static TaxRecord empty(String partner) {
        return new TaxRecord(partner, Nanos.NONE, Map.of());
    }

    /**
     * @param year     a year
     * @param currency a currency code
     * @return paid that year in that currency, minor units
     */
    public long paid(int year, String currency) {
        return paid.getOrDefault(year, Map.of()).getOrDefault(currency, 0L);
    }

    /**
     * @param year     a year
     * @param currency a currency code
     * @param minor    an amount to add (negative to take away), minor units
     * @return the record with it added
     */
    public TaxRecord plus(int year, String currency, long minor) {
        Map<Integer, Map<String, Long>> copy = new TreeMap<>(paid);
        Map<String, Long> byCurrency = new TreeMap<>(copy.getOrDefault(year, Map.of()));
        byCurrency.merge(currency, minor, Math::addExact);
        copy.put(year, byCurrency);
        return new TaxRecord(partner, formAt, copy);
    }

    @Override
    public RecordKind kind() {
        return RecordKind.TAX;
    }

    @Override
    public boolean sameKey(StateRecord other) {
        return other instanceof TaxRecord t && t.partner.equals(partner);
    }
}
