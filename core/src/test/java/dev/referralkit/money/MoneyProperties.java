package dev.referralkit.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.referralkit.Props;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

class MoneyProperties {
    private static final List<Currency> CURRENCIES = List.of(
            Currency.getInstance("USD"), Currency.getInstance("JPY"), Currency.getInstance("KWD"));

    @Test
    void text_round_trips_at_the_currency_scale() {
        Props.qt().forAll(longs().between(-999_999_999_999_999L, 999_999_999_999_999L), integers().between(0, 2))
                .checkAssert((minor, c) -> {
                    Currency currency = CURRENCIES.get(c);
                    Money money = Money.ofMinor(minor / 1000, currency);
                    assertThat(Money.parse("amount", money.amount().toPlainString(), currency)).isEqualTo(money);
                });
    }

    @Test
    void more_decimals_than_the_currency_has_are_always_refused() {
        Props.qt().forAll(longs().between(1, 999_999_999L), integers().between(0, 2), integers().between(1, 6))
                .checkAssert((unscaled, c, extra) -> {
                    Currency currency = CURRENCIES.get(c);
                    int scale = currency.getDefaultFractionDigits() + extra;
                    // a last digit that is not zero, so the value really has that many decimals
                    BigDecimal value = BigDecimal.valueOf(unscaled * 10 + 1, scale);
                    assertThatThrownBy(() -> Money.parse("amount", value.toPlainString(), currency))
                            .isInstanceOfSatisfying(ReferralKitException.class,
                                    e -> assertThat(e.code()).isEqualTo(RejectionCode.INVALID_AMOUNT));
                    assertThatThrownBy(() -> Money.of(value, currency)).isInstanceOf(ReferralKitException.class);
                });
    }

    @Test
    void magnitudes_of_ten_to_the_fifteen_or_more_are_refused() {
        Props.qt().forAll(integers().between(16, 39), integers().between(0, 2)).checkAssert((digits, c) -> {
            String text = "1" + "0".repeat(digits - 1);
            assertThatThrownBy(() -> Money.parse("amount", text, CURRENCIES.get(c)))
                    .isInstanceOfSatisfying(ReferralKitException.class, e -> assertThat(e.code()).isEqualTo(RejectionCode.INVALID_AMOUNT));
        });
    }

    @Test
    void any_text_either_parses_to_a_valid_amount_or_is_refused_with_invalid_amount() {
        Props.qt().forAll(strings().allPossible().ofLengthBetween(0, 24)
                        .mix(strings().betweenCodePoints('-', '9').ofLengthBetween(0, 24), 70)
                        .mix(strings().betweenCodePoints('+', 'e').ofLengthBetween(0, 12), 30))
                .checkAssert(text -> {
                    try {
                        Money money = Money.parse("amount", text, CURRENCIES.get(0));
                        assertThat(money.amount().scale()).isEqualTo(2);
                        assertThat(money.amount().abs()).isLessThan(new BigDecimal("1E15"));
                    } catch (ReferralKitException e) {
                        assertThat(e.code()).isEqualTo(RejectionCode.INVALID_AMOUNT);
                        assertThat(e.getMessage()).startsWith("amount");
                    }
                });
    }

    @Test
    void rounding_moves_a_value_by_less_than_one_minor_unit() {
        Props.qt().forAll(longs().between(-1_000_000_000_000L, 1_000_000_000_000L), integers().between(0, 2), integers().between(0, 2))
                .checkAssert((unscaled, c, mode) -> {
                    Currency currency = CURRENCIES.get(c);
                    BigDecimal exact = BigDecimal.valueOf(unscaled, currency.getDefaultFractionDigits() + 3);
                    Money rounded = Money.rounded(exact, currency, Rounding.values()[mode]);
                    BigDecimal unit = BigDecimal.ONE.movePointLeft(currency.getDefaultFractionDigits());
                    assertThat(rounded.amount().subtract(exact).abs()).isLessThan(unit);
                });
    }
}
