package dev.referralkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.referralkit.engine.Scenario;
import dev.referralkit.engine.stage.MessageCodec;
import dev.referralkit.engine.stage.PartnerMessage;
import dev.referralkit.kafka.ReferralTopology.Settings;
import dev.referralkit.ledger.EntryKind;
import dev.referralkit.ledger.Explanation;
import dev.referralkit.ledger.ImmutableEntry;
import dev.referralkit.program.ImmutablePartner;
import dev.referralkit.program.Partner;
import dev.referralkit.program.Program;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The factory's topology and its partner stage, record by record. */
class ReferralTopologyTest {
    private static final Program CLICKS = Program.parse("{\"currency\":\"USD\",\"rewards\":{\"click\":{\"type\":\"flat\",\"amount\":\"0.25\"}}}");
    private static final Instant T = Instant.parse("2026-03-01T00:00:00Z");

    @TempDir
    Path stateDir;

    @Test
    void theTopologyHasARouterAndTwoStagesJoinedByRepartitionTopicsAndTheBookingsTopic() {
        ReferralTopology app = ReferralTopology.builder(CLICKS, List.of()).partitions(4).build();
        TopologyDescription description = app.topology().describe();
        assertThat(description.subtopologies()).hasSize(3);
        assertThat(description.toString()).contains("events-repartition", "attributed-repartition", "referralkit-bookings", "router",
                "customer-stage", "partner-stage", ReferralTopology.CUSTOMERS, ReferralTopology.PARTNERS, ReferralTopology.CONTROL);
        assertThat(app.topicsToCreate()).containsExactly(Map.entry("referralkit-ingest", 1), Map.entry("referralkit-bookings", 4),
                Map.entry("referralkit-entries", 4), Map.entry("referralkit-payouts", 4), Map.entry("referralkit-rejections", 4),
                Map.entry("referralkit-bindings", 4), Map.entry("referralkit-notifications", 4));
        assertThat(app.streamsConfig("referrals", "broker:9092"))
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "referrals");
    }

    @Test
    void theFactoryRefusesWhatTheEngineRefuses() {
        Partner orphan = ImmutablePartner.builder().id("p1").parent("nobody").build();
        assertThatThrownBy(() -> ReferralTopology.builder(CLICKS, List.of(orphan)).build())
                .hasMessageContaining("parent \"nobody\" is not a partner");
        assertThatThrownBy(() -> ReferralTopology.builder(CLICKS, List.of()).partitions(0)).hasMessage("partitions 0 is outside 1-10000");
        assertThatThrownBy(() -> new ReferralTopology.Topics("a", "b", "a", "c", "d", Optional.empty()))
                .hasMessage("topic a is named twice: every topic needs its own name");
    }

    /**
     * A payout run's first round closes, its second round pays only when every partner partition closed: a
     * share another partition sends in between is paid in the same run, as in one process.
     */
    @Test
    void aPayoutRunPaysOnlyOnceEveryPartnerPartitionClosedIt() {
        String mine = partnerOf(0, 2, "a");
        String other = partnerOf(1, 2, "b");
        List<Partner> partners = List.of(ImmutablePartner.builder().id(mine).build(),
                ImmutablePartner.builder().id(other).parent(mine).build());
        try (PartnerStageDriver d = new PartnerStageDriver(CLICKS, partners, 2, 0)) {
            d.in.pipeInput(mine, new Staged.Sent(MessageCodec.encode(share(mine, "x1", "5.00"))));
            assertThat(d.entries.readValuesToList()).singleElement().asString().contains("\"id\":\"x1/" + mine + "/share\"");

            byte[] run = Reference.utf8("{\"type\":\"payout_run\",\"id\":\"run1\",\"at\":\"" + T + "\"}");
            d.in.pipeInput("*", new Staged.Event(0, 10, 0, run));
            d.in.pipeInput("*", new Staged.Mark(0, 11));
            d.in.pipeInput("*", new Staged.Mark(1, 11));
            assertThat(d.bookings.readValuesToList()).as("the first round: closed, to every partition").containsExactly(new Staged.Closed(0, 10));
            assertThat(d.payouts.readValuesToList()).as("partition 1 has not closed the run").isEmpty();

            d.in.pipeInput(mine, new Staged.Sent(MessageCodec.encode(share(mine, "x2", "3.00"))));
            assertThat(d.entries.readValuesToList()).hasSize(1);
            d.in.pipeInput("*", new Staged.Closed(1, 10));
            List<String> payouts = d.payouts.readValuesToList();
            assertThat(payouts).singleElement().asString().contains("\"run\":\"run1\"", "\"amount\":\"8.00\"",
                    "\"entries\":[\"x1/" + mine + "/share\",\"x2/" + mine + "/share\"]");
        }
    }

    /** Messages from two customer partitions arrive out of order; the partner stage applies them in position order. */
    @Test
    void thePartnerStageWaitsForEveryCustomerPartitionThenGoesInPositionOrder() {
        String p = partnerOf(0, 2, "p");
        try (PartnerStageDriver d = new PartnerStageDriver(CLICKS, List.of(ImmutablePartner.builder().id(p).build()), 2, 0)) {
            List<String> seen = new ArrayList<>();
            // customer partition 1 is ahead: its click is later in the input but arrives first
            d.in.pipeInput(p, click(1, 30, p, "third"));
            d.in.pipeInput(p, click(0, 10, p, "first"));
            d.entries.readValuesToList().forEach(seen::add);
            assertThat(seen).as("partition 0 may still send something before position 30").isEmpty();
            d.in.pipeInput(p, click(0, 20, p, "second"));
            d.entries.readValuesToList().forEach(seen::add);
            assertThat(seen).as("both partitions promised position 20").hasSize(1);
            d.in.pipeInput("*", new Staged.Mark(0, 40));
            d.in.pipeInput("*", new Staged.Mark(1, 40));
            d.entries.readValuesToList().forEach(seen::add);
            assertThat(seen).hasSize(3);
            assertThat(seen.get(0)).contains("\"id\":\"first/" + p + "/click\"");
            assertThat(seen.get(1)).contains("\"id\":\"second/" + p + "/click\"");
            assertThat(seen.get(2)).contains("\"id\":\"third/" + p + "/click\"");
        }
    }

    @Test
    void aRecordOfAnUnknownFormatVersionStopsTheStageWithAClearError() {
        Settings s = new Settings(CLICKS, List.of(), 1, Runs.TOPICS, StoreKind.IN_MEMORY, ReferralTopology.DEFAULT_MARK_INTERVAL);
        StreamsBuilder builder = new StreamsBuilder();
        ReferralTopology.partnerStage(builder, builder.stream("in", Consumed.with(Serdes.String(), Staged.SERDE)), s, "", 0)
                .to("out", Produced.with(Serdes.String(), Staged.SERDE));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), Runs.props("v9", stateDir))) {
            TestInputTopic<String, byte[]> in = driver.createInputTopic("in", new StringSerializer(), new ByteArraySerializer());
            assertThatThrownBy(() -> in.pipeInput("p1", new byte[] {9, 1, 2, 3}))
                    .isInstanceOf(StreamsException.class)
                    .rootCause().hasMessageStartingWith("partner-stage record: format version 9 is not known to this release, which reads 1");
        }
    }

    /**
     * The partner side of the refund window: a payout run forgets what partners earned from payments past
     * the window, as {@code RefundWindow} does in one process. Here a half-refunded payment's window ends
     * before its quarter closes: its earning is kept until the close, which trues it up on what is left of it
     * (5.00: 10 % more of the 50.00 not refunded), as one engine does.
     */
    @Test
    void aPayoutRunForgetsEarningsPastTheRefundWindowAsTheEngineDoes() {
        Scenario scenario = Scenario.parse("""
                { "name": "refund window and a retroactive tier",
                  "program": { "currency": "USD", "retention": { "refundDays": 5 },
                    "rewards": { "payment": { "type": "tiered", "metric": "conversions", "period": "quarter", "mode": "retroactive",
                      "tiers": [ { "above": "0", "reward": { "type": "percent", "percent": "10" } },
                                 { "above": "1", "reward": { "type": "percent", "percent": "20" } } ] } } },
                  "partners": [ { "id": "p1" } ],
                  "events": [
                    { "type": "touch", "id": "t1", "at": "2026-01-02T00:00:00Z", "partner": "p1", "customer": "c1", "channel": "link" },
                    { "type": "payment", "id": "i1", "at": "2026-01-03T00:00:00Z", "customer": "c1", "amount": "100.00", "currency": "USD" },
                    { "type": "refund", "id": "f1", "at": "2026-01-04T00:00:00Z", "payment": "i1", "amount": "50.00", "customer": "c1" },
                    { "type": "payout_run", "id": "run1", "at": "2026-01-20T00:00:00Z" },
                    { "type": "touch", "id": "t2", "at": "2026-01-21T00:00:00Z", "partner": "p1", "customer": "c2", "channel": "link" },
                    { "type": "payment", "id": "i2", "at": "2026-01-22T00:00:00Z", "customer": "c2", "amount": "100.00", "currency": "USD" },
                    { "type": "payout_run", "id": "run2", "at": "2026-04-02T00:00:00Z" } ] }""");
        List<JsonNode> events = scenario.events();
        Reference.Outputs expected = Reference.engine(scenario.program(), scenario.partners(), events);
        assertThat(expected.entries()).anySatisfy(e -> assertThat(e).contains("\"id\":\"i1/p1/true_up/2026-Q1\"", "\"amount\":\"5.00\""));
        List<Reference.Input> inputs = Reference.inputs(events);
        assertThat(Runs.whole(scenario.program(), scenario.partners(), inputs, StoreKind.IN_MEMORY, stateDir)).isEqualTo(expected);
        assertThat(Runs.partitioned(scenario.program(), scenario.partners(), inputs, 3, 1, stateDir).outputs().normalized())
                .isEqualTo(expected.normalized());
    }

    /** A partner id that the producer's default partitioner puts in {@code partition} of {@code partitions}. */
    private static String partnerOf(int partition, int partitions, String prefix) {
        for (int i = 0; ; i++) {
            if (Settings.partitionOf(prefix + i, partitions) == partition) {
                return prefix + i;
            }
        }
    }

    private static PartnerMessage share(String partner, String event, String amount) {
        return new PartnerMessage.Booked(partner, ImmutableEntry.builder().id(event + "/" + partner + "/share").kind(EntryKind.PARENT_SHARE)
                .partner(partner).event(event).amount(new BigDecimal(amount)).currency(Currency.getInstance("USD"))
                .availableAt(T.minusSeconds(86_400)).explanation(Explanation.of("parent_share", "a share")).build());
    }

    private static Staged click(int source, long position, String partner, String touch) {
        return new Staged.Message(source, position, 0, MessageCodec.encode(new PartnerMessage.Click(partner, touch, "c-" + touch,
                dev.referralkit.engine.state.Nanos.of(T))));
    }

    /** The partner stage alone in a driver, playing one partition. */
    private final class PartnerStageDriver implements AutoCloseable {
        final TopologyTestDriver driver;
        final TestInputTopic<String, Staged> in;
        final TestOutputTopic<String, String> entries;
        final TestOutputTopic<String, String> payouts;
        final TestOutputTopic<String, Staged> bookings;

        PartnerStageDriver(Program program, List<Partner> partners, int partitions, int partition) {
            Settings s = new Settings(program, partners, partitions, Runs.TOPICS, StoreKind.IN_MEMORY, ReferralTopology.DEFAULT_MARK_INTERVAL);
            StreamsBuilder builder = new StreamsBuilder();
            ReferralTopology.partnerStage(builder, builder.stream("in", Consumed.with(Serdes.String(), Staged.SERDE)), s, "", partition)
                    .to("out", Produced.with(Serdes.String(), Staged.SERDE));
            driver = new TopologyTestDriver(builder.build(), Runs.props("partner-" + partition, stateDir));
            in = driver.createInputTopic("in", new StringSerializer(), Staged.SERDE);
            entries = driver.createOutputTopic(Runs.TOPICS.entries(), new StringDeserializer(), new StringDeserializer());
            payouts = driver.createOutputTopic(Runs.TOPICS.payouts(), new StringDeserializer(), new StringDeserializer());
            bookings = driver.createOutputTopic("out", new StringDeserializer(), Staged.SERDE);
        }

        @Override
        public void close() {
            driver.close();
        }
    }
}
