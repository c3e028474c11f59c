package dev.referralkit.exports;

import static dev.referralkit.exports.Fixtures.parseCsv;
import static dev.referralkit.exports.Fixtures.payout;
import static dev.referralkit.exports.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.ledger.Payout;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlainCsvExportTest {
    final PayoutExport csv = PayoutExports.csv();

    @Test
    void writes_the_header_and_one_row_per_payout_exactly() {
        String text = write(csv, List.of(payout("run1", "p1", "18.00", "USD")), List.of()).text();
        assertThat(text).isEqualTo("payout_id,run,partner,currency,amount,entries,short_key\r\n"
                + "run1/p1/USD/payout,run1,p1,USD,18.00,1,rk-jtx3qunf3oi7v5usx22zmvo2sou\r\n");
        assertThat(csv.format()).isEqualTo("csv");
        assertThat(csv.fileExtension()).isEqualTo("csv");
    }

    @Test
    void amounts_are_written_at_the_currency_scale_zero_two_or_three_decimals() {
        String text = write(csv, List.of(payout("r", "p1", "1500", "JPY"), payout("r", "p1", "12.5", "USD"),
                payout("r", "p1", "1.234", "KWD")), List.of()).text();
        assertThat(parseCsv(text)).extracting(r -> r.get(4)).containsExactly("amount", "1500", "1.234", "12.50");
    }

    @Test
    void payouts_are_ordered_by_run_then_partner_then_currency_whatever_the_input_order() {
        List<Payout> payouts = new ArrayList<>(List.of(payout("r2", "a", "1.00", "USD"), payout("r1", "b", "1.00", "USD"),
                payout("r1", "a", "1.00", "USD"), payout("r1", "a", "1.00", "EUR")));
        String first = write(csv, payouts, List.of()).text();
        Collections.reverse(payouts);
        assertThat(write(csv, payouts, List.of()).text()).isEqualTo(first);
        assertThat(parseCsv(first)).extracting(r -> r.get(0)).containsExactly("payout_id",
                "r1/a/EUR/payout", "r1/a/USD/payout", "r1/b/USD/payout", "r2/a/USD/payout");
    }

    @Test
    void a_cell_that_starts_like_a_formula_gets_an_apostrophe_and_round_trips() {
        String text = write(csv, List.of(payout("=HYPERLINK(\"http://x\",\"y\")", "@p, \"q\"", "1.00", "USD"),
                payout("-2+3", "+p", "2.00", "USD")), List.of()).text();
        List<List<String>> rows = parseCsv(text);
        assertThat(rows.get(1)).startsWith("'-2+3/+p/USD/payout", "'-2+3", "'+p", "USD", "2.00");
        assertThat(rows.get(2)).startsWith("'=HYPERLINK(\"http://x\",\"y\")/@p, \"q\"/USD/payout", "'=HYPERLINK(\"http://x\",\"y\")",
                "'@p, \"q\"", "USD", "1.00");
        assertThat(text).contains("\"'@p, \"\"q\"\"\"");
    }

    @Test
    void writes_utf8_without_a_byte_order_mark() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        csv.write(List.of(payout("run1", "müller", "5.00", "EUR")), List.of(), bytes, OnProblem.REFUSE);
        byte[] b = bytes.toByteArray();
        assertThat(b[0]).isEqualTo((byte) 'p');
        assertThat(new String(b, StandardCharsets.UTF_8)).contains("run1/müller/EUR/payout,run1,müller,EUR,5.00");
    }

    @Test
    void the_same_payout_twice_is_refused_whatever_the_mode() {
        List<Payout> twice = List.of(payout("run1", "p1", "1.00", "USD"), payout("run1", "p1", "1.00", "USD"));
        assertThatThrownBy(() -> write(csv, twice, List.of(), OnProblem.SKIP))
                .isInstanceOf(ReferralKitException.class)
                .hasMessage("csv: payouts \"run1/p1/USD/payout\" appears twice; a payout file must never pay a payout twice");
    }

    @Test
    void an_amount_beyond_the_currency_scale_or_not_positive_is_refused() {
        ReferralKitException e = catchThrowableOfType(() -> write(csv,
                List.of(payout("run1", "p1", "1.001", "USD"), payout("run1", "p2", "0.00", "USD")), List.of()), ReferralKitException.class);
        assertThat(e.code()).isEqualTo(RejectionCode.INVALID_AMOUNT);
        assertThat(e).hasMessage("csv: 2 of 2 payouts cannot be exported: "
                + "payout run1/p1/USD/payout (partner p1): amount \"1.001\" has 3 decimals, USD allows 2; "
                + "payout run1/p2/USD/payout (partner p2): amount \"0.00\" must be positive");
        assertThat(e.getSuppressed()).hasSize(2);
    }

    @Test
    void a_currency_without_minor_units_is_refused() {
        assertThatThrownBy(() -> write(csv, List.of(payout("run1", "p1", "1", "XAU")), List.of()))
                .isInstanceOf(ReferralKitException.class)
                .hasMessage("csv: 1 of 1 payouts cannot be exported: payout run1/p1/XAU/payout (partner p1): "
                        + "currency \"XAU\" has no minor units and cannot hold money");
    }

    @Test
    void no_payouts_is_a_header_alone() {
        Fixtures.Written w = write(csv, List.of(), List.of());
        assertThat(w.text()).isEqualTo("payout_id,run,partner,currency,amount,entries,short_key\r\n");
        assertThat(w.result().written()).isEmpty();
        assertThat(w.result().totals()).isEmpty();
    }

    @Test
    void the_result_lists_what_was_written_and_the_totals() {
        ExportResult r = write(csv, List.of(payout("r", "b", "1.10", "USD"), payout("r", "a", "2.05", "USD"), payout("r", "a", "7", "JPY")),
                List.of()).result();
        assertThat(r.written()).containsExactly("r/a/JPY/payout", "r/a/USD/payout", "r/b/USD/payout");
        assertThat(r.totals()).containsExactly(entry("JPY", new BigDecimal("7")),
                entry("USD", new BigDecimal("3.15")));
    }
}
