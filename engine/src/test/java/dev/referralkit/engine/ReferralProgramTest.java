package dev.referralkit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReferralProgramTest {
    @Test
    void reads_a_program_and_its_partners_and_runs_them() {
        ReferralProgram rp = ReferralProgram.parse("{\"currency\":\"USD\",\"rewards\":{\"payment\":{\"type\":\"percent\",\"percent\":\"10\"}}}",
                "[{\"id\":\"p1\",\"group\":\"gold\"},{\"id\":\"p2\",\"parent\":\"p1\"}]");
        assertThat(rp.partners()).extracting(p -> p.id()).containsExactly("p1", "p2");
        ReferralEngine engine = ReferralEngine.create(rp);
        assertThat(engine.program()).isEqualTo(rp.program());
    }

    @Test
    void a_bad_partner_is_named_by_its_json_pointer() {
        assertThatThrownBy(() -> ReferralProgram.parse("{\"currency\":\"USD\"}", "[{\"id\":\"p1\"},{\"id\":\"\"}]"))
                .hasMessage("line 1, column 15: /1/id: id \"\" must have 1 to 128 characters, has 0");
        assertThatThrownBy(() -> ReferralProgram.parse("{\"currency\":\"USD\"}", "{}"))
                .hasMessage("line 1, column 1: partners are a JSON array, like [{\"id\": \"p1\"}]");
    }
}
