package dev.referralkit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.program.Program;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class SnapshotTest {
    static List<Path> scenarios() throws IOException {
        List<Path> all = new ArrayList<>(SharedScenariosTest.scenarios().toList());
        all.add(Path.of("..", "examples", "scenarios", "saas-quickstart.json"));
        return all;
    }

    /** Every outcome as JSON text, one per event. */
    static List<String> outcomes(ReferralEngine engine, List<JsonNode> events) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : events) {
            Outcome o = engine.process(e);
            out.add(ReferralKitJson.write(o.entries()) + ReferralKitJson.write(o.payouts())
                    + o.binding().map(ReferralKitJson::write).orElse("") + o.rejection().map(ReferralKitJson::write).orElse(""));
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void snapshot_restore_continue_equals_an_uninterrupted_run_at_every_split(Path file) throws IOException {
        Scenario s = Scenario.parse(Files.readString(file));
        List<String> uninterrupted = outcomes(ReferralEngine.create(s.program(), s.partners()), s.events());
        String finalSnapshot = null;
        for (int k = 0; k <= s.events().size(); k++) {
            ReferralEngine first = ReferralEngine.create(s.program(), s.partners());
            List<String> got = new ArrayList<>(outcomes(first, s.events().subList(0, k)));
            String snapshot = first.snapshot();
            ReferralEngine restored = ReferralEngine.restore(s.program(), snapshot);
            assertThat(restored.snapshot()).as("snapshot of a restored engine, split %d", k).isEqualTo(snapshot);
            got.addAll(outcomes(restored, s.events().subList(k, s.events().size())));
            assertThat(got).as("%s split at %d", file.getFileName(), k).isEqualTo(uninterrupted);
            if (k == s.events().size()) {
                finalSnapshot = restored.snapshot();
            }
        }
        ReferralEngine again = ReferralEngine.create(s.program(), s.partners());
        outcomes(again, s.events());
        assertThat(again.snapshot()).as("determinism").isEqualTo(finalSnapshot);
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void a_rejected_event_leaves_the_snapshot_byte_identical(Path file) throws IOException {
        Scenario s = Scenario.parse(Files.readString(file));
        ReferralEngine engine = ReferralEngine.create(s.program(), s.partners());
        for (JsonNode event : s.events()) {
            String before = engine.snapshot();
            Outcome outcome = engine.process(event);
            if (!outcome.isAccepted()) {
                assertThat(engine.snapshot()).as("after rejecting %s", event).isEqualTo(before);
            }
        }
    }

    /** Regression, found by the property suite: a partner's own tiered plan must still be tracked after restore. */
    @Test
    void a_partners_own_tiered_plan_survives_restore() {
        String json = "{\"program\":{\"currency\":\"USD\",\"rewards\":{\"payment\":{\"type\":\"percent\",\"percent\":\"5\"}}},"
                + "\"partners\":[{\"id\":\"p1\",\"rewards\":{\"payment\":{\"type\":\"tiered\",\"metric\":\"conversions\",\"period\":\"year\","
                + "\"tiers\":[{\"above\":\"0\",\"reward\":{\"type\":\"percent\",\"percent\":\"10\"}},"
                + "{\"above\":\"1\",\"reward\":{\"type\":\"percent\",\"percent\":\"20\"}}]}}}],\"events\":["
                + "{\"type\":\"touch\",\"id\":\"t1\",\"at\":\"2026-01-01T00:00:00Z\",\"partner\":\"p1\",\"customer\":\"c1\",\"channel\":\"link\"},"
                + "{\"type\":\"touch\",\"id\":\"t2\",\"at\":\"2026-01-01T00:00:00Z\",\"partner\":\"p1\",\"customer\":\"c2\",\"channel\":\"link\"},"
                + "{\"type\":\"payment\",\"id\":\"i1\",\"at\":\"2026-01-02T00:00:00Z\",\"customer\":\"c1\",\"amount\":\"100.00\",\"currency\":\"USD\"},"
                + "{\"type\":\"payment\",\"id\":\"i2\",\"at\":\"2026-01-03T00:00:00Z\",\"customer\":\"c2\",\"amount\":\"100.00\",\"currency\":\"USD\"}]}";
        Scenario s = Scenario.parse(json);
        ReferralEngine first = ReferralEngine.create(s.program(), s.partners());
        outcomes(first, s.events().subList(0, 3));
        ReferralEngine restored = ReferralEngine.restore(s.program(), first.snapshot());
        List<String> rest = outcomes(restored, s.events().subList(3, 4));
        assertThat(rest.get(0)).contains("\"amount\":\"20.00\"");
    }

    @Test
    void a_snapshot_of_another_program_is_refused() throws IOException {
        Scenario s = Scenario.parse(Files.readString(Path.of("..", "..", "shared", "scenarios", "01-last-touch-one-time.json")));
        String snapshot = ReferralEngine.create(s.program(), s.partners()).snapshot();
        assertThatThrownBy(() -> ReferralEngine.restore(Program.parse("{\"currency\":\"EUR\"}"), snapshot))
                .isInstanceOfSatisfying(ReferralKitException.class, e -> assertThat(e.code()).isEqualTo(RejectionCode.INVALID_PROGRAM))
                .hasMessage("snapshot: program: the state was made with another program");
        assertThatThrownBy(() -> ReferralEngine.restore(s.program(), "{\"format\":\"x\"}")).hasMessage("snapshot: format is not referralkit-snapshot/2");
    }
}
