package dev.referralkit.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Balances derived from entries (SPEC.md §6: a balance is always derived, never stored). For each
 * partner and currency: {@code pending} = unsettled entries with {@code availableAt > asOf},
 * {@code available} = unsettled entries with {@code availableAt ≤ asOf}, {@code paid} = the sum of
 * payouts (positive). An entry is settled when a payout lists it; {@code PAYOUT} entries themselves
 * are the settlement and count in neither.
 */
public final class Balances {
    private Balances() {
    }

    /**
     * @param entries every entry, in ledger order
     * @param payouts every payout record
     * @param asOf    the instant of the balances
     * @return one balance per partner and currency that has entries, sorted by partner then currency
     */
    public static List<Balance> derive(List<Entry> entries, List<Payout> payouts, Instant asOf) {
        Set<String> settled = new HashSet<>();
        Map<String, Map<String, BigDecimal[]>> sums = new TreeMap<>();
        Map<String, Currency> currencies = new TreeMap<>();
        for (Payout payout : payouts) {
            settled.addAll(payout.entries());
            slot(sums, payout.partner(), payout.currency(), currencies)[2] =
                    slot(sums, payout.partner(), payout.currency(), currencies)[2].add(payout.amount());
        }
        for (Entry entry : entries) {
            BigDecimal[] slot = slot(sums, entry.partner(), entry.currency(), currencies);
            if (entry.kind() == EntryKind.PAYOUT || settled.contains(entry.id())) {
                continue;
            }
            int index = entry.availableAt().isAfter(asOf) ? 0 : 1;
            slot[index] = slot[index].add(entry.amount());
        }
        List<Balance> balances = new java.util.ArrayList<>();
        sums.forEach((partner, byCurrency) -> byCurrency.forEach((code, s) -> balances.add(ImmutableBalance.builder()
                .partner(partner).currency(currencies.get(code)).pending(s[0]).available(s[1]).paid(s[2]).build())));
        return balances;
    }

    private static BigDecimal[] slot(Map<String, Map<String, BigDecimal[]>> sums, String partner, Currency currency,
                                     Map<String, Currency> currencies) {
        currencies.put(currency.getCurrencyCode(), currency);
        int digits = currency.getDefaultFractionDigits();
        BigDecimal zero = BigDecimal.ZERO.setScale(digits);
        return sums.computeIfAbsent(partner, p -> new TreeMap<>())
                .computeIfAbsent(currency.getCurrencyCode(), c -> new BigDecimal[] {zero, zero, zero});
    }
}
