package dev.referralkit.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.referralkit.binding.BindingModels;
import dev.referralkit.binding.Candidate;
import dev.referralkit.event.Channel;
import dev.referralkit.money.Ratio;
import dev.referralkit.program.AttributionSettings;
import dev.referralkit.program.ImmutableAttributionSettings;
import dev.referralkit.program.ImmutableCustomWeights;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

class AttributionProperties {
    static final String[] CHANNELS = {"ads", "blog", "email", "partner", "social"};

    static Gen<List<Journey>> journeys() {
        return r -> {
            List<Journey> list = new ArrayList<>();
            long n = r.next(Constraint.between(1, 8));
            for (int i = 0; i < n; i++) {
                List<String> path = new ArrayList<>();
                long len = r.next(Constraint.between(1, 5));
                for (int k = 0; k < len; k++) {
                    path.add(CHANNELS[(int) r.next(Constraint.between(0, CHANNELS.length - 1))]);
                }
                long conversions = r.next(Constraint.between(0, 20));
                long cents = conversions == 0 ? 0 : r.next(Constraint.between(0, 100_000));
                list.add(Journey.of(path, Ratio.of(conversions, 1), Ratio.of(cents, 100), Ratio.of(r.next(Constraint.between(0, 20)), 1)));
            }
            return list;
        };
    }

    static Gen<List<Candidate>> candidates() {
        return r -> {
            List<Candidate> list = new ArrayList<>();
            long n = r.next(Constraint.between(1, 8));
            Instant at = Instant.parse("2026-01-01T00:00:00Z");
            for (int i = 0; i < n; i++) {
                at = at.plusSeconds(r.next(Constraint.between(0, 10 * 86_400)));
                list.add(new Candidate("t" + i, "p" + r.next(Constraint.between(0, 4)), at, Channel.LINK));
            }
            return list;
        };
    }

    static Gen<AttributionSettings> settings() {
        return r -> ImmutableAttributionSettings.builder().halfLifeDays((int) r.next(Constraint.between(1, 30)))
                .weights(ImmutableCustomWeights.builder()
                        .first(BigDecimal.valueOf(r.next(Constraint.between(0, 100)), 2))
                        .middle(BigDecimal.valueOf(r.next(Constraint.between(0, 100)), 2))
                        .last(BigDecimal.valueOf(r.next(Constraint.between(1, 100)), 2)).build())
                .build();
    }

    @Test
    void binding_weights_are_non_negative_and_sum_to_exactly_one() {
        Props.qt().forAll(candidates(), settings()).checkAssert((candidates, settings) -> {
            Instant bind = candidates.get(candidates.size() - 1).at().plusSeconds(3600);
            for (String model : List.of("first_touch", "last_touch", "linear", "position_based", "custom", "time_decay")) {
                List<Ratio> w = BindingModels.named(model).weights(candidates, settings, bind);
                assertThat(w).hasSameSizeAs(candidates).allSatisfy(x -> assertThat(x.signum()).isGreaterThanOrEqualTo(0));
                Ratio sum = w.stream().reduce(Ratio.ZERO, Ratio::plus);
                if (model.equals("time_decay")) {
                    assertThat(sum.signum()).isPositive(); // normalised by the engine
                } else {
                    assertThat(sum).as(model).isEqualTo(Ratio.ONE);
                }
            }
        });
    }

    @Test
    void permuting_journeys_changes_no_result() {
        Props.qt().forAll(journeys(), org.quicktheories.generators.SourceDSL.longs().all()).checkAssert((journeys, seed) -> {
            List<Journey> shuffled = new ArrayList<>(journeys);
            Collections.shuffle(shuffled, new Random(seed));
            for (String name : JourneyModels.names()) {
                JourneyModel model = JourneyModels.named(name);
                assertThat(show(model.credit(shuffled))).as(name).isEqualTo(show(model.credit(journeys)));
            }
        });
    }

    @Test
    void shapley_is_efficient_and_equals_the_textbook_value() {
        Props.qt().forAll(journeys()).checkAssert(journeys -> {
            List<ChannelCredit> credits = JourneyModels.SHAPLEY.credit(journeys);
            Ratio total = journeys.stream().map(Journey::conversions).reduce(Ratio.ZERO, Ratio::plus);
            assertThat(credits.stream().map(ChannelCredit::conversions).reduce(Ratio.ZERO, Ratio::plus)).isEqualTo(total);
            Map<String, Ratio> textbook = textbook(journeys);
            for (ChannelCredit c : credits) {
                assertThat(c.conversions()).as(c.channel()).isEqualTo(textbook.get(c.channel()));
            }
        });
    }

