package dev.referralkit.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.referralkit.Props;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class AllocationProperties {
    private static final List<Currency> CURRENCIES = List.of(
            Currency.getInstance("USD"), Currency.getInstance("JPY"), Currency.getInstance("KWD"));

    /** Weights as ratios, edge-biased: zeros, equal weights, thirds, large numerators. */
    static Gen<List<Ratio>> weights() {
        Gen<Ratio> one = integers().between(0, 6).zip(integers().between(1, 7), longs().between(0, 1_000_000_000L),
                (kind, den, big) -> {
                    switch (kind) {
                        case 0: return Ratio.ZERO;
                        case 1: return Ratio.ONE;
                        case 2: return Ratio.of(1, 3);
                        case 3: return Ratio.of(big, 1);
                        default: return Ratio.of(big % 97, den);
                    }
                });
        return lists().of(one).ofSizeBetween(1, 8).assuming(ws -> ws.stream().anyMatch(w -> w.signum() > 0));
    }

    static Gen<Money> amounts() {
        Gen<Long> minor = longs().between(-99_999_999_999_999_999L / 1000, 99_999_999_999_999_999L / 1000)
                .mix(longs().between(-3, 3), 40);
        return minor.zip(integers().between(0, 2), (m, c) -> Money.ofMinor(m, CURRENCIES.get(c)));
    }

    @Test
    void parts_sum_exactly_to_the_amount() {
        Props.qt().forAll(amounts(), weights()).checkAssert((amount, weights) -> {
            Money sum = Money.zero(amount.currency());
            for (Money part : Allocation.allocate(amount, weights)) {
                sum = sum.plus(part);
            }
            assertThat(sum).isEqualTo(amount);
        });
    }

    @Test
    void each_part_is_within_one_minor_unit_of_its_exact_share() {
        Props.qt().forAll(amounts(), weights()).checkAssert((amount, weights) -> {
            List<Money> parts = Allocation.allocate(amount, weights);
            Ratio total = weights.stream().reduce(Ratio.ZERO, Ratio::plus);
            for (int i = 0; i < parts.size(); i++) {
                Ratio exact = Ratio.of(BigInteger.valueOf(amount.toMinorUnits()), BigInteger.ONE)
                        .times(weights.get(i)).dividedBy(total);
                Ratio diff = Ratio.of(BigInteger.valueOf(parts.get(i).toMinorUnits()), BigInteger.ONE).minus(exact);
                assertThat(diff.signum() < 0 ? diff.negated() : diff).isLessThan(Ratio.ONE);
            }
        });
    }

    @Test
    void a_zero_weight_gets_zero() {
        Props.qt().forAll(amounts(), weights()).checkAssert((amount, weights) -> {
            List<Money> parts = Allocation.allocate(amount, weights);
            for (int i = 0; i < parts.size(); i++) {
                if (weights.get(i).signum() == 0) {
                    assertThat(parts.get(i).isZero()).as("part %d of %s", i, parts).isTrue();
                }
            }
        });
    }

    @Test
    void negating_the_amount_negates_every_part() {
        Props.qt().forAll(amounts(), weights()).checkAssert((amount, weights) -> {
            List<Money> negated = new ArrayList<>();
            for (Money part : Allocation.allocate(amount, weights)) {
                negated.add(part.negated());
            }
            assertThat(Allocation.allocate(amount.negated(), weights)).isEqualTo(negated);
        });
    }

    @Test
    void equal_weights_break_ties_towards_the_earlier_share_and_repeat_exactly() {
        Props.qt().forAll(longs().between(0, 1_000_000), integers().between(1, 9)).checkAssert((units, n) -> {
            List<Ratio> equal = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                equal.add(Ratio.ONE);
            }
            Money amount = Money.ofMinor(units, CURRENCIES.get(0));
            List<Money> parts = Allocation.allocate(amount, equal);
            assertThat(Allocation.allocate(amount, equal)).isEqualTo(parts);
            for (int i = 1; i < n; i++) {
                assertThat(parts.get(i - 1)).isGreaterThanOrEqualTo(parts.get(i));
            }
        });
    }
}
