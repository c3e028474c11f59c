package dev.referralkit.exports;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.program.Partner;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code paypal} format: a PayPal Payouts Web payment file (PayPal, "Payouts Web" and "Use Web UI").
 * No header row; one row per payout with six columns:
 * <ol>
 * <li>recipient identifier: the partner's {@value Destinations#PAYPAL_EMAIL};</li>
 * <li>payment amount: at the currency's decimals, none for HUF, JPY, TWD ("zero-digit currency");</li>
 * <li>currency: the ISO code; one currency per file;</li>
 * <li>Customer ID: the payout id when it has at most 30 characters and no space, else its short key;</li>
 * <li>note to recipient: the options' note, cut to {@value #NOTE_MAX} characters;</li>
 * <li>recipient wallet: {@code PAYPAL}.</li>
 * </ol>
 * At most {@value #MAX_ROWS} rows. Currencies: those of PayPal's "Currency codes" reference.
 */
final class PayPalExport extends RowExport<List<String>> {
    static final int MAX_ROWS = 5000;
    static final int CUSTOMER_ID_MAX = 30;
    static final int NOTE_MAX = 400;
    /** PayPal's REST "Currency codes" reference. */
    static final Set<String> CURRENCIES = Set.copyOf(List.of("AUD", "BRL", "CAD", "CNY", "CZK", "DKK", "EUR", "HKD", "HUF", "ILS",
            "JPY", "MYR", "MXN", "TWD", "NZD", "NOK", "PHP", "PLN", "GBP", "SGD", "SEK", "CHF", "THB", "USD"));
    /** "Zero-digit currency - no decimal places or fractions". */
    static final Set<String> ZERO_DIGIT = Set.of("HUF", "JPY", "TWD");

    private final PayPalOptions options;
    private final String note;

    PayPalExport(PayPalOptions options) {
        super("paypal", "csv", true);
        this.options = options;
        this.note = Fields.text(RejectionCode.INVALID_PROGRAM, "note", Fields.truncate(options.note(), NOTE_MAX), NOTE_MAX, "PayPal", true);
    }

    @Override
    public void checkDestination(Partner partner) {
        Destinations.paypalEmail(partner);
    }

    @Override
    List<String> prepare(Item item) {
        String currency = item.amount().currency().getCurrencyCode();
        if (!CURRENCIES.contains(currency)) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "currency", currency,
                    "is not a PayPal currency; PayPal pays " + String.join(", ", new TreeSet<>(CURRENCIES)));
        }
        BigDecimal amount = item.amount().amount();
        if (ZERO_DIGIT.contains(currency)) {
            if (amount.stripTrailingZeros().scale() > 0) {
                throw ReferralKitException.invalid(RejectionCode.INVALID_AMOUNT, "amount", amount.toPlainString(),
                        "has decimals; PayPal pays " + currency + " in whole units only");
            }
            amount = amount.setScale(0);
        }
        String email = Destinations.paypalEmail(item.partner());
        String text = amount.toPlainString();
        String customerId = PayoutIds.reference(item.id(), CUSTOMER_ID_MAX, c -> c > ' ' && c < 0x7f && c != '"');
        return List.of(email, options.decimalComma() ? text.replace('.', ',') : text, currency, customerId, note, "PAYPAL");
    }

    @Override
    void checkFile(List<Prepared<List<String>>> rows) {
        Map<String, Integer> currencies = currencies(rows);
        if (currencies.size() > 1) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "currency", String.join(",", currencies.keySet()),
                    "mixes currencies " + currencies + "; a PayPal payment file holds one currency: export each currency to its own file");
        }
        if (rows.size() > MAX_ROWS) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "payouts", Integer.toString(rows.size()),
                    "are too many for one PayPal Payouts Web file (at most " + MAX_ROWS + ")");
        }
    }

    @Override
    void header(Writer out) {
        // Payouts Web files have no header row: the first row is the first payment
    }

    @Override
    void row(Writer out, List<String> row) throws IOException {
        Csv.record(out, row);
    }
}
