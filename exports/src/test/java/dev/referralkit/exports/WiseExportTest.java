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
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WiseExportTest {
    static final String HEADER = "name,recipientEmail,paymentReference,receiverType,amountCurrency,amount,sourceCurrency,targetCurrency";
    final PayoutExport wise = PayoutExports.wise();

    static Partner p(String id, String... keyValues) {
        Map<String, String> attributes = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            attributes.put(keyValues[i], keyValues[i + 1]);
        }
        return partner(id, attributes);
    }

    static Partner ann() {
        return p("p1", Destinations.WISE_NAME, "Ann Lee", Destinations.WISE_EMAIL, "ann@example.com");
    }

    @Test
    void the_email_template_has_wises_header_and_a_row_per_payout() {
        String text = write(wise, List.of(payout("run1", "p1", "18.00", "EUR")), List.of(ann())).text();
        assertThat(text).isEqualTo(HEADER + "\r\n" + "Ann Lee,ann@example.com,,PERSON,target,18.00,EUR,EUR\r\n");
        assertThat(wise.format()).isEqualTo("wise");
    }

    @Test
    void the_iban_template_adds_the_iban_in_electronic_form() {
        Partner bank = p("p1", Destinations.WISE_NAME, "Acme GmbH", Destinations.WISE_IBAN, "de89 3704 0044 0532 0130 00",
                Destinations.WISE_RECEIVER_TYPE, "INSTITUTION");
        String text = write(PayoutExports.wise(WiseOptions.defaults().withTemplate(WiseOptions.Template.IBAN)
                .withSourceCurrency(Currency.getInstance("USD")).withReference("Commission 2026-02")),
                List.of(payout("run1", "p1", "1234.56", "EUR")), List.of(bank)).text();
        assertThat(text).isEqualTo(HEADER + ",IBAN\r\n"
                + "Acme GmbH,,Commission 2026-02,INSTITUTION,target,1234.56,USD,EUR,DE89370400440532013000\r\n");
    }

    @Test
    void a_wrong_iban_a_missing_name_or_address_and_a_bad_receiver_type_are_each_named() {
        PayoutExport iban = PayoutExports.wise(WiseOptions.defaults().withTemplate(WiseOptions.Template.IBAN));
        List<Payout> payouts = List.of(payout("run1", "p1", "1.00", "EUR"), payout("run1", "p2", "1.00", "EUR"),
                payout("run1", "p3", "1.00", "EUR"), payout("run1", "p4", "1.00", "EUR"));
        List<Partner> partners = List.of(p("p1", Destinations.WISE_NAME, "A", Destinations.WISE_IBAN, "DE89370400440532013001"),
                p("p2", Destinations.WISE_IBAN, "DE89370400440532013000"),
                p("p3", Destinations.WISE_NAME, "C"),
                p("p4", Destinations.WISE_NAME, "D", Destinations.WISE_IBAN, "DE89370400440532013000", Destinations.WISE_RECEIVER_TYPE, "person"));
        ReferralKitException e = catchThrowableOfType(() -> write(iban, payouts, partners), ReferralKitException.class);
        assertThat(e.code()).isEqualTo(RejectionCode.INVALID_PROGRAM);
        assertThat(e.field()).isEqualTo("payouts");
        assertThat(e).hasMessage("wise: 4 of 4 payouts cannot be exported: "
                + "payout run1/p1/EUR/payout (partner p1): payout.wise.iban \"DE89370400440532013001\" fails the IBAN check digits (mod 97); "
                + "payout run1/p2/EUR/payout (partner p2): payout.wise.name is required to pay by Wise; "
                + "payout run1/p3/EUR/payout (partner p3): payout.wise.iban is required by Wise's IBAN template; "
                + "payout run1/p4/EUR/payout (partner p4): payout.wise.receiverType \"person\" must be PERSON or INSTITUTION");
        assertThatThrownBy(() -> write(wise, List.of(payout("run1", "p1", "1.00", "EUR")), List.of(p("p1", Destinations.WISE_NAME, "A"))))
                .hasMessageEndingWith("payout.wise.email is required by Wise's e-mail template");
    }

    @Test
    void the_reference_must_fit_each_currency_and_cop_takes_none() {
        PayoutExport withReference = PayoutExports.wise(WiseOptions.defaults().withReference("Referrals 2026"));
        assertThat(write(withReference, List.of(payout("run1", "p1", "1.00", "EUR")), List.of(ann())).text())
                .contains(",Referrals 2026,");
        ReferralKitException usd = catchThrowableOfType(() -> write(withReference, List.of(payout("run1", "p1", "1.00", "USD")),
                List.of(ann())), ReferralKitException.class);
        assertThat(usd).hasMessage("wise: 1 of 1 payouts cannot be exported: payout run1/p1/USD/payout (partner p1): "
                + "paymentReference \"Referrals 2026\" has 14 characters, Wise sends at most 10 with USD");
        assertThatThrownBy(() -> write(withReference, List.of(payout("run1", "p1", "1000.00", "COP")), List.of(ann())))
                .hasMessageEndingWith("paymentReference \"Referrals 2026\" must be empty: Wise sends no reference with COP");
        assertThat(parseCsv(write(wise, List.of(payout("run1", "p1", "1000.00", "COP")), List.of(ann())).text()).get(1).get(2)).isEmpty();
    }

    @Test
    void zero_decimal_currencies_are_whole_and_unsupported_currencies_refused() {
        assertThat(parseCsv(write(wise, List.of(payout("run1", "p1", "50000", "KRW")), List.of(ann())).text()).get(1).get(5))
                .isEqualTo("50000");
        ReferralKitException e = catchThrowableOfType(() -> write(wise, List.of(payout("run1", "p1", "1.500", "KWD"),
                payout("run1", "p1", "100", "JPY")), List.of(ann())), ReferralKitException.class);
        assertThat(e.field()).isEqualTo("currency");
        assertThat(e).hasMessageContaining("payout run1/p1/JPY/payout (partner p1): currency \"JPY\" is not a currency Wise batch payments send; "
                + "Wise sends AED, AUD, BGN, CAD, CHF, COP, CZK, DKK, EUR, GBP, GEL, HKD, HUF, IDR, INR, KRW, LKR, MAD, MXN, MYR, NGN, NOK, NZD, "
                + "PHP, PLN, RON, SEK, SGD, THB, USD, ZAR")
                .hasMessageContaining("payout run1/p1/KWD/payout (partner p1): currency \"KWD\" is not a currency Wise batch payments send");
        assertThatThrownBy(() -> PayoutExports.wise(WiseOptions.defaults().withSourceCurrency(Currency.getInstance("JPY"))))
                .hasMessageStartingWith("sourceCurrency \"JPY\" is not a currency Wise batch payments send");
    }

    @Test
    void a_name_that_starts_like_a_formula_is_refused_and_names_round_trip() {
        assertThatThrownBy(() -> write(wise, List.of(payout("run1", "p1", "1.00", "EUR")),
                List.of(p("p1", Destinations.WISE_NAME, "+33 Corp", Destinations.WISE_EMAIL, "a@b.co"))))
                .hasMessageEndingWith("payout.wise.name \"+33 Corp\" starts with '+', which a spreadsheet runs as a formula; refused in provider files");
        List<List<String>> rows = parseCsv(write(wise, List.of(payout("run1", "p1", "7.00", "GBP")),
                List.of(p("p1", Destinations.WISE_NAME, "O'Hara, \"Zoë\" & Co", Destinations.WISE_EMAIL, "zoe@hara.co.uk"))).text());
        assertThat(rows).containsExactly(List.of(HEADER.split(",")),
                List.of("O'Hara, \"Zoë\" & Co", "zoe@hara.co.uk", "", "PERSON", "target", "7.00", "GBP", "GBP"));
    }

    @Test
    void at_most_1000_transfers_per_batch() {
        List<Payout> payouts = new ArrayList<>();
        List<Partner> partners = new ArrayList<>();
        for (int i = 0; i <= 1000; i++) {
            payouts.add(payout("run1", "p" + i, "1.00", "EUR"));
            partners.add(p("p" + i, Destinations.WISE_NAME, "N" + i, Destinations.WISE_EMAIL, "p" + i + "@example.com"));
        }
        assertThatThrownBy(() -> write(wise, payouts, partners))
                .hasMessage("wise: payouts \"1001\" are too many for one Wise batch (at most 1000 transfers)");
    }
}
