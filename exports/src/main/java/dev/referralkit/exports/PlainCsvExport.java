package dev.referralkit.exports;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * The {@code csv} format: one row per payout, for people and spreadsheets.
 * <pre>
 * payout_id,run,partner,currency,amount,entries,short_key
 * run-2026-02/p1/USD/payout,run-2026-02,p1,USD,18.00,2,rk-…
 * </pre>
 * {@code amount} is a plain decimal at the currency's scale; {@code entries} the number of ledger entries
 * the payout settled; {@code short_key} the {@linkplain PayoutIds#shortKey short key} a provider file may
 * carry instead of the payout id. Every currency with minor units is accepted; no destination is needed.
 * A text cell that starts like a formula ({@code = + - @}, tab, CR) gets a leading apostrophe.
 */
final class PlainCsvExport extends RowExport<List<String>> {
    static final List<String> HEADER = List.of("payout_id", "run", "partner", "currency", "amount", "entries", "short_key");

    PlainCsvExport() {
        super("csv", "csv", false);
    }

    @Override
    List<String> prepare(Item item) {
        return List.of(Csv.neutralized(item.id()), Csv.neutralized(item.payout().run()), Csv.neutralized(item.payout().partner()),
                item.amount().currency().getCurrencyCode(), item.amount().amount().toPlainString(),
                Integer.toString(item.payout().entries().size()), PayoutIds.shortKey(item.id()));
    }

    @Override
    void header(Writer out) throws IOException {
        Csv.record(out, HEADER);
    }

    @Override
    void row(Writer out, List<String> row) throws IOException {
        Csv.record(out, row);
    }
}
