package dev.referralkit.exports;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an export wrote.
 *
 * @param format  the format's name
 * @param written the ids of the payouts written, in file order
 * @param skipped the payouts not written (only with {@link OnProblem#SKIP}), in payout order
 * @param totals  the sum written per currency code, sorted by code, at each currency's scale
 */
public record ExportResult(String format, List<String> written, List<SkippedPayout> skipped, Map<String, BigDecimal> totals) {
    /** Copies the lists and the map (sorted by currency code); unmodifiable. */
    public ExportResult {
        written = List.copyOf(written);
        skipped = List.copyOf(skipped);
        totals = Collections.unmodifiableMap(new TreeMap<>(totals));
    }
}
