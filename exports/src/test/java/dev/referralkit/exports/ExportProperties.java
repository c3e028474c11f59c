package dev.referralkit.exports;

import static dev.referralkit.exports.Fixtures.parseCsv;
import static dev.referralkit.exports.Fixtures.partner;
import static dev.referralkit.exports.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.referralkit.RejectionCode;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.ledger.ImmutablePayout;
import dev.referralkit.ledger.Payout;
import dev.referralkit.program.Partner;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

/**
 * For generated payouts, every format writes exactly the money it was given: the amounts read back
 * from the file sum, per currency, to the payouts' sums, to the last minor unit.
 */
class ExportProperties {
    static final int PARTNERS = 12;

    /** A format, the currencies it is fed, and how to read (currency, amount) pairs back from its file. */
    record Format(PayoutExport export, List<String> currencies, boolean oneCurrencyPerFile,
                  Function<String, List<Map.Entry<String, BigDecimal>>> read) {
    }

    static final List<Format> FORMATS = List.of(
            new Format(PayoutExports.csv(), List.of("USD", "EUR", "JPY", "KWD", "HUF", "CLF"), false,
                    text -> csvAmounts(text, 1, 3, 4)),
            new Format(PayoutExports.paypal(), List.of("USD", "EUR", "JPY", "HUF", "TWD", "GBP"), true,
                    text -> csvAmounts(text, 0, 2, 1)),
            new Format(PayoutExports.wise(), List.of("EUR", "USD", "GBP", "KRW", "MXN", "HUF"), false,
                    text -> csvAmounts(text, 1, 7, 5)),
            new Format(PayoutExports.stripe(), List.of("USD", "JPY", "KWD", "ISK", "MGA", "EUR"), false,
                    ExportProperties::stripeAmounts));

    static List<Map.Entry<String, BigDecimal>> csvAmounts(String text, int skip, int currency, int amount) {
        List<List<String>> rows = parseCsv(text);
        return rows.subList(skip, rows.size()).stream()
                .map(r -> Map.entry(r.get(currency), new BigDecimal(r.get(amount).replace(',', '.')))).toList();
    }

    static List<Map.Entry<String, BigDecimal>> stripeAmounts(String text) {
        return text.lines().map(l -> ReferralKitJson.readTree(l, RejectionCode.INVALID_EVENT)).map(n -> {
            String currency = n.at("/params/currency").asText().toUpperCase();
            long minor = n.at("/params/amount").longValue();
            return Map.entry(currency, BigDecimal.valueOf(minor, stripeDigits(currency)));
        }).toList();
    }

    /** Stripe's decimals per currency, from its "Supported currencies" page (not from the writer). */
    static int stripeDigits(String currency) {
        if (List.of("BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF")
                .contains(currency)) {
            return 0;
        }
        return List.of("BHD", "JOD", "KWD", "OMR", "TND").contains(currency) ? 3 : 2;
    }

    /** Amounts a format can take in a currency: whole units where the provider takes no decimals. */
    static BigDecimal amount(Format f, String currency, long minor) {
        int digits = Currency.getInstance(currency).getDefaultFractionDigits();
        String format = f.export().format();
        if (format.equals("paypal") && PayPalExport.ZERO_DIGIT.contains(currency)
                || format.equals("stripe") && StripeExport.ZERO_DECIMAL.contains(currency)) {
            return BigDecimal.valueOf(minor).setScale(digits);
        }
        if (format.equals("stripe") && StripeExport.THREE_DECIMAL.contains(currency)) {
            return BigDecimal.valueOf(minor * 10, digits);
        }
        return BigDecimal.valueOf(minor, digits);
    }

