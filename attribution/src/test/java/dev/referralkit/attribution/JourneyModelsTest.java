package dev.referralkit.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.referralkit.ReferralKitException;
import dev.referralkit.money.Ratio;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JourneyModelsTest {
    static Journey j(String path, long conversions, long value, long nulls) {
        return Journey.of(List.of(path.split(">")), Ratio.of(conversions, 1), Ratio.of(value, 1), Ratio.of(nulls, 1));
    }

    static String show(List<ChannelCredit> credits) {
        StringBuilder s = new StringBuilder();
        for (ChannelCredit c : credits) {
            s.append(s.length() == 0 ? "" : ", ").append(c.channel()).append(' ').append(ChannelCredit.format(c.conversions()));
        }
        return s.toString();
    }

    /** Zhao et al. (2018): exact-set conversion ratios F .18, G .04, L .08, FG .10, FL .26, GL .07, FGL .27 (per 100). */
    @Test
    void shapley_reproduces_the_three_channel_example() {
        List<Journey> journeys = List.of(j("F", 18, 0, 0), j("G", 4, 0, 0), j("L", 8, 0, 0), j("F>G", 10, 0, 0),
                j("F>L", 26, 0, 0), j("G>L", 7, 0, 0), j("F>G>L", 27, 0, 0));
        List<ChannelCredit> credits = JourneyModels.SHAPLEY.credit(journeys);
        assertThat(credits).extracting(c -> c.conversions().dividedBy(Ratio.of(100, 1)).toDecimalString())
                .containsExactly("0.45", "0.215", "0.335");
        assertThat(credits).extracting(ChannelCredit::channel).containsExactly("F", "G", "L");
    }

    /** Anderl et al. (2016) style example: c1>c2>c3 converting, c1 null, c2>c3 null. */
    @Test
    void markov_removal_effects_are_exact() {
        List<Journey> journeys = List.of(j("c1>c2>c3", 1, 0, 0), j("c1", 0, 0, 1), j("c2>c3", 0, 0, 1));
        MarkovChain chain = MarkovChain.of(journeys);
        assertThat(chain.conversionProbability()).isEqualTo(Ratio.of(1, 3));
        Map<String, Ratio> effects = chain.removalEffects();
        assertThat(effects).containsExactly(Map.entry("c1", Ratio.of(1, 2)), Map.entry("c2", Ratio.ONE), Map.entry("c3", Ratio.ONE));
        assertThat(show(JourneyModels.MARKOV.credit(journeys))).isEqualTo("c1 0.2, c2 0.4, c3 0.4");
    }

    /** SPEC.md §4.4: a small chain's credit is the exact solution, not one rounded to 12 decimals. */
    @Test
    void markov_on_a_small_chain_is_the_exact_rational_solution() {
        // removal effects 1/2 each, shares 1/3: 2/3 of a conversion and 7/3 of the value per channel, which no
        // 12-decimal share gives exactly
        List<Journey> journeys = List.of(j("a>b", 1, 7, 0), j("a>c", 1, 0, 0), j("a", 0, 0, 1), j("b", 0, 0, 1), j("c", 0, 0, 1));
        List<ChannelCredit> credits = JourneyModels.MARKOV.credit(journeys);
        assertThat(credits).extracting(ChannelCredit::channel).containsExactly("a", "b", "c");
        assertThat(credits).extracting(ChannelCredit::conversions).containsOnly(Ratio.of(2, 3));
        assertThat(credits).extracting(ChannelCredit::value).containsOnly(Ratio.of(7, 3));
    }

    @Test
    void markov_collapses_repeats_and_normalises_value() {
        List<Journey> journeys = List.of(j("a>a>b", 2, 100, 0), j("a>b", 0, 0, 2), j("b", 1, 40, 1));
        List<ChannelCredit> credits = JourneyModels.MARKOV.credit(journeys);
        Ratio conversions = credits.stream().map(ChannelCredit::conversions).reduce(Ratio.ZERO, Ratio::plus);
        Ratio value = credits.stream().map(ChannelCredit::value).reduce(Ratio.ZERO, Ratio::plus);
        assertThat(conversions).isEqualTo(Ratio.of(3, 1));
        assertThat(value).isEqualTo(Ratio.of(140, 1));
    }

    @Test
    void counterfactual_credits_what_a_channel_adds_over_the_path_without_it() {
        // a>b converts 1 of 2 (0.5); b alone converts 1 of 4 (0.25); a alone never seen (0)
        List<Journey> journeys = List.of(j("a>b", 1, 10, 1), j("b", 1, 10, 3));
        List<ChannelCredit> credits = JourneyModels.COUNTERFACTUAL.credit(journeys);
        // in a>b: a adds 0.5 − 0.25 = 0.25, b adds 0.5 − 0 = 0.5 → a 1/3, b 2/3; b alone gets its own conversion
        assertThat(show(credits)).isEqualTo("a 0.3333333333, b 1.6666666667");
        // each path's split is rounded to 12 decimals, largest remainder first, so credits still sum exactly
        assertThat(credits.get(0).conversions()).isEqualTo(Ratio.of(333_333_333_333L, 1_000_000_000_000L));
        assertThat(credits.get(1).conversions()).isEqualTo(Ratio.of(1_666_666_666_667L, 1_000_000_000_000L));
    }

    @Test
    void rule_models_count_every_touch() {
        List<Journey> journeys = List.of(j("a>a>b", 3, 30, 0));
        assertThat(show(JourneyModels.FIRST_TOUCH.credit(journeys))).isEqualTo("a 3.0, b 0.0");
        assertThat(show(JourneyModels.LAST_TOUCH.credit(journeys))).isEqualTo("a 0.0, b 3.0");
        assertThat(show(JourneyModels.LINEAR.credit(journeys))).isEqualTo("a 2.0, b 1.0");
        assertThat(show(JourneyModels.POSITION_BASED.credit(journeys))).isEqualTo("a 1.8, b 1.2");
        assertThat(show(JourneyModels.SHAPLEY.credit(journeys))).isEqualTo("a 1.5, b 1.5");
    }

    @Test
    void unknown_models_list_the_known_ones() {
        assertThatThrownBy(() -> JourneyModels.named("magic")).isInstanceOf(ReferralKitException.class)
                .hasMessage("model \"magic\" is not one of first_touch, last_touch, linear, position_based, shapley, markov, counterfactual");
    }

    @Test
    void the_csv_reader_reads_paths_counts_and_empty_values() throws IOException {
        List<Journey> journeys = JourneyCsv.read(new StringReader("path,conversions,value,nulls\n"
                + "email > social>ads,2,140.25,3\n\nads,0,,5\n"));
        assertThat(journeys).hasSize(2);
        assertThat(journeys.get(0).channels()).containsExactly("email", "social", "ads");
        assertThat(journeys.get(0).value()).isEqualTo(Ratio.of(new java.math.BigDecimal("140.25")));
        assertThat(journeys.get(1).value()).isEqualTo(Ratio.ZERO);
        assertThat(journeys.get(1).nulls()).isEqualTo(Ratio.of(5, 1));
    }

    @Test
    void the_csv_reader_names_the_line_and_the_reason() {
        assertThatThrownBy(() -> JourneyCsv.read(new StringReader("path,conv\n"))).hasMessage(
                "line 1: the header must be path,conversions,value,nulls, found \"path,conv\"");
        assertThatThrownBy(() -> JourneyCsv.read(new StringReader(""))).hasMessage(
                "line 1: the header must be path,conversions,value,nulls, the file is empty");
        assertThatThrownBy(() -> JourneyCsv.read(new StringReader("path,conversions,value,nulls\na,1,2,3\na,1,2\n")))
                .hasMessage("line 3: expected 4 fields (path,conversions,value,nulls), found 3");
        assertThatThrownBy(() -> JourneyCsv.read(new StringReader("path,conversions,value,nulls\na>>b,1,2,3\n")))
                .hasMessage("line 2: path \"a>>b\" has an empty channel");
        assertThatThrownBy(() -> JourneyCsv.read(new StringReader("path,conversions,value,nulls\na,-1,2,3\n")))
                .hasMessage("line 2: conversions \"-1\" must not be negative");
        assertThatThrownBy(() -> JourneyCsv.read(new StringReader("path,conversions,value,nulls\na,1e3,2,3\n")))
                .hasMessageStartingWith("line 2: conversions \"1e3\" is not a plain decimal");
        assertThatThrownBy(() -> JourneyCsv.read(new StringReader("path,conversions,value,nulls\na,0,5.00,3\n")))
                .hasMessage("line 2: value \"5\" needs conversions: it is the total value of the conversions");
    }

    @Test
    void no_journeys_give_no_credit_and_nothing_converting_gives_zeros() {
        for (String name : JourneyModels.names()) {
            assertThat(JourneyModels.named(name).credit(List.of())).as(name).isEmpty();
        }
        List<Journey> none = List.of(j("a>b", 0, 0, 3), j("b", 0, 0, 2));
        assertThat(show(JourneyModels.MARKOV.credit(none))).isEqualTo("a 0.0, b 0.0");
        assertThat(show(JourneyModels.COUNTERFACTUAL.credit(none))).isEqualTo("a 0.0, b 0.0");
    }

    /** Counts need not be whole or decimal: 1/3 of a conversion from the Java API stays exact where the model is. */
    @Test
    void fractional_and_non_decimal_counts_are_summed_exactly() {
        Ratio third = Ratio.of(1, 3);
        List<Journey> journeys = List.of(Journey.of(List.of("a", "b"), third, Ratio.of(10, 3), Ratio.of(1, 2)),
                Journey.of(List.of("b"), Ratio.of(new java.math.BigDecimal("0.5")), Ratio.ONE, Ratio.ZERO));
        for (JourneyModel model : List.of(JourneyModels.MARKOV, JourneyModels.COUNTERFACTUAL)) {
            List<ChannelCredit> credits = model.credit(journeys);
            assertThat(credits.stream().map(ChannelCredit::conversions).reduce(Ratio.ZERO, Ratio::plus)).as(model.name())
                    .isEqualTo(Ratio.of(5, 6));
            assertThat(credits.stream().map(ChannelCredit::value).reduce(Ratio.ZERO, Ratio::plus)).as(model.name())
                    .isEqualTo(Ratio.of(13, 3));
        }
        JourneyScaleProperties.assertClose(JourneyModels.MARKOV.credit(journeys), MarkovChain.of(journeys).credit(), Ratio.of(5, 6),
                Ratio.of(13, 3), "markov");
    }
}
