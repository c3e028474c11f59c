package dev.referralkit.exports;

import static dev.referralkit.exports.Fixtures.partner;
import static dev.referralkit.exports.Fixtures.payout;
import static dev.referralkit.exports.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.ledger.Payout;
import dev.referralkit.program.Partner;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StripeExportTest {
    final PayoutExport stripe = PayoutExports.stripe();

    static Partner p(String id, String account) {
        return partner(id, Map.of(Destinations.STRIPE_ACCOUNT, account));
    }

    static List<JsonNode> lines(String text) {
        return text.lines().map(l -> ReferralKitJson.readTree(l, RejectionCode.INVALID_EVENT)).toList();
    }

    static long amount(String value, String currency) {
        return lines(write(PayoutExports.stripe(), List.of(payout("run1", "p1", value, currency)), List.of(p("p1", "acct_1"))).text())
                .get(0).at("/params/amount").asLong();
    }

    @Test
    void writes_one_transfer_request_a_line_with_the_payout_id_as_idempotency_key() {
        String text = write(stripe, List.of(payout("run1", "p1", "18.00", "USD")), List.of(p("p1", "acct_1MTfjCQ9PRzxEwkZ"))).text();
        assertThat(text).isEqualTo("{\"method\":\"POST\",\"path\":\"/v1/transfers\",\"headers\":{\"Idempotency-Key\":\"run1/p1/USD/payout\"},"
                + "\"params\":{\"amount\":1800,\"currency\":\"usd\",\"destination\":\"acct_1MTfjCQ9PRzxEwkZ\",\"transfer_group\":\"run1\","
                + "\"metadata\":{\"referralkit_partner\":\"p1\",\"referralkit_payout_id\":\"run1/p1/USD/payout\",\"referralkit_run\":\"run1\"}}}\n");
        assertThat(stripe.format()).isEqualTo("stripe");
        assertThat(stripe.fileExtension()).isEqualTo("jsonl");
    }

    @Test
    void amounts_are_integers_in_stripes_smallest_unit() {
        assertThat(amount("0.01", "EUR")).isEqualTo(1);
        assertThat(amount("1500", "JPY")).isEqualTo(1500);
        assertThat(amount("1500", "ISK")).isEqualTo(150000);
        assertThat(amount("1500.00", "MGA")).isEqualTo(1500);
        assertThat(amount("12.340", "KWD")).isEqualTo(12340);
        assertThat(amount("999999999999.99", "USD")).isEqualTo(99999999999999L);
    }

    @Test
    void a_fraction_stripe_cannot_take_is_refused_not_rounded() {
        ReferralKitException mga = catchThrowableOfType(() -> amount("10.20", "MGA"), ReferralKitException.class);
        assertThat(mga.code()).isEqualTo(RejectionCode.INVALID_AMOUNT);
        assertThat(mga).hasMessageEndingWith("amount \"10.20\" has decimals Stripe cannot take: Stripe counts MGA with 0 decimals");
        assertThatThrownBy(() -> amount("5.124", "KWD"))
                .hasMessageEndingWith("amount \"5.124\" must end in 0 in thousandths: Stripe requires the last digit of KWD amounts to be 0");
    }

    @Test
    void a_currency_outside_stripes_list_is_refused() {
        assertThatThrownBy(() -> amount("1.000", "IQD")).hasMessageEndingWith("currency \"IQD\" is not a Stripe presentment currency");
        assertThatThrownBy(() -> amount("1.00", "BTN")).hasMessageEndingWith("currency \"BTN\" is not a Stripe presentment currency");
    }

    @Test
    void the_destination_must_be_a_connected_account_id() {
        List<Payout> payouts = List.of(payout("run1", "p1", "1.00", "USD"), payout("run1", "p2", "1.00", "USD"),
                payout("run1", "p3", "1.00", "USD"));
        ReferralKitException e = catchThrowableOfType(() -> write(stripe, payouts,
                List.of(p("p1", "cus_123"), partner("p2", Map.of()), p("p3", "acct_"))), ReferralKitException.class);
        assertThat(e).hasMessage("stripe: 3 of 3 payouts cannot be exported: "
                + "payout run1/p1/USD/payout (partner p1): payout.stripe.account \"cus_123\" is not a Stripe connected account id "
                + "(acct_ then letters and digits, at most 255 characters); "
                + "payout run1/p2/USD/payout (partner p2): payout.stripe.account is required to pay by Stripe; "
                + "payout run1/p3/USD/payout (partner p3): payout.stripe.account \"acct_\" is not a Stripe connected account id "
                + "(acct_ then letters and digits, at most 255 characters)");
    }

    @Test
    void a_payout_id_too_long_or_not_ascii_is_keyed_by_its_short_key_and_kept_in_metadata() {
        String run = "r".repeat(128);
        String partnerId = "p".repeat(120);
        List<JsonNode> lines = lines(write(stripe, List.of(payout(run, partnerId, "1.00", "USD"), payout("run1", "jürgen", "1.00", "EUR")),
                List.of(p(partnerId, "acct_1"), p("jürgen", "acct_2"))).text());
        String longId = run + "/" + partnerId + "/USD/payout";
        assertThat(longId.length()).isGreaterThan(255);
        assertThat(lines.get(0).at("/headers/Idempotency-Key").asText()).isEqualTo(PayoutIds.shortKey(longId));
        assertThat(lines.get(0).at("/params/metadata/referralkit_payout_id").asText()).isEqualTo(longId);
        assertThat(lines.get(1).at("/headers/Idempotency-Key").asText()).isEqualTo(PayoutIds.shortKey("run1/jürgen/EUR/payout"));
        assertThat(lines.get(1).at("/params/metadata/referralkit_payout_id").asText()).isEqualTo("run1/jürgen/EUR/payout");
    }

    @Test
    void json_is_not_a_spreadsheet_so_formula_like_ids_pass_unchanged() {
        JsonNode line = lines(write(stripe, List.of(payout("=run", "@p", "1.00", "USD")), List.of(p("@p", "acct_1"))).text()).get(0);
        assertThat(line.at("/params/transfer_group").asText()).isEqualTo("=run");
        assertThat(line.at("/params/metadata/referralkit_partner").asText()).isEqualTo("@p");
        assertThat(line.at("/headers/Idempotency-Key").asText()).isEqualTo(PayoutIds.shortKey("=run/@p/USD/payout"));
    }

    @Test
    void a_description_is_passed_and_checked_once() {
        JsonNode line = lines(write(PayoutExports.stripe(new StripeOptions("Referral commissions, February")),
                List.of(payout("run1", "p1", "1.00", "USD")), List.of(p("p1", "acct_1"))).text()).get(0);
        assertThat(line.at("/params/description").asText()).isEqualTo("Referral commissions, February");
        assertThatThrownBy(() -> PayoutExports.stripe(new StripeOptions("x".repeat(5001))))
                .hasMessage("description \"" + "x".repeat(61) + "...\" has 5001 characters, Stripe allows at most 5000");
    }

    @Test
    void requests_parse_back_and_name_every_documented_parameter() {
        List<JsonNode> lines = lines(write(stripe, List.of(payout("run2", "b", "3.00", "GBP"), payout("run1", "a", "2.50", "GBP")),
                List.of(p("a", "acct_A"), p("b", "acct_B"))).text());
        assertThat(lines).extracting(l -> l.at("/params/destination").asText()).containsExactly("acct_A", "acct_B");
        assertThat(lines).allSatisfy(l -> {
            assertThat(l.get("method").asText()).isEqualTo("POST");
            assertThat(l.get("path").asText()).isEqualTo("/v1/transfers");
            assertThat(l.get("params").fieldNames()).toIterable()
                    .containsExactly("amount", "currency", "destination", "transfer_group", "metadata");
            assertThat(l.at("/params/amount").isIntegralNumber()).isTrue();
        });
    }
}
