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
        return derive(entries, payouts, List.of(), asOf);
    }

    /**
     * Balances with holds and failed payouts (docs/payouts.md): an entry whose latest hold change is
     * {@code HELD} counts as {@code held}, in neither pending nor available; a {@code PAYOUT_REVERSAL} is an
     * unsettled entry like any other and lowers {@code paid} by its amount.
     *
     * @param entries every entry, in ledger order
     * @param payouts every payout record
     * @param holds   every hold change, in order
     * @param asOf    the instant of the balances
     * @return one balance per partner and currency that has entries, sorted by partner then currency
     */
    public static List<Balance> derive(List<Entry> entries, List<Payout> payouts, List<HoldChange> holds, Instant asOf) {
        Set<String> settled = new HashSet<>();
        Map<String, HoldStatus> holdStatus = new java.util.HashMap<>();
        for (HoldChange h : holds) {
            holdStatus.put(h.entry(), h.status());
        }
        Map<String, Map<String, BigDecimal[]>> sums = new TreeMap<>();
        Map<String, Currency> currencies = new TreeMap<>();
        Set<String> withHolds = new HashSet<>();
        for (Payout payout : payouts) {
            settled.addAll(payout.entries());
            slot(sums, payout.partner(), payout.currency(), currencies)[2] =
                    slot(sums, payout.partner(), payout.currency(), currencies)[2].add(payout.amount());
        }
        for (Entry entry : entries) {
            BigDecimal[] slot = slot(sums, entry.partner(), entry.currency(), currencies);
            if (entry.kind() == EntryKind.PAYOUT_REVERSAL) {
                slot[2] = slot[2].subtract(entry.amount());
            }
            if (entry.kind() == EntryKind.PAYOUT || settled.contains(entry.id())) {
                continue;
            }
            if (holdStatus.get(entry.id()) == HoldStatus.HELD) {
                slot[3] = slot[3].add(entry.amount());
                withHolds.add(entry.partner() + "/" + entry.currency().getCurrencyCode());
                continue;
            }
            int index = entry.availableAt().isAfter(asOf) ? 0 : 1;
            slot[index] = slot[index].add(entry.amount());
        }
        List<Balance> balances = new java.util.ArrayList<>();
        sums.forEach((partner, byCurrency) -> byCurrency.forEach((code, s) -> balances.add(ImmutableBalance.builder()
                .partner(partner).currency(currencies.get(code)).pending(s[0]).available(s[1]).paid(s[2])
                .held(withHolds.contains(partner + "/" + code) ? java.util.Optional.of(s[3]) : java.util.Optional.empty()).build())));
        return balances;
    }

    private static BigDecimal[] slot(Map<String, Map<String, BigDecimal[]>> sums, String partner, Currency currency,
                                     Map<String, Currency> currencies) {
        currencies.put(currency.getCurrencyCode(), currency);
        int digits = currency.getDefaultFractionDigits();
        BigDecimal zero = BigDecimal.ZERO.setScale(digits);
        return sums.computeIfAbsent(partner, p -> new TreeMap<>())
                .computeIfAbsent(currency.getCurrencyCode(), c -> new BigDecimal[] {zero, zero, zero, zero});
    }
}
