package dev.referralkit.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllocationTest {
    static final Currency USD = Currency.getInstance("USD");

    @Test
    void scenario_seven_base_splits_forty_fifty_ten() {
        // 100.01 over 0.4/0.5/0.1: exact 40.004, 50.005, 10.001 → floors 40.00, 50.00, 10.00, one cent
        // left goes to the largest remainder (0.5 share: .5 cent)
        List<Money> parts = Allocation.allocate(Money.ofMinor(10001, USD),
                List.of(Ratio.of(2, 5), Ratio.of(1, 2), Ratio.of(1, 10)));
        assertThat(parts).extracting(Money::toMinorUnits).containsExactly(4000L, 5001L, 1000L);
    }

    @Test
    void ties_go_to_the_earlier_share() {
        List<Money> parts = Allocation.allocate(Money.ofMinor(100, USD), List.of(Ratio.ONE, Ratio.ONE, Ratio.ONE));
        assertThat(parts).extracting(Money::toMinorUnits).containsExactly(34L, 33L, 33L);
        List<Money> negative = Allocation.allocate(Money.ofMinor(-100, USD), List.of(Ratio.ONE, Ratio.ONE, Ratio.ONE));
        assertThat(negative).extracting(Money::toMinorUnits).containsExactly(-34L, -33L, -33L);
    }

    @Test
    void weights_must_be_usable() {
        assertThatThrownBy(() -> Allocation.allocate(Money.ofMinor(1, USD), List.of()))
                .hasMessage("weights must not be empty");
        assertThatThrownBy(() -> Allocation.allocate(Money.ofMinor(1, USD), List.of(Ratio.ZERO)))
                .hasMessage("weights must not all be zero");
        assertThatThrownBy(() -> Allocation.allocate(Money.ofMinor(1, USD), List.of(Ratio.of(-1, 2), Ratio.ONE)))
                .hasMessage("weight -1 must not be negative");
    }

    @Test
    void ratios_stay_exact_and_print_as_decimals() {
        Ratio third = Ratio.of(1, 3);
        assertThat(third.plus(third).plus(third)).isEqualTo(Ratio.ONE);
        assertThat(third.toDecimalString()).isEqualTo("0.3333333333");
        assertThat(Ratio.of(2, 5).toDecimalString()).isEqualTo("0.4");
        assertThat(Ratio.ONE.toDecimalString()).isEqualTo("1");
        assertThat(Ratio.of(new java.math.BigDecimal("0.50")).toDecimalString()).isEqualTo("0.5");
        assertThat(Ratio.of(5, 1).toDecimalString()).isEqualTo("5");
        assertThat(third.isTerminating()).isFalse();
        assertThat(Ratio.of(3, 40).isTerminating()).isTrue();
    }
}
