package dev.referralkit.rules;

import dev.referralkit.money.Percent;
import dev.referralkit.program.CapScope;
import dev.referralkit.program.Metric;
import dev.referralkit.program.Period;
import dev.referralkit.reward.Reward;
import dev.referralkit.reward.RewardContext;
import dev.referralkit.reward.RewardResult;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * Generated reward trees over every built-in strategy, drawn from QuickTheories' randomness so that
 * failures shrink towards small trees and round numbers.
 */
final class PlanGen {
    private PlanGen() {
    }

    static long pick(RandomnessSource r, long lo, long hi) {
        return r.next(Constraint.between(lo, hi));
    }

    static Gen<Reward> plans() {
        return r -> reward(r, (int) pick(r, 0, 3), false);
    }

    static Percent percent(RandomnessSource r) {
        long kind = pick(r, 0, 9);
        if (kind == 0) {
            return Percent.parse("0");
        }
        if (kind == 1) {
            return Percent.parse("1000");
        }
        return Percent.of(BigDecimal.valueOf(pick(r, 0, 100_000), 3));
    }

    static BigDecimal flat(RandomnessSource r) {
        return BigDecimal.valueOf(pick(r, 0, 100_000), 2);
    }

    static Reward reward(RandomnessSource r, int depth, boolean percentOnly) {
        long kind = depth == 0 ? pick(r, 0, 1) : pick(r, 0, 7);
        if (percentOnly && kind == 1) {
            kind = 0;
        }
        switch ((int) kind) {
            case 0:
                return ImmutablePercentReward.of(percent(r));
            case 1:
                return ImmutableFlatReward.of(flat(r));
            case 2:
                return tiered(r, depth, percentOnly);
            case 3: {
                ImmutableRecurringReward.Builder b = ImmutableRecurringReward.builder().reward(reward(r, depth - 1, percentOnly));
                long limit = pick(r, 0, 3);
                if (limit == 1) {
                    b.months((int) pick(r, 1, 24));
                } else if (limit == 2) {
                    b.payments((int) pick(r, 1, 24));
                } else if (limit == 3) {
                    b.until(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(pick(r, 0, 400) * 86_400));
                }
                return b.build();
            }
            case 4: {
                ImmutableFirstMatchReward.Builder b = ImmutableFirstMatchReward.builder();
                long n = pick(r, 1, 3);
                for (int i = 0; i < n; i++) {
                    ImmutableRule.Builder rule = ImmutableRule.builder().reward(reward(r, depth - 1, percentOnly));
                    if (pick(r, 0, 1) == 1) {
                        rule.when(condition(r, 1));
                    }
                    b.addRules(rule.build());
                }
                return b.build();
            }
            case 5:
                return ImmutableSumReward.builder().addAllRewards(children(r, depth, percentOnly)).build();
            case 6:
                return ImmutableMaxReward.builder().addAllRewards(children(r, depth, percentOnly)).build();
            default:
                return ImmutableCapReward.builder().reward(reward(r, depth - 1, percentOnly))
                        .max(BigDecimal.valueOf(pick(r, 0, 1_000_000), 2))
                        .per(CapScope.values()[(int) pick(r, 0, 3)]).build();
        }
    }

    static List<Reward> children(RandomnessSource r, int depth, boolean percentOnly) {
        List<Reward> list = new ArrayList<>();
        long n = pick(r, 1, 3);
        for (int i = 0; i < n; i++) {
            list.add(reward(r, depth - 1, percentOnly));
        }
        return list;
    }

    static TieredReward tiered(RandomnessSource r, int depth, boolean percentOnly) {
        Metric metric = Metric.values()[(int) pick(r, 0, 1)];
        TierMode mode = TierMode.values()[(int) pick(r, 0, 2)];
        boolean onlyPercent = percentOnly || (mode == TierMode.MARGINAL && metric == Metric.REVENUE);
        ImmutableTieredReward.Builder b = ImmutableTieredReward.builder().metric(metric).mode(mode)
                .period(Period.values()[(int) pick(r, 0, 3)]);
        long n = pick(r, 1, 4);
        long above = 0;
        for (int i = 0; i < n; i++) {
            b.addTiers(ImmutableTier.of(BigDecimal.valueOf(above), reward(r, Math.max(0, depth - 1), onlyPercent)));
            above += pick(r, 1, 2000);
        }
        return b.build();
    }

    static Condition condition(RandomnessSource r, int depth) {
        long kind = depth == 0 ? 0 : pick(r, 0, 3);
        switch ((int) kind) {
            case 1:
                return ImmutableAllCondition.of(List.of(condition(r, depth - 1), condition(r, depth - 1)));
            case 2:
                return ImmutableAnyCondition.of(List.of(condition(r, depth - 1), condition(r, depth - 1)));
            case 3:
                return ImmutableNotCondition.of(condition(r, depth - 1));
            default:
                String[] fields = {"payment.number", "payment.month", "event.amount", "partner.group", "event.product"};
                Op[] ops = {Op.EQ, Op.NE, Op.GT, Op.GTE, Op.LT, Op.LTE, Op.STARTS_WITH};
                return FieldCondition.of(fields[(int) pick(r, 0, fields.length - 1)], ops[(int) pick(r, 0, ops.length - 1)],
                        Long.toString(pick(r, 0, 13)));
        }
    }

    /**
     * The most a tree can pay (SPEC.md §7.3 generalised to composites): a percentage its share of
     * the base, a flat its amount × weight, {@code sum} the sum of its branches, {@code max},
     * {@code firstMatch} and {@code tiered} their greatest branch, {@code cap} at most its maximum.
     */
    static BigDecimal bound(Reward reward, RewardContext context) {
        if (reward instanceof PercentReward) {
            return ((PercentReward) reward).percent().applyTo(context.base());
        }
        if (reward instanceof FlatReward) {
            return ((FlatReward) reward).evaluate(context.insideRecurring()).amount();
        }
        if (reward instanceof SumReward) {
            BigDecimal total = BigDecimal.ZERO;
            for (Reward child : ((SumReward) reward).rewards()) {
                total = total.add(bound(child, context));
            }
            return total;
        }
        List<Reward> options = new ArrayList<>();
        if (reward instanceof MaxReward) {
            options.addAll(((MaxReward) reward).rewards());
        } else if (reward instanceof FirstMatchReward) {
            ((FirstMatchReward) reward).rules().forEach(rule -> options.add(rule.reward()));
        } else if (reward instanceof TieredReward) {
            ((TieredReward) reward).tiers().forEach(t -> options.add(t.reward()));
        } else if (reward instanceof RecurringReward) {
            options.add(((RecurringReward) reward).reward());
        } else if (reward instanceof CapReward) {
            CapReward cap = (CapReward) reward;
            return bound(cap.reward(), context).min(context.fromProgramCurrency(cap.max()));
        }
        BigDecimal best = BigDecimal.ZERO;
        for (Reward option : options) {
            best = best.max(bound(option, context));
        }
        return best;
    }

    static RewardResult evaluate(Reward reward, RewardContext context) {
        return reward.evaluate(context);
    }
}
