package dev.referralkit.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.referralkit.event.Channel;
import dev.referralkit.event.ImmutableLead;
import dev.referralkit.event.ImmutablePartnerChange;
import dev.referralkit.event.ImmutablePayment;
import dev.referralkit.event.ImmutablePayoutRun;
import dev.referralkit.event.ImmutableRefund;
import dev.referralkit.event.ImmutableTouch;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.money.Money;
import dev.referralkit.money.Percent;
import dev.referralkit.program.Bonus;
import dev.referralkit.program.CapScope;
import dev.referralkit.program.ImmutableAttributionSettings;
import dev.referralkit.program.ImmutableBonus;
import dev.referralkit.program.ImmutableCustomWeights;
import dev.referralkit.program.ImmutableGroup;
import dev.referralkit.program.ImmutableLevel;
import dev.referralkit.program.ImmutableLevelCriteria;
import dev.referralkit.program.ImmutableLevels;
import dev.referralkit.program.ImmutableLifecycle;
import dev.referralkit.program.ImmutableRegistrations;
import dev.referralkit.program.ImmutableTrialLevel;
import dev.referralkit.program.ImmutableVersion;
import dev.referralkit.program.Levels;
import dev.referralkit.program.ImmutableParentShare;
import dev.referralkit.program.ImmutablePartner;
import dev.referralkit.program.ImmutablePayoutTerms;
import dev.referralkit.program.ImmutableProgram;
import dev.referralkit.program.ImmutableRewards;
import dev.referralkit.program.Metric;
import dev.referralkit.program.Partner;
import dev.referralkit.program.PartnerStatus;
import dev.referralkit.program.Period;
import dev.referralkit.program.Program;
import dev.referralkit.reward.Reward;
import dev.referralkit.program.Rewards;
import dev.referralkit.rules.Condition;
import dev.referralkit.rules.FieldCondition;
import dev.referralkit.rules.ImmutableAllCondition;
import dev.referralkit.rules.ImmutableCapReward;
import dev.referralkit.rules.ImmutableFirstMatchReward;
import dev.referralkit.rules.ImmutableFlatReward;
import dev.referralkit.rules.ImmutableMaxReward;
import dev.referralkit.rules.ImmutableNotCondition;
import dev.referralkit.rules.ImmutablePercentReward;
import dev.referralkit.rules.ImmutableRecurringReward;
import dev.referralkit.rules.ImmutableRule;
import dev.referralkit.rules.ImmutableSumReward;
import dev.referralkit.rules.ImmutableTier;
import dev.referralkit.rules.ImmutableTieredReward;
import dev.referralkit.rules.Op;
import dev.referralkit.rules.TierMode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates whole histories: a program over every strategy, condition and attribution model, risk
 * check and tax threshold; partners in groups with parents, statuses and levels; and a realistic event
 * stream — touches through links, coupons and manual assignments, leads, recurring payments in several
 * currencies, partial and full refunds, partner changes, monthly payout runs, reviews of holds, payout
 * confirmations and failures, tax forms (docs/payouts.md) and, in programs with a lifecycle,
 * registrations, levels or versions (docs/lifecycle.md), lead stages (some of them transitions the
 * lifecycle refuses), deal registrations and their decisions — with bad events mixed in (duplicates,
 * conflicts, out-of-order and late events, unknown partners and payments, over-refunds, malformed
 * amounts and currencies). Every choice comes from the given randomness.
 */
public final class Histories {
    private static final Currency USD = Currency.getInstance("USD");
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final String[] PRODUCTS = {"basic", "pro", "team"};

    private final int maxEvents;
    private final int customers;
    private final int badEventPercent;
    private final boolean partnerEvents;

    private Histories(int maxEvents, int customers, int badEventPercent, boolean partnerEvents) {
        this.maxEvents = maxEvents;
        this.customers = customers;
        this.badEventPercent = badEventPercent;
        this.partnerEvents = partnerEvents;
    }

    /**
     * @return histories of up to 60 events over 8 customers, about 1 in 10 events bad, with the partner events and
     *         program settings of docs/payouts.md (risk checks, tax thresholds, reviews, payout confirmations and
     *         failures, tax forms)
     */
    public static Histories standard() {
        return new Histories(60, 8, 10, true);
    }

    /**
     * @param events most events per history
     * @return this generator with another size
     */
    public Histories withMaxEvents(int events) {
        return new Histories(events, customers, badEventPercent, partnerEvents);
    }

    /**
     * @param count customers per history
     * @return this generator with another number of customers
     */
    public Histories withCustomers(int count) {
        return new Histories(maxEvents, count, badEventPercent, partnerEvents);
    }

    /**
     * @param percent the share of bad events, 0 to 100
     * @return this generator with another share of bad events
     */
    public Histories withBadEvents(int percent) {
        return new Histories(maxEvents, customers, percent, partnerEvents);
    }

