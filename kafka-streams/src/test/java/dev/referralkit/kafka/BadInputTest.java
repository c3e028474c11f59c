package dev.referralkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.referralkit.RejectionCode;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.program.ImmutablePartner;
import dev.referralkit.program.Partner;
import dev.referralkit.program.Program;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Records on the ingest topic that are not valid events go to the rejections topic, once each, with their
 * code and message, and the application goes on: the valid events around them give exactly the single
 * engine's entries and payouts, with 1 partition and with 8 (where a bad record without a key reaches
 * every customer partition and is still reported once).
 */
class BadInputTest {
    private static final Program PROGRAM = Program.parse("{\"currency\":\"USD\",\"holdDays\":0,\"rewards\":{\"payment\":{\"type\":\"percent\",\"percent\":\"20\"}}}");
    private static final List<Partner> PARTNERS = List.of(ImmutablePartner.builder().id("p1").build());

    @TempDir
    Path stateDir;

    private static String event(String json) {
        return json.replace('\'', '"');
    }

    /** A bad record and the rejection it must give. */
    private record Bad(Reference.Input input, String event, RejectionCode code, String message) {
    }

    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {1, 8})
    void badRecordsAreRejectedOnceAndTheApplicationGoesOn(int partitions) {
        List<String> good = List.of(
                event("{'type':'touch','id':'t1','at':'2026-01-01T00:00:00Z','partner':'p1','customer':'c1','channel':'link'}"),
                event("{'type':'touch','id':'t2','at':'2026-01-01T01:00:00Z','partner':'p1','customer':'c2','channel':'link'}"),
                event("{'type':'payment','id':'i1','at':'2026-01-02T00:00:00Z','customer':'c1','amount':'100.00','currency':'USD'}"),
                event("{'type':'payment','id':'i2','at':'2026-01-02T01:00:00Z','customer':'c2','amount':'50.00','currency':'USD'}"),
                event("{'type':'refund','id':'f1','at':'2026-01-03T00:00:00Z','payment':'i1','amount':'10.00','customer':'c1'}"),
                event("{'type':'payout_run','id':'run1','at':'2026-01-31T00:00:00Z'}"),
                event("{'type':'payment','id':'i3','at':'2026-02-02T00:00:00Z','customer':'c1','amount':'10.00','currency':'USD'}"));
        List<Bad> bad = List.of(
                new Bad(Reference.Input.of("c1", "not json"), "?", RejectionCode.INVALID_EVENT, null),
                new Bad(Reference.Input.of("c1", null), "?", RejectionCode.INVALID_EVENT,
                        "value is missing: an input record holds one event as JSON"),
                new Bad(new Reference.Input(new byte[] {(byte) 0xff}, Reference.utf8(good.get(2))), "?", RejectionCode.INVALID_EVENT,
                        "key is not UTF-8 text"),
                new Bad(new Reference.Input(Reference.utf8("c2"), new byte[] {(byte) 0xc3, 0x28}), "?", RejectionCode.INVALID_EVENT,
                        "value is not UTF-8 text: an input record holds one event as JSON"),
                new Bad(Reference.Input.of(null, event("{'type':'refund','id':'f2','at':'2026-01-03T01:00:00Z','payment':'i1','amount':'1.00'}")),
                        "f2", RejectionCode.INVALID_EVENT, "refund f2: customer is missing: on Kafka a refund names its payment's customer, "
                        + "whose partition holds the payment"),
                new Bad(Reference.Input.of("c2", event("{'type':'payment','id':'i9','at':'2026-01-04T00:00:00Z','customer':'c1',"
                        + "'amount':'1.00','currency':'USD'}")), "i9", RejectionCode.INVALID_EVENT,
                        "payment i9: key \"c2\" differs from the payment's customer \"c1\": a customer's events are keyed by its id"),
                new Bad(Reference.Input.of(null, event("{'type':'payment','id':'i8','at':'2026-01-04T00:00:00Z','customer':'c1',"
                        + "'amount':'1.00','currency':'USD'}")), "i8", RejectionCode.INVALID_EVENT,
                        "payment i8: key is missing: a payment is keyed by its customer \"c1\""),
                new Bad(Reference.Input.of("run2", event("{'type':'payout_run','id':'run2','at':'2026-01-05T00:00:00Z'}")), "run2",
                        RejectionCode.INVALID_EVENT, "payout_run run2: key \"run2\" must be absent: a payout_run names no customer and goes "
                        + "to every partition"),
                new Bad(Reference.Input.of(null, event("{'type':'bonus','id':'x1','at':'2026-01-05T00:00:00Z'}")), "x1",
                        RejectionCode.INVALID_EVENT, null),
                new Bad(Reference.Input.of("c1", event("{'type':'payment','id':'i7','at':'2026-01-05T00:00:00Z','customer':'c1',"
                        + "'amount':'1.001','currency':'USD'}")), "i7", RejectionCode.INVALID_AMOUNT, null));
        // the bad records between the good ones
        List<Reference.Input> inputs = new ArrayList<>();
        for (int i = 0; i < good.size(); i++) {
            inputs.add(Reference.Input.of(customerOf(good.get(i)), good.get(i)));
            for (int j = i; j < bad.size(); j += good.size()) {
                inputs.add(bad.get(j).input());
            }
        }
        List<JsonNode> valid = new ArrayList<>();
        good.forEach(g -> valid.add(ReferralKitJson.readTree(g, RejectionCode.INVALID_EVENT)));
        Reference.Outputs expected = Reference.engine(PROGRAM, PARTNERS, valid);
        assertThat(expected.rejections()).isEmpty();
        assertThat(expected.entries()).hasSize(4);
        assertThat(expected.payouts()).hasSize(1);

        Reference.Outputs actual = partitions == 1 ? Runs.whole(PROGRAM, PARTNERS, inputs, StoreKind.PERSISTENT, stateDir)
                : Runs.partitioned(PROGRAM, PARTNERS, inputs, partitions, 7, stateDir).outputs();
        assertThat(actual.entries()).containsExactlyInAnyOrderElementsOf(expected.entries());
        assertThat(actual.payouts()).containsExactlyInAnyOrderElementsOf(expected.payouts());
        assertThat(actual.rejections()).as("one rejection per bad record").hasSize(bad.size());
        for (Bad b : bad) {
            assertThat(actual.rejections()).as("%s", b).anySatisfy(json -> {
                JsonNode r = ReferralKitJson.readTree(json, RejectionCode.INVALID_EVENT);
                assertThat(r.get("event").textValue()).isEqualTo(b.event());
                assertThat(r.get("code").textValue()).isEqualTo(b.code().name());
                if (b.message() != null) {
                    assertThat(r.get("message").textValue()).isEqualTo(b.message());
                } else {
                    assertThat(r.get("message").textValue()).isNotBlank();
                }
            });
        }
    }

    private static String customerOf(String json) {
        JsonNode node = ReferralKitJson.readTree(json, RejectionCode.INVALID_EVENT);
        return node.path("customer").isTextual() ? node.get("customer").textValue() : null;
    }
}
