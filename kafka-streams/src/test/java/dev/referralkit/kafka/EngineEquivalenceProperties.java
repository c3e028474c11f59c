package dev.referralkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.referralkit.engine.Scenario;
import dev.referralkit.money.Percent;
import dev.referralkit.program.ImmutableBonus;
import dev.referralkit.program.ImmutableParentShare;
import dev.referralkit.program.ImmutablePartner;
import dev.referralkit.program.ImmutableProgram;
import dev.referralkit.program.Metric;
import dev.referralkit.program.Partner;
import dev.referralkit.program.Period;
import dev.referralkit.program.Program;
import dev.referralkit.testkit.Histories;
import dev.referralkit.testkit.History;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The topology gives the single engine's answer: for the shared scenarios, the project's bundled
 * scenarios and 1,000 testkit-generated histories (every strategy, condition and model; bad events mixed
 * in), the entries (every field: id, amount, availableAt, explanation, ...), payouts, rejections and
 * bindings of {@code ReferralEngine}, with 1 partition (the factory's own topology, in the engine's order)
 * and with 8 (each partition in its own order, records interleaved at random). More histories with
 * {@code -Dreferralkit.kafkaHistories=N}, another seed with {@code -Dreferralkit.seed=N}.
 */
class EngineEquivalenceProperties {
    static final long SEED = Long.getLong("referralkit.seed", 20261201L);
    static final int HISTORIES = Integer.getInteger("referralkit.kafkaHistories", 1_000);

    @TempDir
    Path stateDir;

    static Stream<Path> scenarios() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(Paths.get("..", "..", "shared", "scenarios"), Paths.get("..", "examples", "scenarios"))) {
            assertThat(dir).as("scenarios in %s", dir).isDirectory();
            try (Stream<Path> list = Files.list(dir)) {
                list.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
            }
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(9);
        return files.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void everyScenarioGivesTheEnginesAnswer(Path file) throws IOException {
        Scenario scenario = Scenario.parse(Files.readString(file));
        List<JsonNode> events = Reference.withRefundCustomers(scenario.events());
        Reference.Outputs expected = Reference.engine(scenario.program(), scenario.partners(), events);
        List<Reference.Input> inputs = Reference.inputs(events);
        Reference.Outputs one = Runs.whole(scenario.program(), scenario.partners(), inputs, StoreKind.IN_MEMORY, stateDir);
        assertThat(one.withoutNotifications()).as("%s, 1 partition", file.getFileName()).isEqualTo(expected.withoutNotifications());
        assertThat(one.sortedNotifications()).as("%s, 1 partition, notifications", file.getFileName())
                .isEqualTo(expected.sortedNotifications());
        for (long seed = 0; seed < 4; seed++) {
            Runs.Result eight = Runs.partitioned(scenario.program(), scenario.partners(), inputs, 8, seed, stateDir);
            assertThat(eight.outputs().normalized()).as("%s, 8 partitions, seed %d", file.getFileName(), seed)
                    .isEqualTo(expected.normalized());
        }
        assertThat(expected.size()).as("%s says something", file.getFileName()).isPositive();
    }

    /**
     * Half the histories are the testkit's as they come; the other half are the testkit's events over its
     * programs made to share: two levels of parent shares, a tree of active partners, and a monthly
     * conversions bonus, so that shares cross partitions and payout runs close periods with shares.
     */
    static History generate(long seed) {
        Histories histories = Histories.standard().withMaxEvents(80);
        if (seed % 2 == 0) {
            return histories.histories().generate(seed);
        }
        return sharing(histories, new SplittableRandom(seed));
    }

    /**
     * @param histories the testkit's generator
     * @param r         the randomness
     * @return a history of the testkit's events over one of its programs made to share
     */
    static History sharing(Histories histories, SplittableRandom r) {
        Program program = ImmutableProgram.copyOf(histories.programs().generate(r))
                .withParentShare(ImmutableParentShare.builder().addLevels(Percent.parse("10")).addLevels(Percent.parse("5")).build())
                .withBonuses(ImmutableBonus.builder().metric(Metric.CONVERSIONS).period(Period.MONTH).threshold(BigDecimal.ONE)
                        .amount(new BigDecimal("25.00")).build());
        List<Partner> partners = new ArrayList<>();
        for (int i = 0, n = 3 + r.nextInt(4); i < n; i++) {
            ImmutablePartner.Builder b = ImmutablePartner.builder().id("p" + i);
            if (i > 0) {
                b.parent("p" + r.nextInt(i));
            }
            partners.add(b.build());
        }
        return histories.historiesFor(program.validate(), partners).generate(r);
    }

    @Test
    void generatedHistoriesGiveTheEnginesAnswerWithOneAndEightPartitions() {
        long entries = 0;
        long payouts = 0;
        long rejections = 0;
        long outOfOrder = 0;
        long sent = 0;
        for (long seed = SEED; seed < SEED + HISTORIES; seed++) {
            History h = generate(seed);
            List<JsonNode> events = Reference.withRefundCustomers(h.events());
            Reference.Outputs expected = Reference.engine(h.program(), h.partners(), events);
            List<Reference.Input> inputs = Reference.inputs(events);
            Reference.Outputs one = Runs.whole(h.program(), h.partners(), inputs, StoreKind.IN_MEMORY, stateDir);
            assertThat(one.withoutNotifications()).as("seed %d, 1 partition:%n%s", seed, h).isEqualTo(expected.withoutNotifications());
            assertThat(one.sortedNotifications()).as("seed %d, 1 partition, notifications:%n%s", seed, h)
                    .isEqualTo(expected.sortedNotifications());
            Runs.Result eight = Runs.partitioned(h.program(), h.partners(), inputs, 8, seed, stateDir);
            assertThat(eight.outputs().normalized()).as("seed %d, 8 partitions:%n%s", seed, h).isEqualTo(expected.normalized());
            entries += expected.entries().size();
            payouts += expected.payouts().size();
            rejections += expected.rejections().size();
            outOfOrder += eight.outOfOrder();
            sent += eight.sent();
        }
        System.out.printf("kafka equivalence: %d histories, %d entries, %d payouts, %d rejections, %d out of order, %d sent%n",
                HISTORIES, entries, payouts, rejections, outOfOrder, sent);
        // the histories say enough, and the interleaving puts the sequencer to work
        assertThat(entries).as("entries").isGreaterThan(HISTORIES * 4L);
        assertThat(payouts).as("payouts").isGreaterThan(HISTORIES);
        assertThat(rejections).as("rejections").isGreaterThan(HISTORIES * 3L);
        assertThat(outOfOrder).as("messages that reached a partner partition out of position order").isGreaterThan(HISTORIES / 2L);
        assertThat(sent).as("messages a partner partition sent another (shares)").isGreaterThan(HISTORIES / 2L);
    }
}