    /**
     * @param include whether to generate the partner events of docs/payouts.md (reviews, payout confirmations and
     *                failures, tax forms) and the programs' risk checks and tax thresholds; a model of SPEC.md alone
     *                turns them off
     * @return this generator with or without them
     */
    public Histories withPartnerEvents(boolean include) {
        return new Histories(maxEvents, customers, badEventPercent, include);
    }

    /** @return the generator of histories */
    public Generator<History> histories() {
        return r -> {
            Program program = programs().generate(r);
            List<Partner> partners = partners(r, program);
            return new History(program, partners, events(r, program, partners));
        };
    }

    /**
     * Histories over a host's own program and partners: only the events are generated.
     *
     * @param program  the host's program
     * @param partners its partners
     * @return the generator
     */
    public Generator<History> historiesFor(Program program, List<Partner> partners) {
        return r -> new History(program, partners, events(r, program, partners));
    }

    // ------------------------------------------------------------------ programs

    /** @return programs over every strategy, condition and model; they all pass {@link Program#validate()} */
    public Generator<Program> programs() {
        return r -> {
            ImmutableProgram.Builder b = ImmutableProgram.builder().currency(USD)
                    .holdDays(pick(r, 0, 0, 7, 30))
                    .rounding(dev.referralkit.money.Rounding.values()[r.nextInt(3)])
                    .attribution(ImmutableAttributionSettings.builder()
                            .model(oneOf(r, "last_touch", "first_touch", "linear", "position_based", "custom", "time_decay"))
                            .windowDays(pick(r, 30, 1, 7, 60))
                            .couponsWin(r.nextInt(4) != 0)
                            .halfLifeDays(1 + r.nextInt(14))
                            .weights(ImmutableCustomWeights.builder().first(dec(r, 0, 60, 2)).middle(dec(r, 0, 60, 2))
                                    .last(dec(r, 1, 60, 2)).build())
                            .lockInDays(r.nextInt(6) == 0 ? java.util.Optional.of(10 + r.nextInt(60)) : java.util.Optional.empty())
                            .build())
                    .rewards(rewards(r, true));
            if (r.nextInt(3) == 0) {
                b.putGroups("gold", ImmutableGroup.builder().rewards(rewards(r, false)).build());
            }
            if (r.nextInt(4) == 0) {
                b.putGroups("silver", ImmutableGroup.builder().build());
            }
            if (r.nextInt(3) == 0) {
                Metric metric = r.nextBoolean() ? Metric.CONVERSIONS : Metric.REVENUE;
                Bonus bonus = ImmutableBonus.builder().metric(metric).period(oneOf(r, Period.MONTH, Period.QUARTER, Period.LIFETIME))
                        .threshold(metric == Metric.CONVERSIONS ? BigDecimal.valueOf(1 + r.nextInt(3)) : BigDecimal.valueOf(50 + r.nextInt(500)))
                        .amount(new BigDecimal("25.00")).build();
                b.addBonuses(bonus);
            }
            if (r.nextInt(3) == 0) {
                b.parentShare(ImmutableParentShare.builder().addLevels(Percent.parse("10")).addLevels(Percent.parse("5")).build());
            }
            if (r.nextInt(2) == 0) {
                b.payout(ImmutablePayoutTerms.builder().putMinimum("USD", new BigDecimal(oneOf(r, "10.00", "50.00", "0.01")))
                        .putMinimum("JPY", new BigDecimal("1000")).build());
            }
            b.putFx("EUR", new BigDecimal("1.08"));
            if (r.nextInt(4) != 0) {
                b.putFx("JPY", new BigDecimal("0.0067"));
            }
            b.putFx("KWD", new BigDecimal("3.25"));
            if (partnerEvents && r.nextInt(2) == 0) {
                int n = 1 + r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    b.addRisk(riskCheck(r));
                }
            }
            if (partnerEvents && r.nextInt(6) == 0) {
                b.tax(dev.referralkit.program.ImmutableTaxSettings.builder().putThreshold("USD", new BigDecimal(oneOf(r, "50.00", "600.00")))
                        .build());
            }
            lifecycle(r, b);
            if (r.nextInt(4) == 0) {
                dev.referralkit.program.ImmutableRetention.Builder retention = dev.referralkit.program.ImmutableRetention.builder()
                        .eventIds(r.nextBoolean() ? dev.referralkit.program.EventIdRetention.UNTIL_PAYOUT_RUN
                                : dev.referralkit.program.EventIdRetention.ALL);
                if (r.nextBoolean()) {
                    retention.refundDays(pick(r, 20, 1, 5, 90));
                }
                b.retention(retention.build());
            }
            return b.build().validate();
        };
    }

    /** A built-in risk check with edge-biased settings (docs/payouts.md §1.3). */
    private static dev.referralkit.risk.RiskCheck riskCheck(SplittableRandom r) {
        dev.referralkit.risk.RiskAction action = oneOf(r, dev.referralkit.risk.RiskAction.values());
        dev.referralkit.risk.RiskAction noReject = action == dev.referralkit.risk.RiskAction.REJECT ? dev.referralkit.risk.RiskAction.HOLD : action;
        switch (r.nextInt(9)) {
            case 0:
                return dev.referralkit.risk.ImmutableSelfReferralIdentityCheck.builder().action(action)
                        .addAttributes(dev.referralkit.risk.IdentityAttribute.values()).build();
            case 1:
                return dev.referralkit.risk.ImmutableFastConversionCheck.builder().seconds(oneOf(r, 1, 600, 86_400)).action(action).build();
            case 2:
                return dev.referralkit.risk.ImmutableConversionVelocityCheck.builder().max(1 + r.nextInt(2)).action(action).build();
            case 3:
                return dev.referralkit.risk.ImmutableSharedIdentityCheck.builder().action(action)
                        .addAttributes(dev.referralkit.risk.IdentityAttribute.EMAIL, dev.referralkit.risk.IdentityAttribute.PAYMENT_FINGERPRINT).build();
            case 4:
                return dev.referralkit.risk.ImmutableRefundRateCheck.builder().percent(new BigDecimal(oneOf(r, "0", "25", "50")))
                        .conversions(1 + r.nextInt(3)).action(action).build();
            case 5:
            case 6:
            case 7: // held commissions for reviews to decide
                return dev.referralkit.risk.ImmutableApprovalThresholdCheck.builder().putAmount("USD", new BigDecimal(oneOf(r, "0.00", "5.00", "50.00")))
                        .putAmount("JPY", new BigDecimal("500")).action(noReject).build();
            default:
                return dev.referralkit.risk.ImmutableMinimumPayingCustomersCheck.builder().customers(1 + r.nextInt(3)).action(noReject).build();
        }
    }

    /** Lead stages and their rewards, registrations, levels and versions (docs/lifecycle.md), each now and then. */
    private void lifecycle(SplittableRandom r, ImmutableProgram.Builder b) {
        Program sofar = b.build();
        if (r.nextInt(3) == 0) {
            b.lifecycle(ImmutableLifecycle.builder().addAllStages(r.nextBoolean() ? List.of("meeting", "proposal") : List.of("demo")).build());
        }
        if (r.nextInt(2) == 0) {
            Map<String, Reward> stages = new LinkedHashMap<>();
            if (r.nextInt(4) != 0) {
                stages.put("qualified", flat(r, "25.00", "2.50"));
            }
            stages.put("won", stageReward(r, 2));
            b.rewards(ImmutableRewards.copyOf(sofar.rewards()).withStages(stages));
        }
        if (r.nextInt(4) == 0) {
            b.registrations(ImmutableRegistrations.builder().exclusiveDays(pick(r, 90, 3, 20)).build());
        }
        if (r.nextInt(4) == 0) {
            int silver = 1 + r.nextInt(2);
            ImmutableLevels.Builder levels = ImmutableLevels.builder().period(oneOf(r, Period.MONTH, Period.QUARTER))
                    .demoteAfter(1 + r.nextInt(3))
                    .addLevels(ImmutableLevel.builder().name("registered").group("base").build())
                    .addLevels(ImmutableLevel.builder().name("silver").group("silver")
                            .criteria(ImmutableLevelCriteria.builder().conversions(BigDecimal.valueOf(silver)).build()).build());
            ImmutableLevelCriteria.Builder gold = ImmutableLevelCriteria.builder().conversions(BigDecimal.valueOf(silver + 1 + r.nextInt(2)));
            if (r.nextBoolean()) {
                gold.revenue(BigDecimal.valueOf(100 + r.nextInt(400)));
            }
            if (r.nextBoolean()) {
                gold.activeCustomers(1 + r.nextInt(2));
            }
            levels.addLevels(ImmutableLevel.builder().name("gold").group("gold").criteria(gold.build()).build());
            if (r.nextBoolean()) {
                levels.trial(ImmutableTrialLevel.builder().name("trial").group("trial").days(10 + r.nextInt(50))
                        .criteria(ImmutableLevelCriteria.builder().conversions(BigDecimal.ONE).build())
                        .pass(oneOf(r, "silver", "gold")).fail("registered").build());
            }
            b.levels(levels.build());
            if (!sofar.groups().containsKey("gold")) {
                b.putGroups("gold", ImmutableGroup.builder().rewards(rewards(r, false)).build());
            }
            if (r.nextBoolean()) {
                b.putGroups("trial", ImmutableGroup.builder().rewards(ImmutableRewards.builder().payment(paymentReward(r, 1)).build()).build());
            }
        }
        if (r.nextInt(4) == 0) {
            Instant from = START;
            for (int i = 1 + r.nextInt(2); i > 0; i--) {
                from = from.plus(Duration.ofDays(10 + r.nextInt(60)));
                ImmutableVersion.Builder v = ImmutableVersion.builder().from(from).grandfather(r.nextBoolean())
                        .rewards(ImmutableRewards.builder().payment(paymentReward(r, 1)).build());
                if (r.nextInt(3) == 0) {
                    v.putGroups("gold", ImmutableGroup.builder().rewards(ImmutableRewards.builder().payment(paymentReward(r, 1)).build()).build());
                }
                b.addVersions(v.build());
            }
        }
    }

    /** A reward for a lead stage: no {@code recurring} (a stage is reached once). */
    private Reward stageReward(SplittableRandom r, int depth) {
        switch (depth == 0 ? r.nextInt(2) : r.nextInt(5)) {
            case 0:
                return ImmutablePercentReward.of(Percent.of(BigDecimal.valueOf(1 + r.nextInt(30))));
            case 1:
                return flat(r, "50.00", "0.01");
            case 2:
                return ImmutableFirstMatchReward.builder()
                        .addRules(ImmutableRule.builder().when(FieldCondition.of("event.product", Op.EQ, oneOf(r, PRODUCTS)))
                                .reward(stageReward(r, depth - 1)).build())
                        .addRules(ImmutableRule.builder().reward(stageReward(r, depth - 1)).build()).build();
            case 3:
                return ImmutableCapReward.builder().reward(stageReward(r, depth - 1)).max(new BigDecimal(oneOf(r, "30.00", "500.00")))
                        .per(oneOf(r, CapScope.PARTNER_MONTH, CapScope.PARTNER_LIFETIME)).build();
            default:
                return tiered(r, depth);
        }
    }

    private static boolean hasLifecycle(Program p) {
        return p.lifecycle().isPresent() || !p.rewards().stages().isEmpty() || p.registrations().isPresent() || p.levels().isPresent();
    }

    private Rewards rewards(SplittableRandom r, boolean always) {
        ImmutableRewards.Builder b = ImmutableRewards.builder();
        if (always || r.nextBoolean()) {
            b.payment(paymentReward(r, 2));
        }
        if (r.nextInt(4) == 0) {
            b.click(flat(r, "0.10", "0.25"));
        }
        if (r.nextInt(3) == 0) {
            b.lead(r.nextBoolean() ? flat(r, "5.00", "2.50")
                    : ImmutableCapReward.builder().reward(flat(r, "5.00", "8.00")).max(new BigDecimal("12.00"))
                    .per(oneOf(r, CapScope.PARTNER_MONTH, CapScope.PARTNER_LIFETIME)).build());
        }
        return b.build();
    }

    private Reward flat(SplittableRandom r, String... amounts) {
        return ImmutableFlatReward.of(new BigDecimal(oneOf(r, amounts)));
    }

    private Reward paymentReward(SplittableRandom r, int depth) {
        int kind = depth == 0 ? r.nextInt(2) : r.nextInt(9);
        switch (kind) {
            case 0:
                return ImmutablePercentReward.of(Generators.percents().generate(r).compareTo(Percent.parse("100")) > 0
                        ? Percent.parse("20") : Percent.of(BigDecimal.valueOf(r.nextInt(40_000), 3)));
            case 1:
                return flat(r, "5.00", "12.50", "0.01", "100.00");
            case 2:
            case 3: {
                ImmutableRecurringReward.Builder b = ImmutableRecurringReward.builder().reward(paymentReward(r, depth - 1));
                switch (r.nextInt(4)) {
                    case 0:
                        b.months(1 + r.nextInt(6));
                        break;
                    case 1:
                        b.payments(1 + r.nextInt(4));
                        break;
                    case 2:
                        b.until(START.plus(Duration.ofDays(20 + r.nextInt(120))));
                        break;
                    default:
                }
                return b.build();
            }
            case 4:
                return tiered(r, depth);
            case 5: {
                ImmutableFirstMatchReward.Builder b = ImmutableFirstMatchReward.builder();
                b.addRules(ImmutableRule.builder().when(condition(r, 1)).reward(paymentReward(r, depth - 1)).build());
                if (r.nextBoolean()) {
                    b.addRules(ImmutableRule.builder().reward(paymentReward(r, depth - 1)).build());
                }
                return b.build();
            }
            case 6:
                return ImmutableSumReward.builder().addRewards(paymentReward(r, depth - 1), paymentReward(r, depth - 1)).build();
            case 7:
                return ImmutableMaxReward.builder().addRewards(paymentReward(r, depth - 1), paymentReward(r, depth - 1)).build();
            default:
                return ImmutableCapReward.builder().reward(paymentReward(r, depth - 1))
                        .max(new BigDecimal(oneOf(r, "0.00", "5.00", "40.00", "250.00")))
                        .per(CapScope.values()[r.nextInt(4)]).build();
        }
    }

    private Reward tiered(SplittableRandom r, int depth) {
        Metric metric = r.nextBoolean() ? Metric.CONVERSIONS : Metric.REVENUE;
        TierMode mode = TierMode.values()[r.nextInt(3)];
        boolean percentOnly = mode == TierMode.MARGINAL && metric == Metric.REVENUE;
        ImmutableTieredReward.Builder b = ImmutableTieredReward.builder().metric(metric).mode(mode)
                .period(oneOf(r, Period.MONTH, Period.QUARTER, Period.YEAR, Period.LIFETIME));
        int n = 1 + r.nextInt(3);
        long above = 0;
        for (int i = 0; i < n; i++) {
            Reward reward = percentOnly || r.nextInt(3) != 0
                    ? ImmutablePercentReward.of(Percent.of(BigDecimal.valueOf(5 + 5L * i + r.nextInt(5))))
                    : flat(r, "1.00", "3.00");
            b.addTiers(ImmutableTier.of(BigDecimal.valueOf(above), reward));
            above += metric == Metric.CONVERSIONS ? 1 + r.nextInt(2) : 50 + r.nextInt(300);
        }
        return b.build();
    }

    private Condition condition(SplittableRandom r, int depth) {
        if (depth > 0 && r.nextInt(4) == 0) {
            return r.nextBoolean() ? ImmutableAllCondition.of(List.of(condition(r, 0), condition(r, 0)))
                    : ImmutableNotCondition.of(condition(r, 0));
        }
        switch (r.nextInt(6)) {
            case 0:
                return FieldCondition.of("payment.number", oneOf(r, Op.LTE, Op.GT, Op.EQ), Integer.toString(1 + r.nextInt(3)));
            case 1:
                return FieldCondition.of("payment.month", oneOf(r, Op.LT, Op.GTE), Integer.toString(r.nextInt(4)));
            case 2:
                return FieldCondition.of("event.product", oneOf(r, Op.EQ, Op.NE, Op.STARTS_WITH), oneOf(r, PRODUCTS));
            case 3:
                return FieldCondition.of("partner.group", Op.EQ, "gold");
            case 4:
                return FieldCondition.of("customer.plan", oneOf(r, Op.EQ, Op.NE), oneOf(r, "trial", "paid"));
            default:
                return FieldCondition.of("event.amount", oneOf(r, Op.GT, Op.LTE), oneOf(r, "10", "99.99", "500"));
        }
    }

    // ------------------------------------------------------------------ partners

    private List<Partner> partners(SplittableRandom r, Program program) {
        int n = 1 + r.nextInt(5);
        List<Partner> list = new ArrayList<>();
        Levels levels = program.levels().orElse(null);
        for (int i = 0; i < n; i++) {
            ImmutablePartner.Builder b = ImmutablePartner.builder().id("p" + i);
            if (levels != null && r.nextInt(3) == 0) {
                b.level(levels.trial().isPresent() && r.nextBoolean() ? "trial" : oneOf(r, "registered", "silver", "gold"));
                b.joined(START);
            } else if (levels != null && r.nextInt(2) == 0) {
                b.joined(START);
            } else if (levels == null && r.nextInt(3) == 0) {
                b.group(oneOf(r, "gold", "silver", "unlisted"));
            }
            if (i > 0 && r.nextInt(3) == 0) {
                b.parent("p" + r.nextInt(i));
            }
            if (r.nextInt(8) == 0) {
                b.status(oneOf(r, PartnerStatus.SUSPENDED, PartnerStatus.PENDING));
            }
            if (r.nextInt(6) == 0) {
                b.addOwnCustomers("c" + r.nextInt(customers));
            }
            if (r.nextInt(8) == 0) {
                b.rewards(ImmutableRewards.builder().payment(paymentReward(r, 1)).build());
            }
            b.putAttributes("tier", oneOf(r, "a", "b"));
            if (partnerEvents && r.nextInt(2) == 0) {
                b.putAttributes("email", oneOf(r, "Owner@Shop.example", "p" + i + "@gmail.com", "fan+" + i + "@example.com"));
            }
            if (partnerEvents && r.nextInt(4) == 0) {
                b.putAttributes("payment_fingerprint", oneOf(r, "fp_1", "fp_2"));
            }
            list.add(b.build());
        }
        return list;
    }

    // ------------------------------------------------------------------ events

    private List<JsonNode> events(SplittableRandom r, Program program, List<Partner> partners) {
        List<JsonNode> events = new ArrayList<>();
        List<JsonNode> accepted = new ArrayList<>();
        List<String[]> payments = new ArrayList<>(); // id, currency, amount
        List<String> runs = new ArrayList<>();
        java.util.Map<String, List<String>> touchedBy = new java.util.HashMap<>(); // customer: partners that touched it
        java.util.Map<String, String> customerOf = new java.util.HashMap<>(); // payment: customer
        Instant now = START;
        Instant lastRun = null;
        int n = 1 + r.nextInt(maxEvents);
        int seq = 0;
        boolean lifecycle = hasLifecycle(program);
        List<String> registrations = new ArrayList<>();
        Map<String, String> stages = new LinkedHashMap<>(); // customers with a lead, and the stage this generator moved them to
        List<String> touched = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // now and then a burst (seconds apart): conversions in quick succession, clicks converting at once
            now = partnerEvents && r.nextInt(6) == 0 ? now.plus(Duration.ofSeconds(1 + r.nextInt(59)))
                    : now.plus(Duration.ofMinutes(1 + r.nextLong(oneOf(r, 60L, 24 * 60L, 6 * 24 * 60L))));
            String customer = "c" + r.nextInt(customers);
            String id = "e" + (seq++);
            if (r.nextInt(100) < badEventPercent && !accepted.isEmpty()) {
                events.add(bad(r, accepted, now, lastRun, id, customer));
                continue;
            }
            // 0-19 the events of SPEC.md, then 5 kinds of lifecycle events and 5 of partner events, when generated
            int kind = r.nextInt(20 + (lifecycle ? 5 : 0) + (partnerEvents ? 5 : 0));
            JsonNode event;
            if (kind >= 20 && lifecycle && kind < 25) {
                event = lifecycleEvent(r, kind, program, partners, registrations, stages, id, now, customer);
            } else if (kind >= 20) {
                event = partnerEvent(r, lifecycle ? kind - 5 : kind, id, now, partners, payments, runs, touchedBy, customerOf);
                if (event == null) {
                    continue;
                }
            } else if (kind < 6) {
                String partner = r.nextInt(40) == 0 || partners.isEmpty() ? "ghost" : partners.get(r.nextInt(partners.size())).id();
                Channel channel = r.nextInt(10) < 7 ? Channel.LINK : r.nextInt(3) < 2 ? Channel.COUPON : Channel.MANUAL;
                event = tree(ImmutableTouch.builder().id(id).at(now).partner(partner).customer(customer).channel(channel).build());
                touched.add(customer);
                touchedBy.computeIfAbsent(customer, c -> new ArrayList<>()).add(partner);
            } else if (kind < 8 || (lifecycle && kind < 10)) {
                if (lifecycle && !touched.isEmpty() && r.nextInt(4) != 0) {
                    customer = touched.get(r.nextInt(touched.size())); // a lead a partner sent
                }
                ImmutableLead.Builder lead = ImmutableLead.builder().id(id).at(now).customer(customer);
                if (r.nextBoolean()) {
                    lead.putAttributes("plan", oneOf(r, "trial", "paid"));
                }
                if (partnerEvents && r.nextInt(4) != 0) {
                    String email = oneOf(r, "owner+x@shop.example", "P0@GMAIL.com", "p.1@gmail.com", "fan@example.com",
                            "someone@example.com", "c" + customer.substring(1) + "@example.com");
                    // a self-referral under a second address: the e-mail of a partner that touched the customer, re-dressed
                    List<String> touchers = touchedBy.getOrDefault(customer, List.of());
                    if (!touchers.isEmpty() && r.nextInt(3) == 0) {
                        String p = touchers.get(r.nextInt(touchers.size()));
                        String own = partners.stream().filter(x -> x.id().equals(p)).findFirst().map(x -> x.attributes().get("email"))
                                .orElse(null);
                        if (own != null) {
                            email = oneOf(r, own.toUpperCase(java.util.Locale.ROOT), own.replace("@", "+2nd@"), "other@" + own.substring(own.indexOf('@') + 1));
                        }
                    }
                    lead.putAttributes("email", email);
                }
                if (lifecycle && r.nextBoolean()) {
                    lead.putAttributes("domain", customer + ".example");
                }
                stages.putIfAbsent(customer, "submitted");
                event = tree(lead.build());
            } else if (kind < 15) {
                Currency currency = r.nextInt(6) == 0 ? oneOf(r, Currency.getInstance("EUR"), Currency.getInstance("JPY"),
                        Currency.getInstance("KWD")) : USD;
                Money amount = amount(r, currency);
                ImmutablePayment.Builder p = ImmutablePayment.builder().id(id).at(now).customer(customer)
                        .amount(amount.amount()).currency(currency).product(oneOf(r, PRODUCTS));
                if (r.nextInt(4) == 0) {
                    p.tax(Money.ofMinor(amount.toMinorUnits() / 10, currency).amount());
                }
                if (partnerEvents && r.nextInt(4) == 0) {
                    p.putAttributes("payment_fingerprint", oneOf(r, "fp_1", "fp_2", "fp_3"));
                }
                event = tree(p.build());
                payments.add(new String[] {id, currency.getCurrencyCode(), amount.amount().toPlainString()});
                customerOf.put(id, customer);
            } else if (kind < 17 && !payments.isEmpty()) {
                String[] paid = payments.get(r.nextInt(payments.size()));
                Currency currency = Currency.getInstance(paid[1]);
                Money total = Money.of(new BigDecimal(paid[2]), currency);
                long minor = total.toMinorUnits();
                long refund = r.nextBoolean() ? minor : 1 + r.nextLong(Math.max(1, minor));
                if (refund <= 0) {
                    continue;
                }
                event = tree(ImmutableRefund.builder().id(id).at(now).payment(paid[0])
                        .amount(Money.ofMinor(refund, currency).amount()).build());
            } else if (kind < 18) {
                ImmutablePartnerChange.Builder c = ImmutablePartnerChange.builder().id(id).at(now);
                if (r.nextInt(4) == 0 || partners.isEmpty()) {
                    c.partner("p" + (partners.size() + r.nextInt(2))).status(PartnerStatus.ACTIVE);
                } else {
                    c.partner(partners.get(r.nextInt(partners.size())).id())
                            .status(oneOf(r, PartnerStatus.ACTIVE, PartnerStatus.ACTIVE, PartnerStatus.SUSPENDED));
                }
                if (program.levels().isPresent() && r.nextInt(3) == 0) {
                    c.level(oneOf(r, "registered", "silver", "gold"));
                }
                event = tree(c.build());
            } else {
                event = tree(ImmutablePayoutRun.builder().id(id).at(now).build());
                lastRun = now;
                runs.add(id);
            }
            events.add(event);
            accepted.add(event);
        }
        return events;
    }

    /**
     * A partner event of docs/payouts.md, naming what likely exists (a commission of a payment, a payout of a run) or,
     * now and then, what does not: the engine must refuse those and change nothing.
     */
    private static JsonNode partnerEvent(SplittableRandom r, int kind, String id, Instant now, List<Partner> partners,
                                         List<String[]> payments, List<String> runs, java.util.Map<String, List<String>> touchedBy,
                                         java.util.Map<String, String> customerOf) {
        if (partners.isEmpty()) {
            return null;
        }
        String partner = r.nextInt(30) == 0 ? "ghost" : partners.get(r.nextInt(partners.size())).id();
        switch (kind) {
            case 20:
            case 21: {
                if (payments.isEmpty()) {
                    return null;
                }
                // the latest payments, by a partner that touched the customer: most likely a held commission
                String payment = payments.get(Math.max(0, payments.size() - 1 - r.nextInt(Math.min(3, payments.size()))))[0];
                List<String> touched = touchedBy.getOrDefault(customerOf.get(payment), List.of());
                if (!touched.isEmpty() && r.nextInt(5) != 0) {
                    partner = touched.get(r.nextInt(touched.size()));
                }
                return tree(dev.referralkit.event.ImmutableReview.builder().id(id).at(now).partner(partner)
                        .entry(payment + "/" + partner + "/commission")
                        .decision(r.nextBoolean() ? dev.referralkit.event.ReviewDecision.RELEASE : dev.referralkit.event.ReviewDecision.VOID)
                        .build());
            }
            case 22:
            case 23: {
                if (runs.isEmpty()) {
                    return null;
                }
                String payout = runs.get(r.nextInt(runs.size())) + "/" + partner + "/" + oneOf(r, "USD", "USD", "USD", "EUR", "JPY")
                        + "/payout";
                if (kind == 22) {
                    dev.referralkit.event.ImmutablePayoutConfirmed.Builder c = dev.referralkit.event.ImmutablePayoutConfirmed.builder()
                            .id(id).at(now).partner(partner).payout(payout);
                    if (r.nextBoolean()) {
                        c.reference(oneOf(r, "tr_1", "tr_2"));
                    }
                    return tree(c.build());
                }
                return tree(dev.referralkit.event.ImmutablePayoutFailed.builder().id(id).at(now).partner(partner).payout(payout)
                        .reason(oneOf(r, "account_closed", "returned")).build());
            }
            default:
                return tree(dev.referralkit.event.ImmutableTaxForm.builder().id(id).at(now).partner(partner).build());
        }
    }

    /**
     * A lead stage (any stage, so that some transitions are refused; now and then one the lifecycle does not
     * know), a registration of a customer's prospect by some partner, or a decision on an earlier one.
     */
    private JsonNode lifecycleEvent(SplittableRandom r, int kind, Program program, List<Partner> partners, List<String> registrations,
                                    Map<String, String> leads, String id, Instant now, String customer) {
        ObjectNode e = ReferralKitJson.mapper().createObjectNode();
        e.put("id", id).put("at", now.toString());
        if (kind < 23) {
            List<String> stages = new ArrayList<>(List.of("qualified", "qualified", "won", "won", "lost", "unqualified", "submitted"));
            stages.addAll(program.leadLifecycle().stages());
            String stage;
            if (!leads.isEmpty() && r.nextInt(4) != 0) {
                // mostly a customer with a lead, moved forward
                List<String> withLeads = new ArrayList<>(leads.keySet());
                customer = withLeads.get(r.nextInt(withLeads.size()));
                List<String> next = program.leadLifecycle().next(leads.get(customer));
                stage = next.isEmpty() || r.nextInt(5) == 0 ? stages.get(r.nextInt(stages.size())) : next.get(r.nextInt(next.size()));
                if (program.leadLifecycle().allows(leads.get(customer), stage)) {
                    leads.put(customer, stage);
                }
            } else {
                stage = r.nextInt(30) == 0 ? "signed" : stages.get(r.nextInt(stages.size()));
            }
            e.put("type", "lead_stage").put("customer", customer).put("stage", stage);
            if (stage.equals("won") && r.nextInt(3) != 0) {
                Currency currency = r.nextInt(5) == 0 ? Currency.getInstance("EUR") : USD;
                e.put("amount", Money.ofMinor(Generators.unit(currency) * (1 + r.nextInt(5000)), currency).amount().toPlainString())
                        .put("currency", currency.getCurrencyCode()).put("product", oneOf(r, PRODUCTS));
            }
        } else if (kind == 23 || registrations.isEmpty()) {
            String partner = partners.isEmpty() || r.nextInt(20) == 0 ? "ghost" : partners.get(r.nextInt(partners.size())).id();
            ObjectNode prospect = e.putObject("prospect");
            if (r.nextBoolean()) {
                prospect.put("domain", "c" + r.nextInt(customers) + ".example");
            } else {
                prospect.put("company", "Customer " + r.nextInt(customers) + " Inc.");
            }
            e.put("type", "registration").put("partner", partner);
            registrations.add(id);
        } else {
            String registration = r.nextInt(10) == 0 ? "nope" : registrations.get(r.nextInt(registrations.size()));
            e.put("type", "registration_decision").put("registration", registration)
                    .put("decision", r.nextInt(3) == 0 ? "rejected" : "approved");
        }
        return e;
    }

    private Money amount(SplittableRandom r, Currency currency) {
        switch (r.nextInt(8)) {
            case 0:
                return Money.ofMinor(1, currency);
            case 1:
                return Money.zero(currency);
            case 2:
                return Money.ofMinor(Generators.unit(currency) * (1 + r.nextInt(2000)), currency);
            default:
                return Money.ofMinor(1 + r.nextLong(Generators.unit(currency) * 500), currency);
        }
    }

    /** A bad event: the engine must reject it and change nothing. */
    private JsonNode bad(SplittableRandom r, List<JsonNode> accepted, Instant now, Instant lastRun, String id, String customer) {
        JsonNode earlier = accepted.get(r.nextInt(accepted.size()));
        ObjectNode copy = earlier.deepCopy();
        switch (r.nextInt(9)) {
            case 0:
                return copy; // an identical re-delivery: DUPLICATE
            case 1:
                copy.put("at", now.toString()); // same id, other content: DUPLICATE_CONFLICT (or DUPLICATE for at-equal)
                return copy;
            case 2: {
                ObjectNode p = payment(id, START.toString(), customer, "10.00", "USD");
                return p; // earlier than the customer's last event or the last run: OUT_OF_ORDER or LATE_EVENT
            }
            case 3:
                return payment(id, now.toString(), customer, "10.001", "USD");
            case 4:
                return payment(id, now.toString(), customer, "1e-100000000", "USD");
            case 5:
                return payment(id, now.toString(), customer, "10.00", "usd");
            case 6: {
                ObjectNode refund = ReferralKitJson.mapper().createObjectNode();
                refund.put("type", "refund").put("id", id).put("at", now.toString()).put("payment", r.nextBoolean() ? "nope" : earlierPayment(accepted))
                        .put("amount", "999999999999.99");
                return refund;
            }
            case 7: {
                ObjectNode p = payment(id, now.toString(), customer, "10.00", "USD");
                p.put("unknownKey", true);
                return p;
            }
            default: {
                ObjectNode t = ReferralKitJson.mapper().createObjectNode();
                t.put("type", "touch").put("id", id).put("at", lastRun == null ? START.toString() : lastRun.toString())
                        .put("partner", "p0").put("customer", customer).put("channel", "link");
                return t;
            }
        }
    }

    private static String earlierPayment(List<JsonNode> accepted) {
        for (JsonNode e : accepted) {
            if ("payment".equals(e.path("type").asText())) {
                return e.get("id").asText();
            }
        }
        return "nope";
    }

    private static ObjectNode payment(String id, String at, String customer, String amount, String currency) {
        ObjectNode p = ReferralKitJson.mapper().createObjectNode();
        p.put("type", "payment").put("id", id).put("at", at).put("customer", customer).put("amount", amount).put("currency", currency);
        return p;
    }

    private static JsonNode tree(Object event) {
        return ReferralKitJson.mapper().valueToTree(event);
    }

    private static BigDecimal dec(SplittableRandom r, int lo, int hi, int scale) {
        return BigDecimal.valueOf(lo + r.nextInt(hi - lo + 1), scale);
    }

    private static int pick(SplittableRandom r, int usual, int... others) {
        return r.nextInt(2) == 0 ? usual : others[r.nextInt(others.length)];
    }

    @SafeVarargs
    private static <T> T oneOf(SplittableRandom r, T... values) {
        return values[r.nextInt(values.length)];
    }
}
