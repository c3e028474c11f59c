package dev.referralkit.exports;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.program.Partner;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The {@code wise} format: a Wise batch payment file ("What's a batch payment template?", "How do I fill
 * in my batch template?"). A header row, then one row per payout:
 * <pre>
 * name,recipientEmail,paymentReference,receiverType,amountCurrency,amount,sourceCurrency,targetCurrency[,IBAN]
 * </pre>
 * {@code amountCurrency} is {@code target}: the partner receives exactly the payout amount and the fees
 * are the sender's. {@code targetCurrency} is the payout's currency; {@code sourceCurrency} the options'
 * or, by default, the payout's. {@code amount} is a plain decimal at the currency's scale. The {@code IBAN}
 * column is written by the IBAN template only. At most {@value #MAX_ROWS} rows.
 *
 * <p>Currencies, with the longest payment reference Wise sends for each (Wise help, "The recipient of my
 * business transfer needs to receive a specific reference"): see {@link #REFERENCE_MAX}. A longer reference
 * is refused: Wise does not say it may be cut.
 */
final class WiseExport extends RowExport<List<String>> {
    static final int MAX_ROWS = 1000;
    static final List<String> HEADER = List.of("name", "recipientEmail", "paymentReference", "receiverType", "amountCurrency",
            "amount", "sourceCurrency", "targetCurrency");
    /** Target currencies and the reference length Wise allows for each (0: no reference). */
    static final Map<String, Integer> REFERENCE_MAX = Map.ofEntries(
            Map.entry("GBP", 16), Map.entry("USD", 10), Map.entry("EUR", 35), Map.entry("INR", 16), Map.entry("PLN", 35),
            Map.entry("CHF", 50), Map.entry("DKK", 35), Map.entry("NOK", 35), Map.entry("SEK", 12), Map.entry("AUD", 18),
            Map.entry("NZD", 50), Map.entry("CAD", 50), Map.entry("BGN", 35), Map.entry("CZK", 25), Map.entry("GEL", 35),
            Map.entry("HUF", 35), Map.entry("RON", 30), Map.entry("HKD", 50), Map.entry("IDR", 35), Map.entry("KRW", 35),
            Map.entry("MYR", 35), Map.entry("PHP", 35), Map.entry("SGD", 35), Map.entry("THB", 50), Map.entry("AED", 35),
            Map.entry("COP", 0), Map.entry("LKR", 35), Map.entry("MAD", 50), Map.entry("MXN", 100), Map.entry("NGN", 14),
            Map.entry("ZAR", 18));

    private final WiseOptions options;

    WiseExport(WiseOptions options) {
        super("wise", "csv", true);
        this.options = options;
        options.sourceCurrency().ifPresent(c -> {
            if (!REFERENCE_MAX.containsKey(c.getCurrencyCode())) {
                throw unsupported("sourceCurrency", c.getCurrencyCode());
            }
        });
        Fields.text(RejectionCode.INVALID_PROGRAM, "paymentReference", options.reference(), 100, "Wise", true);
    }

    @Override
    public void checkDestination(Partner partner) {
        Destinations.wise(partner, options.template());
    }

    @Override
    List<String> prepare(Item item) {
        String currency = item.amount().currency().getCurrencyCode();
        Integer referenceMax = REFERENCE_MAX.get(currency);
        if (referenceMax == null) {
            throw unsupported("currency", currency);
        }
        String reference = options.reference();
        if (reference.codePointCount(0, reference.length()) > referenceMax) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "paymentReference", reference,
                    referenceMax == 0 ? "must be empty: Wise sends no reference with " + currency
                            : "has " + reference.codePointCount(0, reference.length()) + " characters, Wise sends at most "
                                    + referenceMax + " with " + currency);
        }
        Destinations.WiseRecipient to = Destinations.wise(item.partner(), options.template());
        List<String> row = new ArrayList<>(List.of(to.name(), to.email(), reference, to.receiverType(), "target",
                item.amount().amount().toPlainString(), options.sourceCurrency().map(c -> c.getCurrencyCode()).orElse(currency), currency));
        if (options.template() == WiseOptions.Template.IBAN) {
            row.add(to.iban());
        }
        return List.copyOf(row);
    }

    @Override
    void checkFile(List<Prepared<List<String>>> rows) {
        if (rows.size() > MAX_ROWS) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "payouts", Integer.toString(rows.size()),
                    "are too many for one Wise batch (at most " + MAX_ROWS + " transfers)");
        }
    }

    @Override
    void header(Writer out) throws IOException {
        List<String> header = new ArrayList<>(HEADER);
        if (options.template() == WiseOptions.Template.IBAN) {
            header.add("IBAN");
        }
        Csv.record(out, header);
    }

    @Override
    void row(Writer out, List<String> row) throws IOException {
        Csv.record(out, row);
    }

    private static ReferralKitException unsupported(String field, String currency) {
        return ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, field, currency,
                "is not a currency Wise batch payments send; Wise sends " + String.join(", ", new TreeSet<>(REFERENCE_MAX.keySet())));
    }
}