    static Gen<List<Payout>> payouts(Format f) {
        return r -> {
            int n = (int) r.next(Constraint.between(0, 40));
            List<String> currencies = f.oneCurrencyPerFile()
                    ? List.of(f.currencies().get((int) r.next(Constraint.between(0, f.currencies().size() - 1))))
                    : f.currencies();
            Map<String, Payout> unique = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                String run = "run-" + r.next(Constraint.between(1, 4));
                String partner = "p" + r.next(Constraint.between(0, PARTNERS - 1));
                String currency = currencies.get((int) r.next(Constraint.between(0, currencies.size() - 1)));
                // edge-biased: one minor unit, just under a million units, or anything up to 10^11 minor units
                long minor = switch ((int) r.next(Constraint.between(0, 3))) {
                    case 0 -> 1;
                    case 1 -> 99_999_999;
                    default -> r.next(Constraint.between(1, 100_000_000_000L));
                };
                Payout p = ImmutablePayout.builder().run(run).partner(partner).currency(Currency.getInstance(currency))
                        .amount(amount(f, currency, minor)).addEntries(run + "/" + partner + "/bonus").build();
                unique.putIfAbsent(PayoutIds.of(p), p);
            }
            return List.copyOf(unique.values());
        };
    }

    static List<Partner> partners() {
        List<Partner> partners = new ArrayList<>();
        for (int i = 0; i < PARTNERS; i++) {
            partners.add(partner("p" + i, Map.of(Destinations.PAYPAL_EMAIL, "p" + i + "@example.com",
                    Destinations.WISE_NAME, "Partner " + i, Destinations.WISE_EMAIL, "p" + i + "@example.com",
                    Destinations.STRIPE_ACCOUNT, "acct_" + i)));
        }
        return partners;
    }

    static Map<String, BigDecimal> sums(List<Map.Entry<String, BigDecimal>> amounts) {
        Map<String, BigDecimal> sums = new TreeMap<>();
        amounts.forEach(e -> sums.merge(e.getKey(), e.getValue(), BigDecimal::add));
        sums.replaceAll((k, v) -> v.stripTrailingZeros());
        return sums;
    }

    @Test
    void the_sum_exported_per_currency_equals_the_sum_of_the_payouts_exactly() {
        for (Format f : FORMATS) {
            Props.qt().forAll(payouts(f)).checkAssert(payouts -> {
                String text = write(f.export(), payouts, partners()).text();
                List<Map.Entry<String, BigDecimal>> given = payouts.stream()
                        .map(p -> Map.entry(p.currency().getCurrencyCode(), p.amount())).toList();
                List<Map.Entry<String, BigDecimal>> read = f.read().apply(text);
                assertThat(read).as(f.export().format()).hasSameSizeAs(given);
                assertThat(sums(read)).as(f.export().format()).isEqualTo(sums(given));
            });
        }
    }

    @Test
    void the_bytes_do_not_depend_on_the_order_of_payouts_or_partners() {
        for (Format f : FORMATS) {
            Props.qt().forAll(payouts(f), longs().all()).checkAssert((payouts, seed) -> {
                List<Payout> shuffled = new ArrayList<>(payouts);
                List<Partner> partners = new ArrayList<>(partners());
                Collections.shuffle(shuffled, new Random(seed));
                Collections.shuffle(partners, new Random(seed + 1));
                assertThat(write(f.export(), shuffled, partners).text()).as(f.export().format())
                        .isEqualTo(write(f.export(), payouts, partners()).text());
            });
        }
    }

    @Test
    void skipping_writes_every_payout_with_a_destination_and_returns_every_other() {
        Format f = FORMATS.get(3);
        Props.qt().forAll(payouts(f), integers().between(0, (1 << PARTNERS) - 1))
                .checkAssert((payouts, mask) -> {
                    List<Partner> partners = new ArrayList<>();
                    Map<String, Boolean> hasAccount = new HashMap<>();
                    for (int i = 0; i < PARTNERS; i++) {
                        boolean has = (mask >> i & 1) == 1;
                        hasAccount.put("p" + i, has);
                        partners.add(partner("p" + i, has ? Map.of(Destinations.STRIPE_ACCOUNT, "acct_" + i) : Map.of()));
                    }
                    ExportResult r = write(f.export(), payouts, partners, OnProblem.SKIP).result();
                    assertThat(r.written()).hasSize((int) payouts.stream().filter(p -> hasAccount.get(p.partner())).count());
                    assertThat(r.skipped()).hasSize(payouts.size() - r.written().size())
                            .allSatisfy(s -> assertThat(hasAccount.get(s.partner())).isFalse());
                });
    }
}
