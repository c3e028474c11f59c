package dev.referralkit.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.money.Ratio;
import dev.referralkit.program.CapScope;
import dev.referralkit.program.Metric;
import dev.referralkit.program.Period;
import dev.referralkit.reward.Reward;
import dev.referralkit.reward.RewardResult;
import dev.referralkit.program.Trigger;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StrategiesTest {
    static Reward pct(String p) {
        return PercentReward.of(p);
    }

    static TieredReward tiers(Metric metric, TierMode mode, Tier... tiers) {
        return ImmutableTieredReward.builder().metric(metric).mode(mode).period(Period.MONTH).addTiers(tiers).build();
    }

    @Nested
    class Percents {
        @Test
        void pays_the_exact_share_of_the_base_with_an_explanation() {
            RewardResult r = pct("12.5").evaluate(Ctx.payment("33.33").build());
            assertThat(r.amount()).isEqualByComparingTo("4.16625");
            assertThat(r.explanation().text()).isEqualTo("12.5% of 33.33 USD");
            assertThat(r.explanation().rule()).isEqualTo("percent");
        }

        @Test
        void pays_only_the_first_payment_outside_recurring() {
            assertThat(pct("20").evaluate(Ctx.payment("100").number(1).build()).amount()).isEqualByComparingTo("20");
            RewardResult second = pct("20").evaluate(Ctx.payment("100").number(2).build());
            assertThat(second.amount()).isZero();
            assertThat(second.explanation().text()).isEqualTo("one-time reward: payment 2 is not the customer's first");
        }
    }

    @Nested
    class Flats {
        @Test
        void is_multiplied_by_the_weight() {
            RewardResult r = FlatReward.of("5.00").evaluate(Ctx.payment("0").trigger(Trigger.LEAD).weight(Ratio.of(1, 2)).build());
            assertThat(r.amount()).isEqualByComparingTo("2.50");
            assertThat(r.explanation().text()).isEqualTo("flat 5.00 USD × weight 0.5");
        }

        @Test
        void is_converted_to_the_event_currency_with_program_fx() {
            RewardResult r = FlatReward.of("10.80").evaluate(Ctx.payment("100").currency(Ctx.EUR, "1.08").build());
            assertThat(r.amount()).isEqualByComparingTo("10");
            assertThat(r.explanation().text()).isEqualTo("flat 10.80 USD = 10.00 EUR");
        }

        @Test
        void a_missing_rate_is_refused_never_guessed() {
            assertThatThrownBy(() -> FlatReward.of("10").evaluate(Ctx.payment("100").currencyWithoutRate(Ctx.JPY).build()))
                    .isInstanceOfSatisfying(ReferralKitException.class, e -> assertThat(e.code()).isEqualTo(RejectionCode.MISSING_FX_RATE))
                    .hasMessage("no rate from JPY to USD in program.fx");
        }
    }

    @Nested
    class Tiers {
        final TieredReward conversions = tiers(Metric.CONVERSIONS, TierMode.VOLUME,
                Tier.of("0", pct("20")), Tier.of("10", pct("25")), Tier.of("20", pct("30")));

        @ParameterizedTest(name = "{0} conversions before → {1}%")
        @CsvSource({"0, 20", "8, 20", "9, 20", "10, 25", "11, 25", "19, 25", "20, 30", "500, 30"})
        void above_ten_means_from_the_eleventh(String before, String percent) {
            RewardResult r = conversions.evaluate(Ctx.payment("100").before(Metric.CONVERSIONS, before).build());
            assertThat(r.amount()).isEqualByComparingTo(percent);
        }

        @Test
        void explains_tier_volume_and_period() {
            RewardResult r = conversions.evaluate(Ctx.payment("100.00").before(Metric.CONVERSIONS, "10").build());
            assertThat(r.explanation().text()).isEqualTo("25% of 100.00 USD (tier 2 of 3: 11 conversions above 10 in 2026-03)");
        }

        @Test
        void a_renewal_adds_no_conversion_and_stays_at_the_reached_tier() {
            RewardResult r = conversions.evaluate(Ctx.payment("100").before(Metric.CONVERSIONS, "10")
                    .contribution(Metric.CONVERSIONS, "0").build());
            assertThat(r.amount()).isEqualByComparingTo("20");
            RewardResult none = conversions.evaluate(Ctx.payment("100").contribution(Metric.CONVERSIONS, "0").build());
            assertThat(none.amount()).isEqualByComparingTo("20");
        }

        @ParameterizedTest(name = "revenue before {0} + {1} → {2}")
        @CsvSource({
            "0, 1000.00, 100.00",      // exactly at the edge: all in tier 1
            "0, 1000.01, 100.002",     // one cent above: one cent at 20 %
            "0, 999.99, 99.999",       // one cent below
            "900, 200.00, 30.00",      // scenario 05: 100 at 10 % + 100 at 20 %
            "1100, 4000.00, 810.00",   // scenario 05: 3900 at 20 % + 100 at 30 %
            "5000, 100.00, 30.00",
            "0, 6000.00, 1200.00",     // crosses both boundaries: 100 + 800 + 300
        })
        void marginal_revenue_splits_a_payment_across_boundaries(String before, String base, String expected) {
            TieredReward marginal = tiers(Metric.REVENUE, TierMode.MARGINAL,
                    Tier.of("0", pct("10")), Tier.of("1000", pct("20")), Tier.of("5000", pct("30")));
            RewardResult r = marginal.evaluate(Ctx.payment(base).before(Metric.REVENUE, before).build());
            assertThat(r.amount()).isEqualByComparingTo(expected);
        }

        @Test
        void marginal_explains_each_slice() {
            TieredReward marginal = tiers(Metric.REVENUE, TierMode.MARGINAL, Tier.of("0", pct("10")), Tier.of("1000", pct("20")));
            RewardResult r = marginal.evaluate(Ctx.payment("200.00").before(Metric.REVENUE, "900").build());
            assertThat(r.explanation().text()).isEqualTo("10% of 100.00 USD (tier 1 of 2) + 20% of 100.00 USD (tier 2 of 2)"
                    + " [marginal: revenue 900.00 USD → 1100.00 USD in 2026-03]");
        }

        @Test
        void marginal_slices_in_another_currency_still_sum_to_the_base() {
            TieredReward marginal = tiers(Metric.REVENUE, TierMode.MARGINAL, Tier.of("0", pct("10")), Tier.of("1000", pct("20")));
            // 200 EUR at 1.08 = 216 USD of volume from 900: 100 USD (92.59.. EUR) at 10 %, the rest at 20 %
            RewardResult r = marginal.evaluate(Ctx.payment("200.00").currency(Ctx.EUR, "1.08")
                    .before(Metric.REVENUE, "900").contribution(Metric.REVENUE, "216.00").build());
            BigDecimal low = new BigDecimal("100").divide(new BigDecimal("1.08"), java.math.MathContext.DECIMAL128);
            BigDecimal expected = low.multiply(new BigDecimal("0.10")).add(new BigDecimal("200.00").subtract(low).multiply(new BigDecimal("0.20")));
            assertThat(r.amount()).isEqualByComparingTo(expected);
        }

        @Test
        void retroactive_prices_like_volume_and_records_every_tier() {
            TieredReward retro = tiers(Metric.CONVERSIONS, TierMode.RETROACTIVE, Tier.of("0", pct("10")), Tier.of("2", pct("20")));
            RewardResult r = retro.evaluate(Ctx.payment("50.00").build());
            assertThat(r.amount()).isEqualByComparingTo("5");
            assertThat(r.tierPricings()).hasSize(1);
            assertThat(r.tierPricings().get(0).amountsByTier()).usingElementComparator(BigDecimal::compareTo)
                    .containsExactly(new BigDecimal("5"), new BigDecimal("10"));
            assertThat(r.tierPricings().get(0).tier()).isZero();
            assertThat(r.tierPricings().get(0).key()).isEqualTo("rewards.payment");
        }
    }

    @Nested
    class Recurrings {
        final Reward months3 = ImmutableRecurringReward.builder().months(3).reward(pct("30")).build();

        @ParameterizedTest(name = "month {0} → {1}")
        @CsvSource({"0, 8.70", "2, 8.70", "3, 0", "12, 0"})
        void months_admit_month_zero_to_the_last_admitted_month(long month, String expected) {
            RewardResult r = months3.evaluate(Ctx.payment("29.00").number((int) month + 1).month(month).build());
            assertThat(r.amount()).isEqualByComparingTo(expected);
        }

        @Test
        void payments_one_is_the_first_payment_only() {
            Reward once = ImmutableRecurringReward.builder().payments(1).reward(pct("10")).build();
            assertThat(once.evaluate(Ctx.payment("10").number(1).build()).amount()).isEqualByComparingTo("1");
            RewardResult second = once.evaluate(Ctx.payment("10").number(2).build());
            assertThat(second.amount()).isZero();
            assertThat(second.explanation().text()).isEqualTo("recurring limit reached: payment 2 is after the first 1");
        }

        @Test
        void until_is_exclusive() {
            Reward until = ImmutableRecurringReward.builder().until(Instant.parse("2026-06-01T00:00:00Z")).reward(pct("10")).build();
            assertThat(until.evaluate(Ctx.payment("10").number(4).at("2026-05-31T23:59:59Z").build()).amount()).isEqualByComparingTo("1");
            assertThat(until.evaluate(Ctx.payment("10").number(5).at("2026-06-01T00:00:00Z").build()).amount()).isZero();
        }

        @Test
        void lifetime_without_a_limit_and_explained() {
            Reward lifetime = ImmutableRecurringReward.builder().reward(pct("10")).build();
            RewardResult r = lifetime.evaluate(Ctx.payment("10.00").number(40).month(39).build());
            assertThat(r.amount()).isEqualByComparingTo("1");
            assertThat(r.explanation().text()).isEqualTo("10% of 10.00 USD (recurring: payment 40)");
        }

        @Test
        void a_first_year_rate_is_first_match_inside_recurring() {
            Reward plan = ImmutableRecurringReward.builder().reward(ImmutableFirstMatchReward.builder()
                    .addRules(ImmutableRule.builder().when(FieldCondition.of("payment.month", Op.LT, "12")).reward(pct("30")).build())
                    .addRules(ImmutableRule.builder().reward(pct("10")).build()).build()).build();
            assertThat(plan.evaluate(Ctx.payment("100").number(12).month(11).field("payment.month", "11").build()).amount()).isEqualByComparingTo("30");
            assertThat(plan.evaluate(Ctx.payment("100").number(13).month(12).field("payment.month", "12").build()).amount()).isEqualByComparingTo("10");
        }
    }

    @Nested
    class Composites {
        @Test
        void first_match_takes_the_first_rule_that_holds_and_nothing_otherwise() {
            Reward plan = ImmutableFirstMatchReward.builder()
                    .addRules(ImmutableRule.builder().when(FieldCondition.of("event.product", Op.EQ, "pro")).reward(pct("30")).build())
                    .addRules(ImmutableRule.builder().when(FieldCondition.of("event.product", Op.EQ, "team")).reward(pct("20")).build())
                    .build();
            RewardResult pro = plan.evaluate(Ctx.payment("100.00").field("event.product", "pro").build());
            assertThat(pro.amount()).isEqualByComparingTo("30");
            assertThat(pro.explanation().text()).isEqualTo("30% of 100.00 USD (rule 1)");
            assertThat(plan.evaluate(Ctx.payment("100").field("event.product", "team").build()).amount()).isEqualByComparingTo("20");
            RewardResult none = plan.evaluate(Ctx.payment("100").field("event.product", "basic").build());
            assertThat(none.amount()).isZero();
            assertThat(none.explanation().text()).isEqualTo("no rule matched");
        }

        @Test
        void sum_adds_amounts() {
            Reward plan = ImmutableSumReward.builder().addRewards(pct("10"), FlatReward.of("5")).build();
            RewardResult r = plan.evaluate(Ctx.payment("100.00").build());
            assertThat(r.amount()).isEqualByComparingTo("15");
            assertThat(r.explanation().text()).isEqualTo("10% of 100.00 USD + flat 5.00 USD");
        }

        @Test
        void max_compares_computed_amounts_not_parameters() {
            Reward plan = ImmutableMaxReward.builder().addRewards(FlatReward.of("50"), pct("10")).build();
            assertThat(plan.evaluate(Ctx.payment("1000").build()).amount()).isEqualByComparingTo("100");
            assertThat(plan.evaluate(Ctx.payment("100").build()).amount()).isEqualByComparingTo("50");
            assertThat(plan.evaluate(Ctx.payment("500").build()).explanation().text()).isEqualTo("flat 50.00 USD (greatest of 2: option 1)");
        }

        @Test
        void cap_clips_to_the_headroom_and_records_usage() {
            Reward plan = ImmutableCapReward.builder().reward(pct("10")).max(new BigDecimal("100")).per(CapScope.CUSTOMER).build();
            RewardResult under = plan.evaluate(Ctx.payment("500").build());
            assertThat(under.amount()).isEqualByComparingTo("50");
            assertThat(under.capUses()).singleElement().satisfies(u -> {
                assertThat(u.amount()).isEqualByComparingTo("50");
                assertThat(u.key()).isEqualTo("rewards.payment");
                assertThat(u.scope()).isEqualTo(CapScope.CUSTOMER);
            });
            RewardResult clipped = plan.evaluate(Ctx.payment("500.00").capUsed("rewards.payment", "80").build());
            assertThat(clipped.amount()).isEqualByComparingTo("20");
            assertThat(clipped.explanation().text()).isEqualTo("10% of 500.00 USD, capped at 100.00 USD per customer (80.00 USD used before)");
            assertThat(plan.evaluate(Ctx.payment("500").capUsed("rewards.payment", "100").build()).amount()).isZero();
            assertThat(plan.evaluate(Ctx.payment("500").capUsed("rewards.payment", "130").build()).amount()).isZero();
        }

        @Test
        void cap_per_event_ignores_usage() {
            Reward plan = ImmutableCapReward.builder().reward(pct("10")).max(new BigDecimal("20")).per(CapScope.EVENT).build();
            assertThat(plan.evaluate(Ctx.payment("500").capUsed("rewards.payment", "1000").build()).amount()).isEqualByComparingTo("20");
        }

        @Test
        void cap_in_another_currency_is_tracked_in_program_currency() {
            Reward plan = ImmutableCapReward.builder().reward(pct("10")).max(new BigDecimal("54")).per(CapScope.CUSTOMER).build();
            RewardResult r = plan.evaluate(Ctx.payment("1000").currency(Ctx.EUR, "1.08").build());
            assertThat(r.amount()).isEqualByComparingTo("50");
            assertThat(r.capUses().get(0).amount()).isEqualByComparingTo("54");
        }
    }

    @Test
    void retroactive_pricing_inside_a_composite_is_kept() {
        Reward plan = ImmutableSumReward.builder().addRewards(
                tiers(Metric.CONVERSIONS, TierMode.RETROACTIVE, Tier.of("0", pct("10")), Tier.of("1", pct("20"))),
                FlatReward.of("1")).build();
        assertThat(plan.evaluate(Ctx.payment("10").build()).tierPricings()).extracting(p -> p.key())
                .containsExactly("rewards.payment.rewards[0]");
    }
}
