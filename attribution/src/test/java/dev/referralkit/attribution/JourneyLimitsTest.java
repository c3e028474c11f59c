package dev.referralkit.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.money.Ratio;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Inputs over a limit are refused with one line naming the limit and the size, by every model. */
class JourneyLimitsTest {
    static Journey journey(List<String> path) {
        return Journey.of(path, Ratio.ONE, Ratio.ZERO, Ratio.ONE);
    }

    static void refusedByEveryModel(List<Journey> journeys, String message) {
        for (String name : JourneyModels.names()) {
            assertThatThrownBy(() -> JourneyModels.named(name).credit(journeys)).as(name)
                    .isInstanceOfSatisfying(ReferralKitException.class, e -> assertThat(e.code()).isEqualTo(RejectionCode.INVALID_EVENT))
                    .hasMessage(message);
        }
    }

    @Test
    void too_many_paths() {
        refusedByEveryModel(Collections.nCopies(JourneyModels.MAX_PATHS + 1, journey(List.of("a"))),
                "journeys: 2,000,001 paths exceed the limit of 2,000,000 paths");
    }

    @Test
    void a_path_too_long() {
        refusedByEveryModel(List.of(journey(List.copyOf(Collections.nCopies(JourneyModels.MAX_PATH_LENGTH + 1, "a")))),
                "journeys: a path of 1,000,001 touches exceeds the limit of 1,000,000 touches per path");
    }

    @Test
    void too_many_touches() {
        Journey million = journey(List.copyOf(Collections.nCopies(1_000_000, "a")));
        List<Journey> journeys = new ArrayList<>(Collections.nCopies(10, million));
        journeys.add(journey(List.of("b")));
        refusedByEveryModel(journeys, "journeys: 10,000,001 touches exceed the limit of 10,000,000 touches");
    }

    @Test
    void too_many_channels() {
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        for (int i = 0; i <= 500_000; i++) {
            first.add("a" + i);
            second.add("b" + i);
        }
        refusedByEveryModel(List.of(journey(first), journey(second)), "journeys: more than 1,000,000 distinct channels, the limit");
    }

    @Test
    void the_exact_markov_solver_refuses_large_chains_and_names_the_scalable_one() {
        List<String> path = new ArrayList<>();
        for (int i = 0; i <= MarkovChain.MAX_CHANNELS; i++) {
            path.add("c" + i);
        }
        assertThatThrownBy(() -> MarkovChain.of(List.of(journey(path)))).isInstanceOf(ReferralKitException.class)
                .hasMessage("markov (exact): 61 channels exceed the exact solver's limit of 60; JourneyModels.MARKOV solves large chains");
    }

    /** One path of many distinct channels: every channel is necessary, so all get equal credit, exactly. */
    @Test
    void one_long_path_credits_every_channel_equally() {
        int n = 50_000;
        List<String> path = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            path.add("c" + i);
        }
        List<Journey> journeys = List.of(Journey.of(path, Ratio.of(4, 1), Ratio.of(1000, 1), Ratio.of(1, 1)));
        for (JourneyModel model : List.of(JourneyModels.MARKOV, JourneyModels.COUNTERFACTUAL)) {
            List<ChannelCredit> credits = model.credit(journeys);
            assertThat(credits).as(model.name()).hasSize(n);
            assertThat(credits).as(model.name()).allSatisfy(c -> {
                assertThat(c.conversions()).isEqualTo(Ratio.of(4, n));
                assertThat(c.value()).isEqualTo(Ratio.of(1000, n));
            });
        }
    }

    /**
     * Uniformly random transitions over many channels (an expander): eliminating channels one by one only
     * fills the tables, so the sparse phase stops at its bounds and what remains is refused (it ran out of
     * memory before).
     */
    @Test
    void a_chain_without_sparse_structure_is_refused_not_out_of_memory() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        List<Journey> journeys = new ArrayList<>();
        for (int p = 0; p < 60_000; p++) {
            List<String> path = new ArrayList<>();
            do {
                path.add("u" + r.nextInt(20_000));
            } while (r.nextDouble() < 0.6);
            journeys.add(Journey.of(path, Ratio.of(r.nextInt(3) == 0 ? 1 : 0, 1), Ratio.ZERO, Ratio.of(r.nextInt(3), 1)));
        }
        assertThatThrownBy(() -> JourneyModels.MARKOV.credit(journeys)).isInstanceOf(ReferralKitException.class)
                .hasMessageMatching("markov: the 19,987 channels are too densely connected: after the sparsely connected ones, "
                        + "[0-9,]+ remain to be solved together, over the limit of 4,000; use fewer channels or another model");
        assertThat(JourneyModels.COUNTERFACTUAL.credit(journeys)).hasSize(19_987);
    }
}
