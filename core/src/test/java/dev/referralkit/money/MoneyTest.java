package dev.referralkit.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import java.math.BigDecimal;
import java.util.Currency;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MoneyTest {
    static final Currency USD = Currency.getInstance("USD");
    static final Currency JPY = Currency.getInstance("JPY");
    static final Currency KWD = Currency.getInstance("KWD");

    @Nested
    class Factories {
        @Test
        void parse_keeps_the_currency_scale() {
            assertThat(Money.parse("amount", "49.9", USD).amount()).isEqualByComparingTo("49.90");
            assertThat(Money.parse("amount", "49.9", USD).amount().scale()).isEqualTo(2);
            assertThat(Money.parse("amount", "1000", JPY).amount().scale()).isZero();
            assertThat(Money.parse("amount", "1.234", KWD).toMinorUnits()).isEqualTo(1234);
        }

        @Test
        void of_minor_units_uses_the_currency_digits() {
            assertThat(Money.ofMinor(12345, USD)).hasToString("123.45 USD");
            assertThat(Money.ofMinor(12345, JPY)).hasToString("12345 JPY");
            assertThat(Money.ofMinor(12345, KWD)).hasToString("12.345 KWD");
        }

        @Test
        void of_accepts_trailing_zeros_beyond_the_scale_from_java_but_not_from_text() {
            assertThat(Money.of(new BigDecimal("10.100"), USD).amount()).isEqualTo(new BigDecimal("10.10"));
            assertThatThrownBy(() -> Money.parse("amount", "10.100", USD))
                    .isInstanceOf(ReferralKitException.class)
                    .hasMessage("amount \"10.100\" has 3 decimals, USD allows 2");
        }

        @Test
        void of_written_counts_trailing_zeros_as_the_input_wrote_them() {
            assertThat(Money.ofWritten("amount", new BigDecimal("10.10"), USD)).hasToString("10.10 USD");
            assertThat(Money.ofWritten("amount", new BigDecimal("10"), USD)).hasToString("10.00 USD");
            assertThatThrownBy(() -> Money.ofWritten("amount", new BigDecimal("50.000"), USD))
                    .isInstanceOfSatisfying(ReferralKitException.class, e -> {
                        assertThat(e.code()).isEqualTo(RejectionCode.INVALID_AMOUNT);
                        assertThat(e.value()).contains("50.000");
                    })
                    .hasMessage("amount \"50.000\" has 3 decimals, USD allows 2");
            assertThatThrownBy(() -> Money.ofWritten("amount", new BigDecimal("10.00"), JPY))
                    .hasMessage("amount \"10.00\" has 2 decimals, JPY allows 0");
        }

        @Test
        @Timeout(5)
        void of_written_refuses_a_huge_scale_without_printing_it() {
            assertThatThrownBy(() -> Money.ofWritten("amount", new BigDecimal("1e-100000000"), USD))
                    .hasMessage("amount \"1E-100000000\" has 100000000 decimals, USD allows 2");
        }

        @Test
        void the_largest_amount_is_just_below_ten_to_the_fifteen() {
            assertThat(Money.parse("amount", "999999999999999.99", USD).amount()).isEqualByComparingTo("999999999999999.99");
            assertThat(Money.parse("amount", "-999999999999999.99", USD).isNegative()).isTrue();
        }

        @Test
        void rounded_applies_the_mode_once() {
            BigDecimal exact = new BigDecimal("4.165");
            assertThat(Money.rounded(exact, USD, Rounding.HALF_EVEN).amount()).isEqualByComparingTo("4.16");
            assertThat(Money.rounded(exact, USD, Rounding.HALF_UP).amount()).isEqualByComparingTo("4.17");
            assertThat(Money.rounded(new BigDecimal("4.169"), USD, Rounding.DOWN).amount()).isEqualByComparingTo("4.16");
            assertThat(Money.rounded(new BigDecimal("-4.169"), USD, Rounding.DOWN).amount()).isEqualByComparingTo("-4.16");
        }
    }

    @Nested
    class Rejections {
        @ParameterizedTest(name = "{0} {1} -> {2}")
        @CsvSource(delimiter = '|', value = {
            "10.001              | USD | INVALID_AMOUNT | amount \"10.001\" has 3 decimals, USD allows 2",
            "1.5                 | JPY | INVALID_AMOUNT | amount \"1.5\" has 1 decimal, JPY allows 0",
            "100.000             | USD | INVALID_AMOUNT | amount \"100.000\" has 3 decimals, USD allows 2",
            "10.00               | JPY | INVALID_AMOUNT | amount \"10.00\" has 2 decimals, JPY allows 0",
            "1.0                 | JPY | INVALID_AMOUNT | amount \"1.0\" has 1 decimal, JPY allows 0",
            "1.2345              | KWD | INVALID_AMOUNT | amount \"1.2345\" has 4 decimals, KWD allows 3",
            "1e-100000000        | USD | INVALID_AMOUNT | amount \"1e-100000000\" is not a plain decimal (digits, an optional '-' and '.', at most 40 characters)",
            "1E+100000000        | USD | INVALID_AMOUNT | amount \"1E+100000000\" is not a plain decimal (digits, an optional '-' and '.', at most 40 characters)",
            "NaN                 | USD | INVALID_AMOUNT | amount \"NaN\" is not a plain decimal (digits, an optional '-' and '.', at most 40 characters)",
            "''                  | USD | INVALID_AMOUNT | amount \"\" is not a plain decimal (digits, an optional '-' and '.', at most 40 characters)",
            "+5                  | USD | INVALID_AMOUNT | amount \"+5\" is not a plain decimal (digits, an optional '-' and '.', at most 40 characters)",
            "5.                  | USD | INVALID_AMOUNT | amount \"5.\" is not a plain decimal (digits, an optional '-' and '.', at most 40 characters)",
            "' 5'                | USD | INVALID_AMOUNT | amount \" 5\" is not a plain decimal (digits, an optional '-' and '.', at most 40 characters)",
            "1000000000000000    | USD | INVALID_AMOUNT | amount \"1000000000000000\" must be below 10^15 in magnitude",
            "-1000000000000000   | USD | INVALID_AMOUNT | amount \"-1000000000000000\" must be below 10^15 in magnitude",
        })
        void bad_amount_texts_are_refused_with_their_code(String text, String currency, RejectionCode code, String message) {
            assertThatThrownBy(() -> Money.parse("amount", text, Currency.getInstance(currency)))
                    .isInstanceOfSatisfying(ReferralKitException.class, e -> {
                        assertThat(e.code()).isEqualTo(code);
                        assertThat(e.field()).isEqualTo("amount");
                        assertThat(e.value()).contains(text);
                    })
                    .hasMessage(message);
        }

        @Test
        @Timeout(5)
        void a_huge_exponent_from_java_is_refused_before_any_arithmetic() {
            BigDecimal tiny = new BigDecimal("1e-100000000");
            BigDecimal huge = new BigDecimal("1e+100000000");
            assertThatThrownBy(() -> Money.of(tiny, USD)).isInstanceOfSatisfying(ReferralKitException.class,
                    e -> assertThat(e.code()).isEqualTo(RejectionCode.INVALID_AMOUNT));
            assertThatThrownBy(() -> Money.of(huge, USD)).isInstanceOfSatisfying(ReferralKitException.class,
                    e -> assertThat(e.code()).isEqualTo(RejectionCode.INVALID_AMOUNT));
            assertThatThrownBy(() -> Money.rounded(huge, USD, Rounding.HALF_EVEN)).isInstanceOf(ReferralKitException.class);
            assertThatThrownBy(() -> Percent.of(tiny)).isInstanceOf(ReferralKitException.class);
        }

        @Test
        void negative_where_not_allowed() {
            assertThatThrownBy(() -> Money.parse("amount", "-5.00", USD).requireNonNegative("amount"))
                    .isInstanceOfSatisfying(ReferralKitException.class, e -> assertThat(e.code()).isEqualTo(RejectionCode.INVALID_AMOUNT))
                    .hasMessage("amount \"-5.00\" must not be negative");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "usd | currency \"usd\" is not an ISO-4217 code (three upper-case letters)",
            "XXX | currency \"XXX\" has no minor units and cannot hold money",
            "XAU | currency \"XAU\" has no minor units and cannot hold money",
            "ABC | currency \"ABC\" is not an ISO-4217 currency",
            "''  | currency \"\" is not an ISO-4217 code (three upper-case letters)",
            "USDX | currency \"USDX\" is not an ISO-4217 code (three upper-case letters)",
        })
        void bad_currencies_are_invalid_events(String code, String message) {
            assertThatThrownBy(() -> Currencies.of("currency", code))
                    .isInstanceOfSatisfying(ReferralKitException.class, e -> assertThat(e.code()).isEqualTo(RejectionCode.INVALID_EVENT))
                    .hasMessage(message);
        }

        @Test
        void arithmetic_across_currencies_is_a_mismatch() {
            assertThatThrownBy(() -> Money.ofMinor(1, USD).plus(Money.ofMinor(1, JPY)))
                    .isInstanceOfSatisfying(ReferralKitException.class, e -> assertThat(e.code()).isEqualTo(RejectionCode.CURRENCY_MISMATCH))
                    .hasMessage("currencies differ: USD/JPY");
        }

        @Test
        void a_long_value_is_abbreviated_in_messages() {
            String text = "9".repeat(200);
            assertThatThrownBy(() -> Money.parse("amount", text, USD))
                    .hasMessageStartingWith("amount \"" + "9".repeat(61) + "...\"");
        }
    }

    @Nested
    class Percents {
        @ParameterizedTest
        @CsvSource({"0", "12.5", "1000", "0.000001", "20.000000"})
        void accepted(String text) {
            assertThat(Percent.parse(text).value()).isEqualByComparingTo(text);
        }

        @Test
        void trailing_zeros_past_six_decimals_are_refused_as_text_but_not_from_java() {
            assertThatThrownBy(() -> Percent.parse("10.0000000")).isInstanceOf(ReferralKitException.class);
            assertThat(Percent.of(new BigDecimal("10.0000000"))).isEqualTo(Percent.parse("10"));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "1000.000001 | percent \"1000.000001\" must be between 0 and 1000",
            "-1          | percent \"-1\" must be between 0 and 1000",
            "0.0000001   | percent \"0.0000001\" has 7 decimals, a percentage allows 6",
            "10.0000000  | percent \"10.0000000\" has 7 decimals, a percentage allows 6",
            "1e3         | percent \"1e3\" is not a plain decimal (digits, an optional '-' and '.', at most 40 characters)",
        })
        void refused(String text, String message) {
            assertThatThrownBy(() -> Percent.parse(text))
                    .isInstanceOfSatisfying(ReferralKitException.class, e -> assertThat(e.code()).isEqualTo(RejectionCode.INVALID_AMOUNT))
                    .hasMessage(message);
        }

        @Test
        void equal_when_numerically_equal_and_exact_when_applied() {
            assertThat(Percent.parse("20")).isEqualTo(Percent.parse("20.000"));
            assertThat(Percent.parse("12.5").applyTo(new BigDecimal("33.33"))).isEqualByComparingTo("4.16625");
            assertThat(Percent.parse("12.5").fraction()).isEqualByComparingTo("0.125");
        }
    }

    @Test
    void minor_units_are_exact_up_to_the_64_bit_limit_and_refused_past_it() {
        Currency clf = Currency.getInstance("CLF");
        assertThat(Money.of("amount", new BigDecimal("922337203685477.5807"), clf).toMinorUnits()).isEqualTo(Long.MAX_VALUE);
        assertThat(Money.of("amount", new BigDecimal("-922337203685477.5807"), clf).toMinorUnits()).isEqualTo(-Long.MAX_VALUE);
        assertThat(Money.of("amount", new BigDecimal("999999999999999.9999"), clf))
                .satisfies(m -> assertThatThrownBy(m::toMinorUnits).isInstanceOfSatisfying(ReferralKitException.class, e -> {
                    assertThat(e.code()).isEqualTo(RejectionCode.INVALID_AMOUNT);
                    assertThat(e.getMessage()).contains("999999999999999.9999 CLF").contains("922337203685477.5807 CLF");
                }));
        assertThatThrownBy(Money.of("amount", new BigDecimal("922337203685477.5808"), clf)::toMinorUnits)
                .isInstanceOf(ReferralKitException.class);
        // every amount of a currency of up to 3 decimals fits
        assertThat(Money.of("amount", new BigDecimal("999999999999999.999"), Currency.getInstance("KWD")).toMinorUnits())
                .isEqualTo(999_999_999_999_999_999L);
        assertThat(Money.of("amount", new BigDecimal("-999999999999999"), Currency.getInstance("JPY")).toMinorUnits())
                .isEqualTo(-999_999_999_999_999L);
    }
}
