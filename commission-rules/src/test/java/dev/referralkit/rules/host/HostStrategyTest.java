package dev.referralkit.rules.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.money.Ratio;
import dev.referralkit.program.Fx;
import dev.referralkit.program.Program;
import dev.referralkit.reward.RewardContext;
import dev.referralkit.program.Trigger;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostStrategyTest {
    @Test
    void a_host_strategy_loads_by_its_json_name_inside_built_ins_and_evaluates() {
        String json = "{\"currency\":\"USD\",\"rewards\":{\"payment\":{\"type\":\"max\",\"rewards\":["
                + "{\"type\":\"percent\",\"percent\":\"10\"},{\"type\":\"perSeat\",\"perSeat\":\"3.00\"}]}}}";
        Program program = Program.parse(json);
        assertThat(ReferralKitJson.write(program)).contains("{\"type\":\"perSeat\",\"perSeat\":\"3.00\"}");
        Currency usd = Currency.getInstance("USD");
        RewardContext ctx = RewardContext.builder().trigger(Trigger.PAYMENT).at(Instant.parse("2026-01-01T00:00:00Z"))
                .base(new BigDecimal("100")).weight(Ratio.ONE).currency(usd).fx(new Fx(usd, Map.of()))
                .paymentNumber(1).fields(f -> f.equals("event.seats") ? Optional.of("5") : Optional.empty()).build();
        assertThat(program.rewards().payment().orElseThrow().evaluate(ctx).amount()).isEqualByComparingTo("15.00");
    }
}
