package dev.referralkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.referralkit.event.Channel;
import dev.referralkit.event.ImmutablePayment;
import dev.referralkit.event.ImmutablePayoutRun;
import dev.referralkit.event.ImmutableTouch;
import dev.referralkit.kafka.ShapeTopology.Attributed;
import dev.referralkit.kafka.ShapeTopology.Credit;
import dev.referralkit.kafka.ShapeTopology.Mark;
import dev.referralkit.kafka.ShapeTopology.Topics;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole topology, as an application runs it, in a {@link TopologyTestDriver} (one partition). */
class ShapeTopologyTest {
    private static final Topics TOPICS = Topics.standard();
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Currency USD = Currency.getInstance("USD");

    @TempDir
    Path stateDir;

    private static ShapeHistories.Input touch(String id, int minute, String customer, String partner) {
        return ShapeHistories.Input.event(customer, ImmutableTouch.builder().id(id).at(T0.plusSeconds(60L * minute))
                .customer(customer).partner(partner).channel(Channel.LINK).build());
    }

    private static ShapeHistories.Input payment(String id, int minute, String customer, String amount) {
        return ShapeHistories.Input.event(customer, ImmutablePayment.builder().id(id).at(T0.plusSeconds(60L * minute))
                .customer(customer).amount(new BigDecimal(amount)).currency(USD).build());
    }

    private static ShapeHistories.Input run(String id, int minute) {
        return ShapeHistories.Input.event(null, ImmutablePayoutRun.builder().id(id).at(T0.plusSeconds(60L * minute)).build());
    }

    private ShapeReference.Outputs drive(List<ShapeHistories.Input> history) {
        try (TopologyTestDriver driver = new TopologyTestDriver(ShapeTopology.build(TOPICS, 1, StoreKind.PERSISTENT),
                PartitionedDrivers.props("whole", stateDir))) {
            var ingest = driver.createInputTopic(TOPICS.ingest(), new ByteArraySerializer(), new ByteArraySerializer());
            for (ShapeHistories.Input in : history) {
                ingest.pipeInput(in.key(), in.value());
            }
            driver.advanceWallClockTime(ShapeTopology.MARK_INTERVAL); // the router's mark lets the partner stage finish
            ShapeReference.Outputs out = new ShapeReference.Outputs(
                    driver.createOutputTopic(TOPICS.entries(), new StringDeserializer(), new StringDeserializer()).readValuesToList(),
                    driver.createOutputTopic(TOPICS.payouts(), new StringDeserializer(), new StringDeserializer()).readValuesToList(),
                    driver.createOutputTopic(TOPICS.rejections(), new StringDeserializer(), new StringDeserializer()).readValuesToList());
            assertThat(out.sorted()).as("the single-JVM answer").isEqualTo(ShapeReference.run(history));
            return out;
        }
    }

    @Test
    void theTopologyHasARouterAndTwoStagesJoinedByRepartitionTopics() {
        TopologyDescription description = ShapeTopology.build(TOPICS, 4, StoreKind.PERSISTENT).describe();
        assertThat(description.subtopologies()).hasSize(3);
        assertThat(description.toString()).contains("events-repartition", "shape-attributed-repartition", "router",
                "customer-stage", "partner-stage", ShapeTopology.CUSTOMERS, ShapeTopology.PARTNERS, ShapeTopology.BUFFER);
    }

    @Test
    void partnersEarnInInputOrderAndARunPaysThem() {
        ShapeReference.Outputs out = drive(List.of(
                touch("t1", 0, "c1", "p1"), touch("t2", 1, "c2", "p1"), touch("t3", 2, "c3", "p2"),
                payment("i1", 30, "c1", "100.00"), payment("i2", 4, "c2", "100.00"), payment("i3", 31, "c1", "100.00"),
                payment("i4", 6, "c3", "50.00"), payment("i5", 7, "c9", "80.00"),
                run("run1", 40), payment("i6", 41, "c2", "10.00")));

        // input order, not time order: i2 (minute 4) is p1's second credit; p1 earns 10 %, 10 %, then 20 %
        assertThat(out.entries()).containsExactly("i1/p1 USD 1000", "i2/p1 USD 1000", "i3/p1 USD 2000", "i4/p2 USD 500",
                "i6/p1 USD 200");
        assertThat(out.payouts()).containsExactlyInAnyOrder("run1 p1 USD 4000", "run1 p2 USD 500");
        assertThat(out.rejections()).isEmpty();
    }

