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
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates whole histories: a program over every strategy, condition and attribution model;
 * partners in groups with parents and statuses; and a realistic event stream — touches through
 * links, coupons and manual assignments, leads, recurring payments in several currencies, partial
 * and full refunds, partner changes, monthly payout runs — with bad events mixed in (duplicates,
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

    private Histories(int maxEvents, int customers, int badEventPercent) {
        this.maxEvents = maxEvents;
        this.customers = customers;
        this.badEventPercent = badEventPercent;
    }

    /** @return histories of up to 60 events over 8 customers, about 1 in 10 events bad */
    public static Histories standard() {
        return new Histories(60, 8, 10);
    }

    /**
     * @param events most events per history
     * @return this generator with another size
     */
    public Histories withMaxEvents(int events) {
        return new Histories(events, customers, badEventPercent);
    }

    /**
     * @param count customers per history
     * @return this generator with another number of customers
     */
    public Histories withCustomers(int count) {
        return new Histories(maxEvents, count, badEventPercent);
    }

    /**
     * @param percent the share of bad events, 0 to 100
     * @return this generator with another share of bad events
     */
    public Histories withBadEvents(int percent) {
        return new Histories(maxEvents, customers, percent);
    }

    /** @return the generator of histories */
    public Generator<History> histories() {
        return r -> {
            Program program = programs().generate(r);
            List<Partner> partners = partners(r);
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

    private List<Partner> partners(SplittableRandom r) {
        int n = 1 + r.nextInt(5);
        List<Partner> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ImmutablePartner.Builder b = ImmutablePartner.builder().id("p" + i);
            if (r.nextInt(3) == 0) {
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
            list.add(b.build());
        }
        return list;
    }

    // ------------------------------------------------------------------ events

    private List<JsonNode> events(SplittableRandom r, Program program, List<Partner> partners) {
        List<JsonNode> events = new ArrayList<>();
        List<JsonNode> accepted = new ArrayList<>();
        List<String[]> payments = new ArrayList<>(); // id, currency, amount
        Instant now = START;
        Instant lastRun = null;
        int n = 1 + r.nextInt(maxEvents);
        int seq = 0;
        for (int i = 0; i < n; i++) {
            now = now.plus(Duration.ofMinutes(1 + r.nextLong(oneOf(r, 60L, 24 * 60L, 6 * 24 * 60L))));
            String customer = "c" + r.nextInt(customers);
            String id = "e" + (seq++);
            if (r.nextInt(100) < badEventPercent && !accepted.isEmpty()) {
                events.add(bad(r, accepted, now, lastRun, id, customer));
                continue;
            }
            int kind = r.nextInt(20);
            JsonNode event;
            if (kind < 6) {
                String partner = r.nextInt(40) == 0 || partners.isEmpty() ? "ghost" : partners.get(r.nextInt(partners.size())).id();
                Channel channel = r.nextInt(10) < 7 ? Channel.LINK : r.nextInt(3) < 2 ? Channel.COUPON : Channel.MANUAL;
                event = tree(ImmutableTouch.builder().id(id).at(now).partner(partner).customer(customer).channel(channel).build());
            } else if (kind < 8) {
                ImmutableLead.Builder lead = ImmutableLead.builder().id(id).at(now).customer(customer);
                if (r.nextBoolean()) {
                    lead.putAttributes("plan", oneOf(r, "trial", "paid"));
                }
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
                event = tree(p.build());
                payments.add(new String[] {id, currency.getCurrencyCode(), amount.amount().toPlainString()});
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
                event = tree(c.build());
            } else {
                event = tree(ImmutablePayoutRun.builder().id(id).at(now).build());
                lastRun = now;
            }
            events.add(event);
            accepted.add(event);
        }
        return events;
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
