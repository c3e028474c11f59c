package dev.referralkit.exports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.program.Partner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code stripe} format: Stripe Connect transfer requests ("Create a transfer"), one JSON object a
 * line (JSON Lines), each the request a host sends as it is:
 * <pre>
 * {"method":"POST","path":"/v1/transfers","headers":{"Idempotency-Key":"run-2026-02/p1/USD/payout"},
 *  "params":{"amount":1800,"currency":"usd","destination":"acct_1Abc","transfer_group":"run-2026-02",
 *            "metadata":{"referralkit_partner":"p1","referralkit_payout_id":"run-2026-02/p1/USD/payout","referralkit_run":"run-2026-02"}}}
 * </pre>
 * (one line in the file; {@code description} follows {@code transfer_group} when the options give one).
 * <ul>
 * <li>{@code amount}: an integer in the currency's smallest unit as Stripe counts it ("Supported
 *     currencies"): zero-decimal currencies (BIF, CLP, DJF, GNF, JPY, KMF, KRW, MGA, PYG, RWF, UGX, VND, VUV,
 *     XAF, XOF, XPF) in whole units; ISK with two decimals (whole krónur ×100); the three-decimal
 *     currencies (BHD, JOD, KWD, OMR, TND) in thousandths whose last digit must be 0 (refused otherwise,
 *     never rounded); every other currency with two decimals. An amount with more decimals than Stripe
 *     takes (fractional MGA) is refused.</li>
 * <li>{@code currency}: the ISO code in lower case, one of Stripe's presentment currencies
 *     ({@link #CURRENCIES}); whether the platform can transfer it depends on its balances.</li>
 * <li>{@code Idempotency-Key}: the payout id when it has at most 255 visible ASCII characters, else its
 *     short key ("Idempotent requests": keys are up to 255 characters).</li>
 * <li>{@code metadata}: three keys, each under 40 characters, values at most 500 ("Metadata").</li>
 * </ul>
 */
final class StripeExport extends RowExport<String> {
    static final int IDEMPOTENCY_KEY_MAX = 255;
    static final int DESCRIPTION_MAX = 5000;
    static final int METADATA_VALUE_MAX = 500;
    static final Set<String> ZERO_DECIMAL = Set.of("BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX",
            "VND", "VUV", "XAF", "XOF", "XPF");
    static final Set<String> THREE_DECIMAL = Set.of("BHD", "JOD", "KWD", "OMR", "TND");
    /** Stripe's presentment currencies ("Supported currencies"). */
    static final Set<String> CURRENCIES = Set.copyOf(List.of(("USD AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD "
            + "BND BOB BRL BSD BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CVE CZK DJF DKK DOP DZD EGP ETB EUR FJD FKP GBP GEL GIP GMD GNF "
            + "GTQ GYD HKD HNL HTG HUF IDR ILS INR ISK JMD JOD JPY KES KGS KHR KMF KRW KWD KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD "
            + "MMK MNT MOP MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD "
            + "SCR SEK SGD SHP SLE SOS SRD STD SZL THB TJS TND TOP TRY TTD TWD TZS UAH UGX UYU UZS VND VUV WST XAF XCD XOF XPF YER ZAR "
            + "ZMW").split(" ")));

    private final StripeOptions options;

    StripeExport(StripeOptions options) {
        super("stripe", "jsonl", true);
        this.options = options;
        Fields.text(RejectionCode.INVALID_PROGRAM, "description", options.description(), DESCRIPTION_MAX, "Stripe", false);
    }

    /**
     * The decimals of a currency in Stripe's {@code amount}.
     *
     * @throws ReferralKitException if Stripe does not take the currency
     */
    static int digits(String currency) {
        if (!CURRENCIES.contains(currency)) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "currency", currency,
                    "is not a Stripe presentment currency");
        }
        if (ZERO_DECIMAL.contains(currency)) {
            return 0;
        }
        return THREE_DECIMAL.contains(currency) ? 3 : 2;
    }

    /** Stripe's {@code amount} for an amount, exact, or a refusal. */
    static long minorUnits(BigDecimal amount, String currency) {
        int digits = digits(currency);
        BigDecimal minor = amount.movePointRight(digits);
        if (minor.stripTrailingZeros().scale() > 0) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_AMOUNT, "amount", amount.toPlainString(),
                    "has decimals Stripe cannot take: Stripe counts " + currency + " with " + digits + " decimals");
        }
        long units = minor.longValueExact();
        if (THREE_DECIMAL.contains(currency) && units % 10 != 0) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_AMOUNT, "amount", amount.toPlainString(),
                    "must end in 0 in thousandths: Stripe requires the last digit of " + currency + " amounts to be 0");
        }
        return units;
    }

    @Override
    public void checkDestination(Partner partner) {
        Destinations.stripeAccount(partner);
    }

    @Override
    String prepare(Item item) {
        String currency = item.amount().currency().getCurrencyCode();
        long amount = minorUnits(item.amount().amount(), currency);
        String account = Destinations.stripeAccount(item.partner());
        ObjectNode request = ReferralKitJson.mapper().createObjectNode();
        request.put("method", "POST");
        request.put("path", "/v1/transfers");
        request.putObject("headers").put("Idempotency-Key",
                PayoutIds.reference(item.id(), IDEMPOTENCY_KEY_MAX, c -> c > ' ' && c < 0x7f));
        ObjectNode params = request.putObject("params");
        params.put("amount", amount);
        params.put("currency", currency.toLowerCase(Locale.ROOT));
        params.put("destination", account);
        params.put("transfer_group", item.payout().run());
        if (!options.description().isEmpty()) {
            params.put("description", options.description());
        }
        ObjectNode metadata = params.putObject("metadata");
        metadata.put("referralkit_partner", metadataValue(item.payout().partner()));
        metadata.put("referralkit_payout_id", metadataValue(item.id()));
        metadata.put("referralkit_run", metadataValue(item.payout().run()));
        try {
            return ReferralKitJson.mapper().writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a JSON tree of strings and numbers always writes", e);
        }
    }

    private static String metadataValue(String value) {
        return Fields.text(RejectionCode.INVALID_PROGRAM, "metadata", value, METADATA_VALUE_MAX, "Stripe", false);
    }

    @Override
    void header(Writer out) {
        // JSON Lines: no header
    }

    @Override
    void row(Writer out, String row) throws IOException {
        out.write(row);
        out.write('\n');
    }
}
