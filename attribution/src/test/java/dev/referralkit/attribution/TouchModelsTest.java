package dev.referralkit.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.referralkit.binding.BindingModel;
import dev.referralkit.binding.BindingModels;
import dev.referralkit.binding.Candidate;
import dev.referralkit.event.Channel;
import dev.referralkit.money.Money;
import dev.referralkit.money.Ratio;
import dev.referralkit.program.AttributionSettings;
import dev.referralkit.program.ImmutableAttributionSettings;
import dev.referralkit.program.ImmutableCustomWeights;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TouchModelsTest {
    static final Instant BIND = Instant.parse("2026-09-24T12:00:00Z");
    static final AttributionSettings DEFAULTS = ImmutableAttributionSettings.builder().build();

    static List<Candidate> touches(int n) {
        List<Candidate> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(new Candidate("t" + i, "p" + i, BIND.minusSeconds(3600L * (n - i)), Channel.LINK));
        }
        return list;
    }

    static List<String> weights(String model, int n, AttributionSettings settings) {
        List<String> out = new ArrayList<>();
        BindingModels.named(model).weights(touches(n), settings, BIND).forEach(r -> out.add(r.toString()));
        return out;
    }

    @ParameterizedTest(name = "{0} n={1} → {2}")
    @CsvSource(delimiter = '|', value = {
        "last_touch     | 1 | 1",
        "last_touch     | 2 | 0 1",
        "last_touch     | 3 | 0 0 1",
        "first_touch    | 1 | 1",
        "first_touch    | 2 | 1 0",
        "first_touch    | 3 | 1 0 0",
        "linear         | 1 | 1",
        "linear         | 2 | 1/2 1/2",
        "linear         | 3 | 1/3 1/3 1/3",
        "position_based | 1 | 1",
        "position_based | 2 | 1/2 1/2",
        "position_based | 3 | 2/5 1/5 2/5",
        "position_based | 4 | 2/5 1/10 1/10 2/5",
        "position_based | 5 | 2/5 1/15 1/15 1/15 2/5",
        "custom         | 1 | 1",
        "custom         | 2 | 1/2 1/2",
        "custom         | 3 | 2/5 1/5 2/5",
    })
    void per_touch_weights_for_small_n(String model, int n, String expected) {
        assertThat(String.join(" ", weights(model, n, DEFAULTS))).isEqualTo(expected);
    }

    @Test
    void custom_with_two_touches_ignores_the_middle_and_renormalises_adobe_style() {
        AttributionSettings jCurve = ImmutableAttributionSettings.builder()
                .weights(ImmutableCustomWeights.builder().first(new BigDecimal("0.2")).middle(new BigDecimal("0.2")).last(new BigDecimal("0.6")).build())
                .build();
        assertThat(weights("custom", 2, jCurve)).containsExactly("1/4", "3/4");
        assertThat(weights("custom", 3, jCurve)).containsExactly("1/5", "1/5", "3/5");
    }

    /** Adobe's attribution example: paid search, social, email, display, then a $50 purchase. */
    static List<Candidate> adobeJourney() {
        return List.of(
                new Candidate("ps", "Paid Search", Instant.parse("2026-09-15T12:00:00Z"), Channel.LINK),
                new Candidate("so", "Social", Instant.parse("2026-09-18T12:00:00Z"), Channel.LINK),
                new Candidate("em", "Email", Instant.parse("2026-09-24T12:00:00Z"), Channel.LINK),
                new Candidate("di", "Display", Instant.parse("2026-09-24T12:00:00Z"), Channel.LINK));
    }

    static List<Money> fifty(BindingModel model, AttributionSettings settings) {
        List<Ratio> w = model.weights(adobeJourney(), settings, BIND);
        return Money.parse("amount", "50.00", Currency.getInstance("USD")).allocate(w);
    }

    @Test
    void adobe_time_decay_with_a_seven_day_half_life() {
        List<Money> parts = fifty(BindingModels.named("time_decay"), DEFAULTS);
        assertThat(parts).extracting(m -> m.amount().toPlainString()).containsExactly("6.92", "9.32", "16.88", "16.88");
    }

    @Test
    void adobe_j_curve_is_custom_twenty_twenty_sixty() {
        AttributionSettings jCurve = ImmutableAttributionSettings.builder()
                .weights(ImmutableCustomWeights.builder().first(new BigDecimal("0.2")).middle(new BigDecimal("0.2")).last(new BigDecimal("0.6")).build())
                .build();
        List<Money> parts = fifty(BindingModels.named("custom"), jCurve);
        assertThat(parts).extracting(m -> m.amount().toPlainString()).containsExactly("10.00", "5.00", "5.00", "30.00");
    }

    @Test
    void time_decay_halves_every_half_life() {
        Instant bind = Instant.parse("2026-01-15T00:00:00Z");
        List<Candidate> c = List.of(new Candidate("a", "p1", bind.minusSeconds(7 * 86_400), Channel.LINK),
                new Candidate("b", "p2", bind, Channel.LINK));
        List<Ratio> w = BindingModels.named("time_decay").weights(c, DEFAULTS, bind);
        assertThat(w.get(0).times(Ratio.of(2, 1))).isEqualTo(w.get(1));
    }
}
