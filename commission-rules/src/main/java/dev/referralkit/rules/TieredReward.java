package dev.referralkit.rules;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.ledger.Explanation;
import dev.referralkit.program.Metric;
import dev.referralkit.program.Period;
import dev.referralkit.reward.Reward;
import dev.referralkit.reward.RewardContext;
import dev.referralkit.reward.RewardResult;
import dev.referralkit.reward.TierPricing;
import dev.referralkit.program.Trigger;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.immutables.value.Value;

/**
 * {@code tiered}: a reward that depends on the partner's volume in a period (SPEC.md §5.1).
 *
 * <p><b>Boundaries.</b> Tiers are sorted by {@code above}, the first has {@code above: 0}. The
 * volume after an event is {@code before + contribution}; the event's tier is the last whose
 * {@code above} is strictly below it (so with {@code above: 10}, the 10th conversion is tier 1 and
 * the 11th tier 2). An event that adds no volume (a renewal under a conversions metric) is priced at
 * the tier the volume already reached; with no volume at all, at the first tier.
 *
 * <p><b>Modes.</b> {@code volume}: the whole event at its tier. {@code marginal}: on revenue, the
 * base is split at the boundaries and each slice priced at its own tier (slices are exact in the
 * program currency; the last slice takes the remainder so they sum to the base); on conversions it
 * coincides with {@code volume}. {@code retroactive}: priced like {@code volume}, and the result
 * carries a {@link TierPricing} with what every tier would pay, from which the engine makes the
 * {@code TRUE_UP} when the period closes.
 *
 * <p>Volumes are the credited partner's, per period in the program's time zone; refunds lower them.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableTieredReward.class)
@JsonDeserialize(as = ImmutableTieredReward.class)
@JsonPropertyOrder({"metric", "period", "mode", "tiers"})
public interface TieredReward extends Reward {
    /** @return what the volume counts */
    Metric metric();

    /** @return the period volumes are counted in; {@code month} by default */
    @Value.Default
    default Period period() {
        return Period.MONTH;
    }

    /** @return how volume is priced; {@code volume} by default */
    @Value.Default
    default TierMode mode() {
        return TierMode.VOLUME;
    }

    /** @return the tiers, ascending by {@code above} */
    List<Tier> tiers();

    /** @return each tier's {@code above} */
    @Value.Derived
    @com.fasterxml.jackson.annotation.JsonIgnore
    default List<BigDecimal> aboves() {
        List<BigDecimal> aboves = new ArrayList<>();
        for (Tier t : tiers()) {
            aboves.add(t.above());
        }
        return aboves;
    }

    @Override
    default List<Child> children() {
        List<Child> children = new ArrayList<>(tiers().size());
        for (int i = 0; i < tiers().size(); i++) {
            children.add(new Child(Segments.tier(i), tiers().get(i).reward()));
        }
        return children;
    }

    @Override
    default void validate(String path, Trigger trigger, Currency programCurrency) {
        if (mode() == TierMode.MARGINAL && metric() == Metric.REVENUE) {
            for (int i = 0; i < tiers().size(); i++) {
                if (Composites.containsFlat(tiers().get(i).reward())) {
                    throw Plans.invalid(path + "." + Segments.tier(i),
                            "a marginal revenue tier cannot pay a flat amount (it would be paid once per slice)");
                }
            }
        }
        Reward.super.validate(path, trigger, programCurrency);
    }

    /** A revenue tier reads the event's revenue in program currency: it converts. */
    @Override
    default boolean convertsCurrency() {
        return metric() == Metric.REVENUE || Reward.super.convertsCurrency();
    }

    @Override
    default void declareVolumes(java.util.function.BiConsumer<dev.referralkit.program.Metric, dev.referralkit.program.Period> uses) {
        uses.accept(metric(), period());
        Reward.super.declareVolumes(uses);
    }

    @Override
    default RewardResult evaluate(RewardContext context) {
        BigDecimal before = context.volumes().before(metric(), period());
        BigDecimal contribution = context.volumes().contribution(metric());
        BigDecimal after = before.add(contribution);
        if (mode() == TierMode.MARGINAL && metric() == Metric.REVENUE && contribution.signum() > 0) {
            return marginal(context, before, after);
        }
        int tier = TierPricing.tierOf(aboves(), after);
        RewardResult chosen = tiers().get(tier).reward().evaluate(context.child(Segments.tier(tier)));
        Explanation explanation = explain(context, chosen.explanation(), tier, after);
        if (mode() != TierMode.RETROACTIVE) {
            return chosen.reshaped(chosen.amount(), explanation, null);
        }
        List<BigDecimal> amounts = new ArrayList<>();
        for (int i = 0; i < tiers().size(); i++) {
            amounts.add(i == tier ? chosen.amount()
                    : tiers().get(i).reward().evaluate(context.child(Segments.tier(i))).amount());
        }
        TierPricing pricing = new TierPricing(context.path(), metric(), period(), aboves(), amounts, tier);
        List<TierPricing> pricings = new ArrayList<>(chosen.tierPricings());
        pricings.add(pricing);
        return RewardResult.of(chosen.amount(), explanation, chosen.capUses(), pricings);
    }

    private RewardResult marginal(RewardContext context, BigDecimal before, BigDecimal after) {
        List<RewardResult> slices = new ArrayList<>();
        List<Integer> sliceTiers = new ArrayList<>();
        BigDecimal remaining = context.base();
        int last = TierPricing.tierOf(aboves(), after);
        for (int i = 0; i <= last; i++) {
            BigDecimal lo = tiers().get(i).above().max(before);
            BigDecimal hi = i + 1 < tiers().size() ? tiers().get(i + 1).above().min(after) : after;
            if (hi.compareTo(lo) <= 0) {
                continue;
            }
            BigDecimal slice = i == last ? remaining : context.fromProgramCurrency(hi.subtract(lo)).min(remaining);
            remaining = remaining.subtract(slice);
            slices.add(tiers().get(i).reward().evaluate(context.child(Segments.tier(i)).withBase(slice)));
            sliceTiers.add(i);
        }
        BigDecimal total = BigDecimal.ZERO;
        List<Explanation> parts = new ArrayList<>();
        for (RewardResult r : slices) {
            total = total.add(r.amount());
            parts.add(r.explanation());
        }
        int n = tiers().size();
        String label = period().label(context.at(), context.zone());
        Currency program = context.fx().programCurrency();
        Explanation explanation = Plans.lazy("tier", parts, () -> {
            StringBuilder text = new StringBuilder();
            for (int k = 0; k < parts.size(); k++) {
                if (k > 0) {
                    text.append(" + ");
                }
                text.append(parts.get(k).text()).append(" (tier ").append(sliceTiers.get(k) + 1).append(" of ").append(n).append(')');
            }
            text.append(" [marginal: revenue ").append(Plans.show(before, program)).append(" → ")
                    .append(Plans.show(after, program)).append(" in ").append(label).append(']');
            return text.toString();
        });
        return RewardResult.combine(slices, total, explanation);
    }

    private Explanation explain(RewardContext context, Explanation chosen, int tier, BigDecimal after) {
        int n = tiers().size();
        BigDecimal above = tiers().get(tier).above();
        Metric metric = metric();
        String label = period().label(context.at(), context.zone());
        Currency program = context.fx().programCurrency();
        return Plans.lazy("tier", List.of(chosen), () -> {
            String volume = metric == Metric.CONVERSIONS
                    ? Plans.showNumber(after) + " conversions"
                    : "revenue " + Plans.show(after, program);
            return chosen.text() + " (tier " + (tier + 1) + " of " + n + ": " + volume + " above "
                    + Plans.showNumber(above) + " in " + label + ")";
        });
    }

    /** Tiers are present, sorted, start at 0 and are non-negative. */
    @Value.Check
    default void check() {
        if (tiers().isEmpty()) {
            throw Plans.invalid("tiers", "must not be empty");
        }
        if (tiers().get(0).above().signum() != 0) {
            throw Plans.invalid("tiers[0].above", "the first tier must have above \"0\", has \""
                    + tiers().get(0).above().toPlainString() + "\"");
        }
        for (int i = 0; i < tiers().size(); i++) {
            BigDecimal above = tiers().get(i).above();
            if (above.precision() - above.scale() > 15 || above.scale() > 6) {
                throw Plans.invalid("tiers[" + i + "].above", "\"" + above.toPlainString() + "\" must be below 10^15 with at most 6 decimals");
            }
            if (i > 0 && above.compareTo(tiers().get(i - 1).above()) <= 0) {
                throw Plans.invalid("tiers[" + i + "].above", "tiers must be sorted by above, strictly ascending: \""
                        + above.toPlainString() + "\" follows \"" + tiers().get(i - 1).above().toPlainString() + "\"");
            }
        }
    }
}
