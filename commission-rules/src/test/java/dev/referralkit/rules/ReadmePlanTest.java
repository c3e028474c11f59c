package dev.referralkit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.program.Metric;
import dev.referralkit.reward.Reward;
import dev.referralkit.RejectionCode;
import org.junit.jupiter.api.Test;

/** Mirrors the plan example of README.md: the Java and the JSON are the same plan. */
class ReadmePlanTest {
    static final String JSON = "{\"type\":\"recurring\",\"months\":12,\"reward\":{\"type\":\"firstMatch\",\"rules\":["
            + "{\"when\":{\"field\":\"partner.group\",\"op\":\"eq\",\"value\":\"gold\"},\"reward\":{\"type\":\"percent\",\"percent\":\"30\"}},"
            + "{\"reward\":{\"type\":\"tiered\",\"metric\":\"conversions\",\"period\":\"month\",\"mode\":\"volume\",\"tiers\":["
            + "{\"above\":\"0\",\"reward\":{\"type\":\"percent\",\"percent\":\"20\"}},"
            + "{\"above\":\"10\",\"reward\":{\"type\":\"percent\",\"percent\":\"25\"}}]}}]}}";

    @Test
    void the_java_plan_equals_the_json_plan() {
        // --- README: plan in Java ---
        Reward payment = ImmutableRecurringReward.builder()
                .months(12)
                .reward(ImmutableFirstMatchReward.builder()
                        .addRules(ImmutableRule.builder()
                                .when(FieldCondition.of("partner.group", Op.EQ, "gold"))
                                .reward(PercentReward.of("30"))
                                .build())
                        .addRules(ImmutableRule.builder()
                                .reward(ImmutableTieredReward.builder()
                                        .metric(Metric.CONVERSIONS)
                                        .addTiers(Tier.of("0", PercentReward.of("20")))
                                        .addTiers(Tier.of("10", PercentReward.of("25")))
                                        .build())
                                .build())
                        .build())
                .build();
        // --- end ---
        assertThat(ReferralKitJson.read(JSON, Reward.class, RejectionCode.INVALID_PROGRAM)).isEqualTo(payment);
        assertThat(ReferralKitJson.write(payment)).isEqualTo(JSON);
    }
}
