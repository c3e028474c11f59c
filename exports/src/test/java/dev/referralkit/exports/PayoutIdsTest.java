package dev.referralkit.exports;

import static dev.referralkit.exports.Fixtures.payout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PayoutIdsTest {
    @Test
    void a_payout_id_is_its_payout_entry_id() {
        assertThat(PayoutIds.of(payout("run-2026-02", "p1", "18.00", "USD"))).isEqualTo("run-2026-02/p1/USD/payout");
    }

    @Test
    void the_short_key_is_rk_and_27_base32_characters_of_the_sha256() {
        // SHA-256("run1/p1/USD/payout") in RFC 4648 base32, lower case, first 27 characters (computed with Python's base64.b32encode)
        assertThat(PayoutIds.shortKey("run1/p1/USD/payout")).isEqualTo("rk-jtx3qunf3oi7v5usx22zmvo2sou");
        assertThat(PayoutIds.shortKey("run1/p2/USD/payout")).hasSize(30).matches("rk-[a-z2-7]{27}")
                .isNotEqualTo(PayoutIds.shortKey("run1/p1/USD/payout"));
    }

    @Test
    void a_reference_is_the_id_when_it_fits_else_the_short_key() {
        assertThat(PayoutIds.reference("run1/p1/USD/payout", 30, c -> c != ' ')).isEqualTo("run1/p1/USD/payout");
        assertThat(PayoutIds.reference("run 1/p1/USD/payout", 30, c -> c != ' ')).isEqualTo(PayoutIds.shortKey("run 1/p1/USD/payout"));
        assertThat(PayoutIds.reference("a-rather-long-run/p1/USD/payout", 30, c -> true)).startsWith("rk-");
        assertThat(PayoutIds.reference("=cmd/p1/USD/payout", 30, c -> true)).startsWith("rk-");
        assertThatThrownBy(() -> PayoutIds.reference("x", 29, c -> true)).isInstanceOf(IllegalArgumentException.class);
    }
}
