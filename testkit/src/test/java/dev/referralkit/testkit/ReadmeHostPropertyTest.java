package dev.referralkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.referralkit.program.ImmutablePartner;
import dev.referralkit.program.Partner;
import dev.referralkit.program.Program;
import dev.referralkit.testkit.quicktheories.QuickTheoriesGenerators;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;

/** Mirrors the README: a host property-tests its own plan, with a plain loop or with QuickTheories. */
class ReadmeHostPropertyTest {
    @Test
    void my_plan_keeps_every_invariant() {
        // --- README: host property test ---
        Program plan = Program.parse("""
                {"currency": "USD", "holdDays": 14, "payout": {"minimum": {"USD": "50.00"}},
                 "rewards": {"payment": {"type": "recurring", "months": 12,
                   "reward": {"type": "cap", "max": "500.00", "per": "customer",
                              "reward": {"type": "percent", "percent": "25"}}}}}""");
        List<Partner> partners = List.of(ImmutablePartner.builder().id("ana").build(),
                ImmutablePartner.builder().id("ben").parent("ana").build());
        Generator<History> histories = Histories.standard().historiesFor(plan, partners);

        for (long seed = 0; seed < 300; seed++) {                        // any framework, or a plain loop
            InvariantReport report = ProgramInvariants.check(histories.generate(seed));
            assertThat(report.holds()).as("seed %d: %s", seed, report).isTrue();  // shows the minimal history
        }
        QuickTheory.qt().withFixedSeed(42).withExamples(300)              // or QuickTheories
                .forAll(QuickTheoriesGenerators.of(histories))
                .checkAssert(h -> assertThat(ProgramInvariants.check(h).holds()).isTrue());
        // --- end ---
    }

    @Test
    void a_broken_invariant_is_reported_with_a_minimal_history() {
        // an invariant the engine does not keep on purpose: "no partner is ever paid" — shrinks to a payment and a run
        History big = Histories.standard().withBadEvents(0).histories().generate(7L);
        java.util.function.Predicate<History> paysSomebody = h -> {
            dev.referralkit.engine.ReferralEngine engine = dev.referralkit.engine.ReferralEngine.create(h.program(), h.partners());
            return h.events().stream().anyMatch(e -> !engine.process(e).payouts().isEmpty());
        };
        for (long seed = 0; !paysSomebody.test(big); seed++) {
            big = Histories.standard().withBadEvents(0).histories().generate(seed);
        }
        History minimal = Shrinker.minimize(big, paysSomebody);
        assertThat(paysSomebody.test(minimal)).isTrue();
        assertThat(minimal.events().size()).isLessThan(big.events().size()).isLessThanOrEqualTo(4);
        assertThat(minimal.events()).last().satisfies(e -> assertThat(e.path("type").asText()).isEqualTo("payout_run"));
    }
}