    @Test
    void badRecordsGoToTheRejectionsTopicAndProcessingGoesOn() {
        ShapeReference.Outputs out = drive(List.of(
                touch("t1", 0, "c1", "p1"),
                new ShapeHistories.Input(ShapeHistories.utf8("c1"), ShapeHistories.utf8("not json")),
                new ShapeHistories.Input(ShapeHistories.utf8("c1"), null),
                new ShapeHistories.Input(null, ShapeHistories.utf8("{\"type\":\"payout_run\"}")),
                payment("i1", 3, "c1", "100.00"),
                payment("late", 2, "c1", "1.00")));

        assertThat(out.entries()).containsExactly("i1/p1 USD 1000");
        assertThat(out.rejections()).hasSize(4);
        assertThat(out.rejections().get(0)).startsWith("{\"event\":\"?\",\"code\":\"INVALID_EVENT\",\"message\":");
        assertThat(out.rejections().get(1)).isEqualTo(
                "{\"event\":\"?\",\"code\":\"INVALID_EVENT\",\"message\":\"value is missing: an input record holds one event as JSON\"}");
        assertThat(out.rejections().get(3)).isEqualTo("{\"event\":\"late\",\"code\":\"OUT_OF_ORDER\","
                + "\"message\":\"at 2026-01-01T10:02:00Z is before the customer's last event at 2026-01-01T10:03:00Z\"}");
    }

    @Test
    void thePartnerStageWaitsForEveryCustomerPartitionThenGoesInInputOrder() {
        try (TopologyTestDriver driver = new TopologyTestDriver(
                ShapeTopology.partnerStageOnly(TOPICS, "attributed", 2, StoreKind.IN_MEMORY), PartitionedDrivers.props("wait", stateDir))) {
            var attributed = driver.createInputTopic("attributed", new StringSerializer(), ShapeTopology.ATTRIBUTED);
            var entries = driver.createOutputTopic(TOPICS.entries(), new StringDeserializer(), new StringDeserializer());
            List<String> seen = new ArrayList<>();
            // customer partition 1 is ahead of partition 0: its payment comes later in the input but arrives first
            attributed.pipeInput("p1", (Attributed) new Credit(1, 30, "third", "p1", "USD", 10_000));
            attributed.pipeInput("p1", (Attributed) new Credit(0, 10, "first", "p1", "USD", 10_000));
            seen.addAll(entries.readValuesToList());
            assertThat(seen).as("partition 0 may still send something before position 30").isEmpty();
            attributed.pipeInput("p1", (Attributed) new Credit(0, 20, "second", "p1", "USD", 10_000));
            seen.addAll(entries.readValuesToList());
            assertThat(seen).as("both partitions have promised position 20").containsExactly("first/p1 USD 1000");
            attributed.pipeInput("*", (Attributed) new Mark(0, 40));
            seen.addAll(entries.readValuesToList());
            assertThat(seen).as("partition 1 may still send something at position 30").containsExactly("first/p1 USD 1000",
                    "second/p1 USD 1000");
            attributed.pipeInput("*", (Attributed) new Mark(1, 40));
            seen.addAll(entries.readValuesToList());
            // input order, not arrival order: "third" is the third credit and earns 20 %
            assertThat(seen).containsExactly("first/p1 USD 1000", "second/p1 USD 1000", "third/p1 USD 2000");
        }
    }

    @Test
    void aRecordOfAnUnknownFormatVersionStopsTheStageWithAClearError() {
        try (TopologyTestDriver driver = new TopologyTestDriver(
                ShapeTopology.partnerStageOnly(TOPICS, "attributed", 1, StoreKind.IN_MEMORY), PartitionedDrivers.props("v9", stateDir))) {
            var attributed = driver.createInputTopic("attributed", new StringSerializer(), new ByteArraySerializer());
            assertThatThrownBy(() -> attributed.pipeInput("p1", new byte[] {9, 1, 2, 3}))
                    .isInstanceOf(StreamsException.class)
                    .rootCause().hasMessageStartingWith("attributed record: format version 9 is not known to this release, which reads 1");
        }
    }
}
