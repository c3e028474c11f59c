package dev.referralkit.exports;

import static dev.referralkit.exports.Fixtures.parseCsv;
import static dev.referralkit.exports.Fixtures.partner;
import static dev.referralkit.exports.Fixtures.payout;
import static dev.referralkit.exports.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.ledger.Payout;
import dev.referralkit.program.Partner;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayPalExportTest {
    final PayoutExport paypal = PayoutExports.paypal();

    static Partner p(String id, String email) {
        return partner(id, Map.of(Destinations.PAYPAL_EMAIL, email));
    }

    @Test
    void writes_the_six_documented_columns_without_a_header() {
        String text = write(PayoutExports.paypal(PayPalOptions.defaults().withNote("Thanks, from Acme")),
                List.of(payout("run1", "p1", "18.00", "USD")), List.of(p("p1", "ann@example.com"))).text();
        assertThat(text).isEqualTo("ann@example.com,18.00,USD,run1/p1/USD/payout,\"Thanks, from Acme\",PAYPAL\r\n");
        assertThat(paypal.format()).isEqualTo("paypal");
        assertThat(paypal.fileExtension()).isEqualTo("csv");
    }

    @Test
    void zero_digit_currencies_are_written_without_decimals_and_refused_with_a_fraction() {
        assertThat(write(paypal, List.of(payout("run1", "p1", "1500", "JPY")), List.of(p("p1", "a@b.co"))).text())
                .startsWith("a@b.co,1500,JPY,");
        assertThat(write(paypal, List.of(payout("run1", "p1", "1500.00", "HUF")), List.of(p("p1", "a@b.co"))).text())
                .startsWith("a@b.co,1500,HUF,");
        ReferralKitException e = catchThrowableOfType(() -> write(paypal, List.of(payout("run1", "p1", "99.50", "TWD")),
                List.of(p("p1", "a@b.co"))), ReferralKitException.class);
        assertThat(e.code()).isEqualTo(RejectionCode.INVALID_AMOUNT);
        assertThat(e).hasMessage("paypal: 1 of 1 payouts cannot be exported: payout run1/p1/TWD/payout (partner p1): "
                + "amount \"99.50\" has decimals; PayPal pays TWD in whole units only");
    }

    @Test
    void a_currency_paypal_does_not_pay_is_refused_with_the_list() {
        ReferralKitException e = catchThrowableOfType(() -> write(paypal, List.of(payout("run1", "p1", "1.250", "KWD")),
                List.of(p("p1", "a@b.co"))), ReferralKitException.class);
        assertThat(e.field()).isEqualTo("currency");
        assertThat(e).hasMessageContaining("payout run1/p1/KWD/payout (partner p1): currency \"KWD\" is not a PayPal currency; "
                + "PayPal pays AUD, BRL, CAD, CHF, CNY, CZK, DKK, EUR, GBP, HKD, HUF, ILS, JPY, MXN, MYR, NOK, NZD, PHP, PLN, SEK, SGD, THB, TWD, USD");
    }

    @Test
    void one_file_holds_one_currency() {
        assertThatThrownBy(() -> write(paypal, List.of(payout("run1", "p1", "1.00", "USD"), payout("run1", "p1", "1.00", "EUR")),
                List.of(p("p1", "a@b.co"))))
                .isInstanceOf(ReferralKitException.class)
                .hasMessage("paypal: currency \"EUR,USD\" mixes currencies {EUR=1, USD=1}; a PayPal payment file holds one currency: "
                        + "export each currency to its own file");
    }

    @Test
    void every_partner_without_a_destination_is_listed_and_nothing_is_written() {
        List<Payout> payouts = List.of(payout("run1", "p1", "1.00", "USD"), payout("run1", "p2", "2.00", "USD"),
                payout("run1", "p3", "3.00", "USD"), payout("run1", "p4", "4.00", "USD"));
        List<Partner> partners = List.of(p("p1", "a@b.co"), partner("p2", Map.of()), p("p3", "not-an-address"));
        StringWriter out = new StringWriter();
        ReferralKitException e = catchThrowableOfType(() -> paypal.write(payouts, partners, out), ReferralKitException.class);
        assertThat(out.toString()).isEmpty();
        assertThat(e.code()).isEqualTo(RejectionCode.INVALID_PROGRAM);
        assertThat(e).hasMessage("paypal: 3 of 4 payouts cannot be exported: "
                + "payout run1/p2/USD/payout (partner p2): payout.paypal.email is required to pay by PayPal; "
                + "payout run1/p3/USD/payout (partner p3): payout.paypal.email \"not-an-address\" is not an e-mail address "
                + "(one '@' between a local part and a domain); "
                + "payout run1/p4/USD/payout (partner p4): partner \"p4\" is not in the partner list, so it has no destination");
    }

    @Test
    void on_request_the_others_are_written_and_the_skipped_ones_returned() {
        List<Payout> payouts = List.of(payout("run1", "p1", "1.00", "USD"), payout("run1", "p2", "2.00", "USD"));
        Fixtures.Written w = write(paypal, payouts, List.of(p("p1", "a@b.co"), partner("p2", Map.of())), OnProblem.SKIP);
        assertThat(parseCsv(w.text())).hasSize(1).first().asList().startsWith("a@b.co", "1.00");
        assertThat(w.result().written()).containsExactly("run1/p1/USD/payout");
        assertThat(w.result().skipped()).singleElement().satisfies(s -> {
            assertThat(s.payoutId()).isEqualTo("run1/p2/USD/payout");
            assertThat(s.partner()).isEqualTo("p2");
            assertThat(s.reason().field()).isEqualTo(Destinations.PAYPAL_EMAIL);
            assertThat(s.message()).isEqualTo("payout run1/p2/USD/payout (partner p2): payout.paypal.email is required to pay by PayPal");
        });
    }

    @Test
    void an_address_that_starts_like_a_formula_or_is_too_long_is_refused() {
        ReferralKitException e = catchThrowableOfType(() -> write(paypal, List.of(payout("run1", "p1", "1.00", "USD")),
                List.of(p("p1", "=1+2@evil.example"))), ReferralKitException.class);
        assertThat(e).hasMessageEndingWith("payout.paypal.email \"=1+2@evil.example\" starts with '=', which a spreadsheet runs "
                + "as a formula; refused in provider files");
        String long128 = "a".repeat(64) + "@" + "b".repeat(59) + ".com";
        assertThat(long128).hasSize(128);
        assertThatThrownBy(() -> write(paypal, List.of(payout("run1", "p1", "1.00", "USD")), List.of(p("p1", long128))))
                .hasMessageEndingWith("has 128 characters, PayPal allows at most 127");
    }

    @Test
    void the_customer_id_is_the_payout_id_when_it_fits_else_its_short_key() {
        String longRun = "payout-run-2026-02-28";
        List<Payout> payouts = List.of(payout(longRun, "p1", "1.00", "USD"), payout("run 1", "p1", "2.00", "USD"),
                payout("-run", "p1", "3.00", "USD"), payout("run1", "p1", "4.00", "USD"));
        List<List<String>> rows = parseCsv(write(paypal, payouts, List.of(p("p1", "a@b.co"))).text());
        assertThat(rows).extracting(r -> r.get(3)).containsExactly(
                PayoutIds.shortKey("-run/p1/USD/payout"), PayoutIds.shortKey(longRun + "/p1/USD/payout"),
                PayoutIds.shortKey("run 1/p1/USD/payout"), "run1/p1/USD/payout");
        assertThat(rows).allSatisfy(r -> assertThat(r.get(3).length()).isLessThanOrEqualTo(30));
    }

    @Test
    void a_long_note_is_cut_to_400_characters_and_a_formula_note_refused() {
        String note = "é".repeat(450);
        List<List<String>> rows = parseCsv(write(PayoutExports.paypal(PayPalOptions.defaults().withNote(note)),
                List.of(payout("run1", "p1", "1.00", "USD")), List.of(p("p1", "a@b.co"))).text());
        assertThat(rows.get(0).get(4)).isEqualTo("é".repeat(400));
        assertThatThrownBy(() -> PayoutExports.paypal(PayPalOptions.defaults().withNote("@SUM(A1)")))
                .isInstanceOf(ReferralKitException.class).hasMessageStartingWith("note \"@SUM(A1)\" starts with '@'");
        assertThatThrownBy(() -> PayoutExports.paypal(PayPalOptions.defaults().withNote("line\nbreak")))
                .isInstanceOf(ReferralKitException.class).hasMessage("note \"line\nbreak\" must not contain control characters");
    }

    @Test
    void a_decimal_comma_is_quoted() {
        String text = write(PayoutExports.paypal(PayPalOptions.defaults().withDecimalComma(true)),
                List.of(payout("run1", "p1", "100.50", "EUR")), List.of(p("p1", "a@b.co"))).text();
        assertThat(text).startsWith("a@b.co,\"100,50\",EUR,");
        assertThat(parseCsv(text).get(0).get(1)).isEqualTo("100,50");
    }

    @Test
    void at_most_5000_rows_per_file() {
        List<Payout> payouts = new ArrayList<>();
        List<Partner> partners = new ArrayList<>();
        for (int i = 0; i <= 5000; i++) {
            payouts.add(payout("run1", "p" + i, "1.00", "USD"));
            partners.add(p("p" + i, "p" + i + "@example.com"));
        }
        assertThatThrownBy(() -> write(paypal, payouts, partners)).hasMessage(
                "paypal: payouts \"5001\" are too many for one PayPal Payouts Web file (at most 5000)");
        assertThat(parseCsv(write(paypal, payouts.subList(0, 5000), partners).text())).hasSize(5000);
    }

    @Test
    void rows_round_trip_through_a_strict_csv_reader() {
        List<Payout> payouts = List.of(payout("run1", "p1", "10.00", "GBP"), payout("run1", "p2", "0.01", "GBP"));
        List<List<String>> rows = parseCsv(write(PayoutExports.paypal(PayPalOptions.defaults().withNote("Merci \"beaucoup\", à bientôt")),
                payouts, List.of(p("p1", "o'brien+ref@mail.example.ie"), p("p2", "x@y.io"))).text());
        assertThat(rows).containsExactly(
                List.of("o'brien+ref@mail.example.ie", "10.00", "GBP", "run1/p1/GBP/payout", "Merci \"beaucoup\", à bientôt", "PAYPAL"),
                List.of("x@y.io", "0.01", "GBP", "run1/p2/GBP/payout", "Merci \"beaucoup\", à bientôt", "PAYPAL"));
    }

    @Test
    void check_destination_validates_one_partner() {
        paypal.checkDestination(p("p1", "a@b.co"));
        assertThatThrownBy(() -> paypal.checkDestination(p("p1", "a@b")))
                .isInstanceOf(ReferralKitException.class)
                .hasMessageStartingWith("payout.paypal.email \"a@b\" is not an e-mail address");
    }
}
