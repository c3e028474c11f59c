package dev.referralkit.testkit.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.attribution.Journey;
import dev.referralkit.attribution.JourneyCsv;
import dev.referralkit.attribution.JourneyModels;
import dev.referralkit.engine.Outcome;
import dev.referralkit.engine.ReferralEngine;
import dev.referralkit.engine.Scenario;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.program.ImmutablePartner;
import dev.referralkit.program.Program;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Fuzz targets for every untrusted input: program JSON, scenario JSON, event JSON lines, journey CSV.
 * Any input must either be read or refused with a {@link ReferralKitException} that has a code; the
 * engine must never throw for an event, only reject it. In a plain build they run in regression mode
 * over the committed inputs in {@code src/test/resources/dev/referralkit/testkit/fuzz/FuzzTargetsInputs/};
 * {@code JAZZER_FUZZ=1 ./mvnw -pl testkit test -Dtest=FuzzTargets#program} fuzzes one for real
 * (see README, "Fuzzing").
 */
class FuzzTargets {
    private static final Program PROGRAM = Program.parse("{\"currency\":\"USD\",\"holdDays\":0,\"fx\":{\"EUR\":\"1.08\"},"
            + "\"parentShare\":{\"levels\":[\"10\"]},\"payout\":{\"minimum\":{\"USD\":\"10.00\"}},"
            + "\"bonuses\":[{\"metric\":\"conversions\",\"period\":\"month\",\"threshold\":\"2\",\"amount\":\"5.00\"}],"
            + "\"rewards\":{\"click\":{\"type\":\"flat\",\"amount\":\"0.10\"},\"payment\":{\"type\":\"recurring\",\"months\":6,"
            + "\"reward\":{\"type\":\"tiered\",\"metric\":\"revenue\",\"mode\":\"retroactive\",\"tiers\":["
            + "{\"above\":\"0\",\"reward\":{\"type\":\"percent\",\"percent\":\"10\"}},"
            + "{\"above\":\"100\",\"reward\":{\"type\":\"cap\",\"max\":\"50\",\"per\":\"customer\",\"reward\":{\"type\":\"percent\",\"percent\":\"20\"}}}]}}}}");

    private static String text(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }

    private static void refusedWithCode(ReferralKitException e) {
        assertThat(e.code()).isNotNull();
        assertThat(e.getMessage()).isNotBlank();
    }

    @FuzzTest(maxDuration = "5m")
    void program(byte[] data) {
        Program program;
        try {
            program = Program.parse(text(data));
        } catch (ReferralKitException e) {
            refusedWithCode(e);
            return;
        }
        String json = ReferralKitJson.write(program);
        assertThat(Program.parse(json)).isEqualTo(program);
    }

    @FuzzTest(maxDuration = "5m")
    void scenario(byte[] data) {
        Scenario scenario;
        try {
            scenario = Scenario.parse(text(data));
        } catch (ReferralKitException e) {
            refusedWithCode(e);
            return;
        }
        try {
            scenario.check();
        } catch (ReferralKitException e) {
            // an invalid plan in the partners (unknown parent, cycle) is refused when the engine is built
            assertThat(e.code()).isEqualTo(RejectionCode.INVALID_PROGRAM);
        }
    }

    @FuzzTest(maxDuration = "5m")
    void eventLines(byte[] data) {
        ReferralEngine engine = ReferralEngine.create(PROGRAM, List.of(ImmutablePartner.builder().id("p1").build(),
                ImmutablePartner.builder().id("p2").parent("p1").build()));
        for (String line : text(data).split("\n", 64)) {
            JsonNode node;
            try {
                node = ReferralKitJson.readTree(line, RejectionCode.INVALID_EVENT);
            } catch (ReferralKitException e) {
                refusedWithCode(e);
                continue;
            }
            String before = engine.snapshot();
            Outcome outcome = engine.process(node);
            if (!outcome.isAccepted()) {
                assertThat(engine.snapshot()).isEqualTo(before);
            }
        }
    }

    @FuzzTest(maxDuration = "5m")
    void journeyCsv(byte[] data) throws IOException {
        List<Journey> journeys;
        try {
            journeys = JourneyCsv.read(new StringReader(text(data)));
        } catch (ReferralKitException e) {
            refusedWithCode(e);
            return;
        }
        if (journeys.size() <= 20) {
            for (String model : JourneyModels.names()) {
                JourneyModels.named(model).credit(journeys);
            }
        }
    }
}
