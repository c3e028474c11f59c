package dev.referralkit.exports;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import java.util.List;

/**
 * The payout file formats. Each writer is immutable; options are checked when it is made.
 *
 * <table>
 * <caption>Formats</caption>
 * <tr><th>format</th><th>file</th><th>destination</th></tr>
 * <tr><td>{@code csv}</td><td>plain CSV with a header, every currency</td><td>none</td></tr>
 * <tr><td>{@code paypal}</td><td>PayPal Payouts Web payment file (CSV, no header, one currency, ≤ 5,000 rows)</td>
 *     <td>{@value Destinations#PAYPAL_EMAIL}</td></tr>
 * <tr><td>{@code wise}</td><td>Wise batch payment file (CSV with Wise's header, ≤ 1,000 rows)</td>
 *     <td>{@value Destinations#WISE_NAME}, {@value Destinations#WISE_EMAIL} or {@value Destinations#WISE_IBAN}</td></tr>
 * <tr><td>{@code stripe}</td><td>Stripe Connect {@code POST /v1/transfers} requests, JSON Lines</td>
 *     <td>{@value Destinations#STRIPE_ACCOUNT}</td></tr>
 * </table>
 *
 * <p><b>CSV rules.</b> All CSV files are RFC 4180 (comma, CRLF, double quotes around a field with a comma,
 * quote, CR or LF, quotes doubled) in UTF-8 without a byte order mark. Spreadsheets run a cell that
 * starts with {@code = + - @} as a formula ("CSV injection"): the plain CSV, written for people, prefixes
 * such a cell with an apostrophe; provider files are uploaded as they are, so they refuse such text
 * instead of changing it (a payout id in a reference field falls back to its short key).
 *
 * <p>The sources for every provider rule, and the choices made where a provider's documentation is
 * silent, are in the project's {@code docs/payout-exports.md}.
 */
public final class PayoutExports {
    /** The format names, in the order of the table above. */
    public static final List<String> FORMATS = List.of("csv", "paypal", "wise", "stripe");

    private PayoutExports() {
    }

    /** @return the plain CSV writer */
    public static PayoutExport csv() {
        return new PlainCsvExport();
    }

    /** @return the PayPal Payouts Web writer with default options */
    public static PayoutExport paypal() {
        return paypal(PayPalOptions.defaults());
    }

    /**
     * @param options the options
     * @return the PayPal Payouts Web writer
     * @throws ReferralKitException {@code INVALID_PROGRAM} if the note holds a control character or starts like a formula
     */
    public static PayoutExport paypal(PayPalOptions options) {
        return new PayPalExport(options);
    }

    /** @return the Wise batch writer with the e-mail template */
    public static PayoutExport wise() {
        return wise(WiseOptions.defaults());
    }

    /**
     * @param options the options
     * @return the Wise batch writer
     * @throws ReferralKitException {@code INVALID_PROGRAM} if the source currency is not one Wise sends, or the
     *                              reference holds a control character, starts like a formula or is longer than any
     *                              currency allows (100)
     */
    public static PayoutExport wise(WiseOptions options) {
        return new WiseExport(options);
    }

    /** @return the Stripe transfers writer with no description */
    public static PayoutExport stripe() {
        return stripe(StripeOptions.defaults());
    }

    /**
     * @param options the options
     * @return the Stripe transfers writer
     * @throws ReferralKitException {@code INVALID_PROGRAM} if the description holds a control character or is longer
     *                              than 5,000 characters
     */
    public static PayoutExport stripe(StripeOptions options) {
        return new StripeExport(options);
    }

    /**
     * A writer by name, with default options.
     *
     * @param format one of {@link #FORMATS}
     * @return the writer
     * @throws ReferralKitException {@code INVALID_PROGRAM} for another name
     */
    public static PayoutExport named(String format) {
        return switch (format) {
            case "csv" -> csv();
            case "paypal" -> paypal();
            case "wise" -> wise();
            case "stripe" -> stripe();
            default -> throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "format", format,
                    "is not a payout format; formats: " + String.join(", ", FORMATS));
        };
    }
}