    @Test
    void shapley_is_symmetric_for_interchangeable_channels() {
        Props.qt().forAll(journeys()).checkAssert(journeys -> {
            // mirror every journey with "ads" and "blog" swapped: the two become interchangeable
            List<Journey> both = new ArrayList<>(journeys);
            for (Journey j : journeys) {
                List<String> swapped = new ArrayList<>();
                for (String c : j.channels()) {
                    swapped.add(c.equals("ads") ? "blog" : c.equals("blog") ? "ads" : c);
                }
                both.add(Journey.of(swapped, j.conversions(), j.value(), j.nulls()));
            }
            Map<String, Ratio> credit = new TreeMap<>();
            JourneyModels.SHAPLEY.credit(both).forEach(c -> credit.put(c.channel(), c.conversions()));
            assertThat(credit.getOrDefault("ads", Ratio.ZERO)).isEqualTo(credit.getOrDefault("blog", Ratio.ZERO));
        });
    }

    @Test
    void markov_and_counterfactual_credits_sum_to_total_conversions_and_value() {
        Props.qt().forAll(journeys()).checkAssert(journeys -> {
            Ratio conversions = journeys.stream().map(Journey::conversions).reduce(Ratio.ZERO, Ratio::plus);
            Ratio value = journeys.stream().map(Journey::value).reduce(Ratio.ZERO, Ratio::plus);
            List<ChannelCredit> markov = JourneyModels.MARKOV.credit(journeys);
            if (conversions.signum() > 0) {
                assertThat(markov.stream().map(ChannelCredit::conversions).reduce(Ratio.ZERO, Ratio::plus)).isEqualTo(conversions);
                assertThat(markov.stream().map(ChannelCredit::value).reduce(Ratio.ZERO, Ratio::plus)).isEqualTo(value);
            }
            List<ChannelCredit> cf = JourneyModels.COUNTERFACTUAL.credit(journeys);
            assertThat(cf.stream().map(ChannelCredit::conversions).reduce(Ratio.ZERO, Ratio::plus)).isEqualTo(conversions);
            Ratio convertingValue = journeys.stream().filter(j -> j.conversions().signum() > 0).map(Journey::value)
                    .reduce(Ratio.ZERO, Ratio::plus);
            assertThat(cf.stream().map(ChannelCredit::value).reduce(Ratio.ZERO, Ratio::plus)).isEqualTo(convertingValue);
            for (ChannelCredit c : markov) {
                assertThat(c.conversions().signum()).isGreaterThanOrEqualTo(0);
            }
        });
    }

    static String show(List<ChannelCredit> credits) {
        StringBuilder s = new StringBuilder();
        credits.forEach(c -> s.append(c.channel()).append('=').append(c.conversions()).append('/').append(c.value()).append(';'));
        return s.toString();
    }

    /** The textbook Shapley value: average marginal contribution over every order of the channels. */
    static Map<String, Ratio> textbook(List<Journey> journeys) {
        List<String> players = new ArrayList<>(new TreeSet<>(journeys.stream().flatMap(j -> j.channels().stream()).toList()));
        Map<String, Ratio> phi = new TreeMap<>();
        players.forEach(p -> phi.put(p, Ratio.ZERO));
        List<List<String>> orders = new ArrayList<>();
        permutations(players, new ArrayList<>(), orders);
        for (List<String> order : orders) {
            List<String> coalition = new ArrayList<>();
            for (String p : order) {
                Ratio before = v(journeys, coalition);
                coalition.add(p);
                phi.put(p, phi.get(p).plus(v(journeys, coalition).minus(before)));
            }
        }
        Ratio n = Ratio.of(orders.size(), 1);
        phi.replaceAll((k, x) -> x.dividedBy(n));
        return phi;
    }

    /** v(S): conversions of journeys whose channel set lies within S. */
    static Ratio v(List<Journey> journeys, List<String> coalition) {
        Ratio sum = Ratio.ZERO;
        for (Journey j : journeys) {
            if (coalition.containsAll(j.channels())) {
                sum = sum.plus(j.conversions());
            }
        }
        return sum;
    }

    static void permutations(List<String> left, List<String> prefix, List<List<String>> out) {
        if (left.isEmpty()) {
            out.add(new ArrayList<>(prefix));
            return;
        }
        for (int i = 0; i < left.size(); i++) {
            List<String> rest = new ArrayList<>(left);
            prefix.add(rest.remove(i));
            permutations(rest, prefix, out);
            prefix.remove(prefix.size() - 1);
        }
    }
}
