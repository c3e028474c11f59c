package dev.referralkit.engine.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.referralkit.engine.Outcome;
import dev.referralkit.engine.ReferralEngine;
import dev.referralkit.engine.ReferralProgram;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.program.Program;
import org.junit.jupiter.api.Test;

/** docs/payouts.md §1.4: a host's own check loads by its JSON name beside the built-ins and screens like one. */
class HostRiskCheckTest {
    @Test
    void a_host_check_loads_like_a_built_in_and_rejects_and_withholds() {
        String json = "{\"currency\":\"USD\",\"holdDays\":0,\"rewards\":{\"payment\":{\"type\":\"recurring\",\"reward\":"
                + "{\"type\":\"percent\",\"percent\":\"10\"}}},"
                + "\"risk\":[{\"type\":\"conversion_velocity\",\"max\":5},{\"type\":\"blocked_country\",\"countries\":[\"XX\"]}]}";
        Program program = Program.parse(json);
        assertThat(ReferralKitJson.write(program)).contains("{\"type\":\"blocked_country\",\"countries\":[\"XX\"]}");
        ReferralEngine engine = ReferralEngine.create(ReferralProgram.parse(json,
                "[{\"id\":\"p1\"},{\"id\":\"p2\",\"attributes\":{\"bank_verified\":\"yes\"}}]"));
        engine.process(ReferralKitJson.readTree("{\"type\":\"touch\",\"id\":\"t1\",\"at\":\"2026-01-01T00:00:00Z\",\"partner\":\"p1\","
                + "\"customer\":\"c1\",\"channel\":\"link\"}", dev.referralkit.RejectionCode.INVALID_EVENT));
        Outcome blocked = engine.process(ReferralKitJson.readTree("{\"type\":\"payment\",\"id\":\"i1\",\"at\":\"2026-01-02T00:00:00Z\","
                + "\"customer\":\"c1\",\"amount\":\"100.00\",\"currency\":\"USD\",\"attributes\":{\"country\":\"XX\"}}",
                dev.referralkit.RejectionCode.INVALID_EVENT));
        assertThat(blocked.isAccepted()).isTrue();
        assertThat(blocked.entries()).isEmpty();
        assertThat(blocked.decisions()).extracting(d -> d.entry() + " " + d.action() + " " + d.check() + " " + d.code())
                .containsExactly("i1/p1/commission REJECT blocked_country BLOCKED_COUNTRY");
        engine.process(ReferralKitJson.readTree("{\"type\":\"payment\",\"id\":\"i2\",\"at\":\"2026-01-03T00:00:00Z\","
                + "\"customer\":\"c1\",\"amount\":\"100.00\",\"currency\":\"USD\"}", dev.referralkit.RejectionCode.INVALID_EVENT));
        engine.process(ReferralKitJson.readTree("{\"type\":\"touch\",\"id\":\"t3\",\"at\":\"2026-01-01T00:00:00Z\",\"partner\":\"p2\","
                + "\"customer\":\"c3\",\"channel\":\"link\"}", dev.referralkit.RejectionCode.INVALID_EVENT));
        engine.process(ReferralKitJson.readTree("{\"type\":\"payment\",\"id\":\"i3\",\"at\":\"2026-01-03T00:00:00Z\","
                + "\"customer\":\"c3\",\"amount\":\"50.00\",\"currency\":\"USD\"}", dev.referralkit.RejectionCode.INVALID_EVENT));
        Outcome run = engine.process(ReferralKitJson.readTree("{\"type\":\"payout_run\",\"id\":\"run1\",\"at\":\"2026-01-31T00:00:00Z\"}",
                dev.referralkit.RejectionCode.INVALID_EVENT));
        // p1 earned 10.00 on i2 but its bank account is not verified; p2's is
        assertThat(run.payouts()).extracting(p -> p.partner() + " " + p.amount()).containsExactly("p2 5.00");
        assertThat(run.withheld()).extracting(w -> w.partner() + " " + w.amount() + " " + w.code() + ": " + w.explanation())
                .containsExactly("p1 10.00 BANK_NOT_VERIFIED: partner p1's bank account is not verified");
    }
}
