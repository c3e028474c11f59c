package dev.referralkit.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.referralkit.RejectionCode;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.money.Percent;
import dev.referralkit.money.Ratio;
import dev.referralkit.program.CapScope;
import dev.referralkit.program.Metric;
import dev.referralkit.program.Period;
import dev.referralkit.reward.Reward;
import dev.referralkit.reward.RewardContext;
import dev.referralkit.reward.RewardResult;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class RulesProperties {
    static final BigDecimal CENT = new BigDecimal("0.01");

    /** A payment context with a base in cents, a payment number, a weight and volumes. */
    static Gen<Ctx> contexts() {
        return r -> {
            Ctx c = Ctx.payment(BigDecimal.valueOf(PlanGen.pick(r, 0, 10_000_000), 2).toPlainString());
            long n = PlanGen.pick(r, 1, 30);
            c.number((int) n).month(PlanGen.pick(r, 0, n))
                    .weight(Ratio.of(PlanGen.pick(r, 1, 4), 4))
                    .before(Metric.CONVERSIONS, Long.toString(PlanGen.pick(r, 0, 50)))
                    .before(Metric.REVENUE, Long.toString(PlanGen.pick(r, 0, 20_000)))
                    .field("payment.number", Long.toString(n))
                    .field("event.product", PlanGen.pick(r, 0, 1) == 0 ? "pro" : "team");
            return c;
        };
    }

    /** Tiers of percentages: a marginal revenue plan and its parameters. */
    static Gen<List<Tier>> percentTiers() {
        return r -> {
            List<Tier> tiers = new ArrayList<>();
            long n = PlanGen.pick(r, 1, 5);
            long above = 0;
            for (int i = 0; i < n; i++) {
                tiers.add(ImmutableTier.of(BigDecimal.valueOf(above), ImmutablePercentReward.of(PlanGen.percent(r))));
                above += PlanGen.pick(r, 1, 3000);
            }
            return tiers;
        };
    }

    static TieredReward tiered(Metric metric, TierMode mode, List<Tier> tiers) {
        return ImmutableTieredReward.builder().metric(metric).mode(mode).period(Period.MONTH).tiers(tiers).build();
    }

    static BigDecimal marginal(List<Tier> tiers, long beforeCents, long amountCents) {
        RewardContext ctx = Ctx.payment(BigDecimal.valueOf(amountCents, 2).toPlainString())
                .before(Metric.REVENUE, BigDecimal.valueOf(beforeCents, 2).toPlainString()).build();
        return tiered(Metric.REVENUE, TierMode.MARGINAL, tiers).evaluate(ctx).amount();
    }

    @Test
    void a_rule_never_pays_a_negative_amount_nor_more_than_its_bound() {
        Props.qt().forAll(PlanGen.plans(), contexts()).checkAssert((plan, ctx) -> {
            RewardContext context = ctx.build();
            RewardResult result = plan.evaluate(context);
            assertThat(result.amount().signum()).as("%s", result).isGreaterThanOrEqualTo(0);
            assertThat(result.amount()).as("%s", result).isLessThanOrEqualTo(PlanGen.bound(plan, context));
            assertThat(result.explanation().text()).isNotBlank();
        });
    }

    @Test
    void generated_plans_round_trip_through_json() {
        Props.qt().forAll(PlanGen.plans()).checkAssert(plan -> {
            String json = ReferralKitJson.write(plan);
            Reward read = ReferralKitJson.read(json, Reward.class, RejectionCode.INVALID_PROGRAM);
            assertThat(read).isEqualTo(plan);
            assertThat(ReferralKitJson.write(read)).isEqualTo(json);
        });
    }

    @Test
    void marginal_commission_equals_the_piecewise_formula() {
        Props.qt().forAll(percentTiers(), longs().between(0, 2_000_000), longs().between(0, 2_000_000)).checkAssert((tiers, before, amount) -> {
            BigDecimal v0 = BigDecimal.valueOf(before, 2);
            BigDecimal v1 = v0.add(BigDecimal.valueOf(amount, 2));
            BigDecimal expected = BigDecimal.ZERO;
            for (int i = 0; i < tiers.size(); i++) {
                BigDecimal lo = tiers.get(i).above().max(v0);
                BigDecimal hi = i + 1 < tiers.size() ? tiers.get(i + 1).above().min(v1) : v1;
                if (hi.compareTo(lo) > 0) {
                    Percent p = ((PercentReward) tiers.get(i).reward()).percent();
                    expected = expected.add(p.applyTo(hi.subtract(lo)));
                }
            }
            assertThat(marginal(tiers, before, amount)).isEqualByComparingTo(expected);
        });
    }

    @Test
    void marginal_commission_is_monotone_and_continuous_in_the_amount() {
        Props.qt().forAll(percentTiers(), longs().between(0, 2_000_000), longs().between(0, 2_000_000)).checkAssert((tiers, before, amount) -> {
            BigDecimal f = marginal(tiers, before, amount);
            BigDecimal g = marginal(tiers, before, amount + 1);
            BigDecimal maxPercent = BigDecimal.ZERO;
            for (Tier t : tiers) {
                maxPercent = maxPercent.max(((PercentReward) t.reward()).percent().value());
            }
            assertThat(g).isGreaterThanOrEqualTo(f);
            // one more cent of revenue earns at most one cent at the highest rate: no jump at a boundary
            assertThat(g.subtract(f)).isLessThanOrEqualTo(CENT.multiply(maxPercent).movePointLeft(2));
        });
    }

    @Test
    void volume_and_marginal_coincide_for_conversions() {
        Props.qt().forAll(PlanGen.plans().map(p -> p), contexts(), integers().between(1, 5)).checkAssert((plan, ctx, n) -> {
            List<Tier> tiers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                tiers.add(ImmutableTier.of(BigDecimal.valueOf(i * 3L), plan));
            }
            RewardContext context = ctx.build();
            assertThat(tiered(Metric.CONVERSIONS, TierMode.MARGINAL, tiers).evaluate(context).amount())
                    .isEqualByComparingTo(tiered(Metric.CONVERSIONS, TierMode.VOLUME, tiers).evaluate(context).amount());
        });
    }

    @Test
    void caps_are_never_exceeded() {
        Props.qt().forAll(PlanGen.plans(), contexts(), longs().between(0, 500_000), longs().between(0, 600_000)).checkAssert((plan, ctx, max, used) -> {
            for (CapScope scope : CapScope.values()) {
                Reward cap = ImmutableCapReward.builder().reward(plan).max(BigDecimal.valueOf(max, 2)).per(scope).build();
                RewardContext context = ctx.capUsed("rewards.payment", BigDecimal.valueOf(used, 2).toPlainString()).build();
                RewardResult result = cap.evaluate(context);
                BigDecimal usedBefore = scope == CapScope.EVENT ? BigDecimal.ZERO : BigDecimal.valueOf(used, 2);
                BigDecimal headroom = BigDecimal.valueOf(max, 2).subtract(usedBefore).max(BigDecimal.ZERO);
                assertThat(result.amount()).isLessThanOrEqualTo(headroom);
                BigDecimal recorded = result.capUses().stream().filter(u -> u.key().equals("rewards.payment"))
                        .map(u -> u.amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
                assertThat(usedBefore.add(recorded)).isLessThanOrEqualTo(BigDecimal.valueOf(max, 2).max(usedBefore));
            }
        });
    }

    @Test
    void max_is_at_least_each_branch() {
        Props.qt().forAll(PlanGen.plans(), PlanGen.plans(), contexts()).checkAssert((a, b, ctx) -> {
            RewardContext context = ctx.build();
            BigDecimal best = ImmutableMaxReward.builder().addRewards(a, b).build().evaluate(context).amount();
            assertThat(best).isGreaterThanOrEqualTo(a.evaluate(context.child("rewards[0]")).amount());
            assertThat(best).isGreaterThanOrEqualTo(b.evaluate(context.child("rewards[1]")).amount());
        });
    }
}
