package dev.referralkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.referralkit.engine.Outcome;
import dev.referralkit.engine.ReferralEngine;
import dev.referralkit.ledger.Entry;
import dev.referralkit.money.Money;
import dev.referralkit.money.Ratio;
import dev.referralkit.money.Rounding;
import dev.referralkit.program.ImmutableAttributionSettings;
import dev.referralkit.program.ImmutablePartner;
import dev.referralkit.program.ImmutablePayoutTerms;
import dev.referralkit.program.ImmutableProgram;
import dev.referralkit.program.ImmutableRewards;
import dev.referralkit.program.Partner;
import dev.referralkit.program.PartnerStatus;
import dev.referralkit.program.Program;
import dev.referralkit.reward.Reward;
import dev.referralkit.rules.ImmutableFlatReward;
import dev.referralkit.rules.ImmutablePercentReward;
import dev.referralkit.rules.ImmutableRecurringReward;
import dev.referralkit.money.Percent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A naive reference model: after every event it recomputes the whole ledger from the full history
 * (bindings, commissions, reversals, payouts) with straightforward loops and exact rationals, and
 * must agree with the engine's cumulative entries. It covers plans of percent, flat and recurring
 * rewards with last-touch, first-touch and linear attribution, windows, coupons, self-referrals,
 * partner status changes, several currencies, holds, rounding modes, partial and full refunds,
 * payout minimums and carry-forward.
 */
class ReferenceModelProperties {
    static final long SEED = Long.getLong("referralkit.seed", 20261121L);
    static final int HISTORIES = Integer.getInteger("referralkit.reference", 1_000);

    static Generator<History> histories() {
        return r -> {
            Program program = program(r);
            List<Partner> partners = new ArrayList<>();
            int n = 1 + r.nextInt(4);
            for (int i = 0; i < n; i++) {
                ImmutablePartner.Builder p = ImmutablePartner.builder().id("p" + i);
                if (r.nextInt(6) == 0) {
                    p.status(PartnerStatus.SUSPENDED);
                }
                if (r.nextInt(6) == 0) {
                    p.addOwnCustomers("c" + r.nextInt(6));
                }
                partners.add(p.build());
            }
            return Histories.standard().withBadEvents(0).withCustomers(6).withPartnerEvents(false).historiesFor(program, partners)
                    .generate(r);
        };
    }

    static Program program(SplittableRandom r) {
        Reward leaf = r.nextBoolean() ? ImmutablePercentReward.of(Percent.of(BigDecimal.valueOf(r.nextInt(30_000), 3)))
                : ImmutableFlatReward.of(BigDecimal.valueOf(r.nextInt(2_000), 2));
        Reward payment = leaf;
        switch (r.nextInt(4)) {
            case 0:
                payment = ImmutableRecurringReward.builder().reward(leaf).months(1 + r.nextInt(4)).build();
                break;
            case 1:
                payment = ImmutableRecurringReward.builder().reward(leaf).payments(1 + r.nextInt(4)).build();
                break;
            case 2:
                payment = ImmutableRecurringReward.builder().reward(leaf).build();
                break;
            default:
        }
        ImmutableProgram.Builder b = ImmutableProgram.builder().currency(Currency.getInstance("USD"))
                .rounding(Rounding.values()[r.nextInt(3)]).holdDays(r.nextInt(3) * 7)
                .attribution(ImmutableAttributionSettings.builder().model(new String[] {"last_touch", "first_touch", "linear"}[r.nextInt(3)])
                        .windowDays(1 + r.nextInt(40)).couponsWin(r.nextBoolean()).build())
                .rewards(ImmutableRewards.builder().payment(payment).build())
                .putFx("EUR", new BigDecimal("1.08")).putFx("JPY", new BigDecimal("0.0067")).putFx("KWD", new BigDecimal("3.25"));
        if (r.nextBoolean()) {
            b.payout(ImmutablePayoutTerms.builder().putMinimum("USD", BigDecimal.valueOf(r.nextInt(5_000), 2)).build());
        }
        return b.build();
    }

    @Test
    void the_engine_agrees_with_a_model_that_recomputes_everything_after_every_event() {
        for (long i = 0; i < HISTORIES; i++) {
            long seed = SEED + i;
            History h = histories().generate(seed);
            ReferralEngine engine = ReferralEngine.create(h.program(), h.partners());
            List<String> got = new ArrayList<>();
            for (int k = 0; k < h.events().size(); k++) {
                Outcome o = engine.process(h.events().get(k));
                o.entries().forEach(e -> got.add(show(e)));
                List<String> expected = new Reference(h.program(), h.partners()).ledger(h.events().subList(0, k + 1));
                assertThat(got).as("seed %d after event %d of%n%s", seed, k, h.toScenarioJson()).isEqualTo(expected);
            }
        }
    }

    static String show(Entry e) {
        return e.id() + " " + e.kind() + " " + e.partner() + " " + e.amount().toPlainString() + " " + e.currency().getCurrencyCode()
                + " " + e.availableAt();
    }

    /** The model: plain loops over the whole history. */
    static final class Reference {
        final Program program;
        final Map<String, PartnerStatus> status = new HashMap<>();
        final Map<String, List<String>> own = new HashMap<>();

        Reference(Program program, List<Partner> partners) {
            this.program = program;
            for (Partner p : partners) {
                status.put(p.id(), p.status());
                own.put(p.id(), p.ownCustomers());
            }
        }

        static final class Touch {
            String id;
            String partner;
            Instant at;
            String channel;
        }

        static final class Commission {
            String id;
            String partner;
            Money amount;
            Instant availableAt;
            Money reversed;
        }

        List<String> ledger(List<JsonNode> events) {
            List<String> out = new ArrayList<>();
            Map<String, List<Touch>> touches = new HashMap<>();
            Map<String, List<Map.Entry<String, Ratio>>> bindings = new HashMap<>();
            Map<String, Integer> paymentCount = new HashMap<>();
            Map<String, Instant> firstPayment = new HashMap<>();
            Map<String, Money> paymentAmount = new HashMap<>();
            Map<String, Money> refunded = new HashMap<>();
            Map<String, List<Commission>> commissions = new HashMap<>();
            Map<String, Map<String, Money>> unsettled = new TreeMap<>(); // partner → entry id → amount (ordered)
            Map<String, Instant> available = new HashMap<>();
            Map<String, String> currencyOf = new HashMap<>();
            for (JsonNode e : events) {
                String type = e.get("type").asText();
                Instant at = Instant.parse(e.get("at").asText());
                switch (type) {
                    case "touch": {
                        if (!status.containsKey(e.get("partner").asText())) {
                            break; // UNKNOWN_PARTNER
                        }
                        String customer = e.get("customer").asText();
                        if (bindings.containsKey(customer)) {
                            break;
                        }
                        Touch t = new Touch();
                        t.id = e.get("id").asText();
                        t.partner = e.get("partner").asText();
                        t.at = at;
                        t.channel = e.get("channel").asText();
                        touches.computeIfAbsent(customer, c -> new ArrayList<>()).add(t);
                        break;
                    }
                    case "lead": {
                        String customer = e.get("customer").asText();
                        bindings.computeIfAbsent(customer, c -> bind(c, touches.getOrDefault(c, List.of()), at));
                        break;
                    }
                    case "partner": {
                        if (e.has("status")) {
                            status.put(e.get("partner").asText(), PartnerStatus.fromJson(e.get("status").asText()));
                        } else {
                            status.putIfAbsent(e.get("partner").asText(), PartnerStatus.ACTIVE);
                        }
                        own.putIfAbsent(e.get("partner").asText(), List.of());
                        break;
                    }
                    case "payment": {
                        String customer = e.get("customer").asText();
                        String id = e.get("id").asText();
                        Currency currency = Currency.getInstance(e.get("currency").asText());
                        Money amount = Money.of(new BigDecimal(e.get("amount").asText()), currency);
                        Money tax = e.has("tax") ? Money.of(new BigDecimal(e.get("tax").asText()), currency) : Money.zero(currency);
                        List<Map.Entry<String, Ratio>> credits = bindings.computeIfAbsent(customer, c -> bind(c, touches.getOrDefault(c, List.of()), at));
                        int number = paymentCount.merge(customer, 1, Integer::sum);
                        firstPayment.putIfAbsent(customer, at);
                        long month = months(firstPayment.get(customer), at);
                        paymentAmount.put(id, amount);
                        refunded.put(id, Money.zero(currency));
                        List<Commission> made = new ArrayList<>();
                        if (!credits.isEmpty()) {
                            List<Ratio> weights = new ArrayList<>();
                            credits.forEach(c -> weights.add(c.getValue()));
                            List<Money> shares = amount.minus(tax).allocate(weights);
                            for (int i = 0; i < credits.size(); i++) {
                                String partner = credits.get(i).getKey();
                                if (status.get(partner) != PartnerStatus.ACTIVE) {
                                    continue;
                                }
                                Ratio exact = reward(program.rewards().payment().get(), shares.get(i), credits.get(i).getValue(), number, month, at);
                                Money rounded = round(exact, currency);
                                if (rounded.isZero()) {
                                    continue;
                                }
                                Commission c = new Commission();
                                c.id = id + "/" + partner + "/commission";
                                c.partner = partner;
                                c.amount = rounded;
                                c.availableAt = at.plus(Duration.ofDays(program.holdDays()));
                                c.reversed = Money.zero(currency);
                                made.add(c);
                                out.add(c.id + " COMMISSION " + partner + " " + rounded.amount().toPlainString() + " " + currency + " " + c.availableAt);
                                unsettled.computeIfAbsent(partner, p -> new LinkedHashMap<>()).put(c.id, rounded);
                                available.put(c.id, c.availableAt);
                                currencyOf.put(c.id, currency.getCurrencyCode());
                            }
                        }
                        commissions.put(id, made);
                        break;
                    }
                    case "refund": {
                        String payment = e.get("payment").asText();
                        Money total = paymentAmount.get(payment);
                        Money amount = Money.of(new BigDecimal(e.get("amount").asText()), total.currency());
                        Money after = refunded.get(payment).plus(amount);
                        if (after.compareTo(total) > 0) {
                            break; // REFUND_EXCEEDS_PAYMENT
                        }
                        refunded.put(payment, after);
                        for (Commission c : commissions.get(payment)) {
                            Ratio f = Ratio.of(after.amount()).dividedBy(Ratio.of(total.amount()));
                            Money target = round(Ratio.of(c.amount.amount()).times(f), c.amount.currency());
                            Money change = target.minus(c.reversed);
                            c.reversed = target;
                            if (change.isZero()) {
                                continue;
                            }
                            String id = e.get("id").asText() + "/" + c.partner + "/reversal";
                            Instant when = at.isAfter(c.availableAt) ? at : c.availableAt;
                            out.add(id + " REVERSAL " + c.partner + " " + change.negated().amount().toPlainString() + " "
                                    + change.currency() + " " + when);
                            unsettled.computeIfAbsent(c.partner, p -> new LinkedHashMap<>()).put(id, change.negated());
                            available.put(id, when);
                            currencyOf.put(id, change.currency().getCurrencyCode());
                        }
                        break;
                    }
                    default: { // payout_run
                        String run = e.get("id").asText();
                        for (String partner : new ArrayList<>(new java.util.TreeSet<>(status.keySet()))) {
                            if (status.get(partner) != PartnerStatus.ACTIVE || !unsettled.containsKey(partner)) {
                                continue;
                            }
                            Map<String, Money> open = unsettled.get(partner);
                            for (String code : new java.util.TreeSet<>(currencyOf.values())) {
                                Currency currency = Currency.getInstance(code);
                                Money sum = Money.zero(currency);
                                List<String> settled = new ArrayList<>();
                                for (Map.Entry<String, Money> en : open.entrySet()) {
                                    if (currencyOf.get(en.getKey()).equals(code) && !available.get(en.getKey()).isAfter(at)) {
                                        sum = sum.plus(en.getValue());
                                        settled.add(en.getKey());
                                    }
                                }
                                BigDecimal min = program.payout().minimum().get(code);
                                boolean pay = sum.signum() > 0 && (min == null || sum.amount().compareTo(min) >= 0);
                                if (pay) {
                                    out.add(run + "/" + partner + "/" + code + "/payout PAYOUT " + partner + " "
                                            + sum.negated().amount().toPlainString() + " " + code + " " + at);
                                    settled.forEach(open::remove);
                                }
                            }
                        }
                    }
                }
            }
            return out;
        }

        /** SPEC §4.1 with the three simple models. */
        List<Map.Entry<String, Ratio>> bind(String customer, List<Touch> all, Instant at) {
            Instant from = at.minus(Duration.ofDays(program.attribution().windowDays()));
            List<Touch> manual = new ArrayList<>();
            List<Touch> candidates = new ArrayList<>();
            for (Touch t : all) {
                boolean ok = status.get(t.partner) == PartnerStatus.ACTIVE && !own.getOrDefault(t.partner, List.of()).contains(customer);
                if (!ok) {
                    continue;
                }
                if (t.channel.equals("manual")) {
                    manual.add(t);
                } else if (!t.at.isBefore(from)) {
                    candidates.add(t);
                }
            }
            List<Map.Entry<String, Ratio>> credits = new ArrayList<>();
            if (!manual.isEmpty()) {
                credits.add(Map.entry(manual.get(manual.size() - 1).partner, Ratio.ONE));
                return credits;
            }
            if (program.attribution().couponsWin() && candidates.stream().anyMatch(t -> t.channel.equals("coupon"))) {
                candidates.removeIf(t -> !t.channel.equals("coupon"));
            }
            if (candidates.isEmpty()) {
                return credits;
            }
            Map<String, Ratio> sum = new LinkedHashMap<>();
            int n = candidates.size();
            for (int i = 0; i < n; i++) {
                Ratio w;
                switch (program.attribution().model()) {
                    case "first_touch":
                        w = i == 0 ? Ratio.ONE : Ratio.ZERO;
                        break;
                    case "linear":
                        w = Ratio.of(1, n);
                        break;
                    default:
                        w = i == n - 1 ? Ratio.ONE : Ratio.ZERO;
                }
                sum.merge(candidates.get(i).partner, w, Ratio::plus);
            }
            sum.forEach((p, w) -> {
                if (w.signum() > 0) {
                    credits.add(Map.entry(p, w));
                }
            });
            return credits;
        }

        Ratio reward(Reward reward, Money share, Ratio weight, int number, long month, Instant at) {
            boolean recurring = reward instanceof ImmutableRecurringReward;
            Reward leaf = reward;
            if (recurring) {
                ImmutableRecurringReward rec = (ImmutableRecurringReward) reward;
                if (rec.months().isPresent() && month >= rec.months().get()) {
                    return Ratio.ZERO;
                }
                if (rec.payments().isPresent() && number > rec.payments().get()) {
                    return Ratio.ZERO;
                }
                leaf = rec.reward();
            } else if (number > 1) {
                return Ratio.ZERO;
            }
            if (leaf instanceof ImmutablePercentReward) {
                return Ratio.of(share.amount()).times(Ratio.of(((ImmutablePercentReward) leaf).percent().value())).dividedBy(Ratio.of(100, 1));
            }
            Ratio flat = Ratio.of(((ImmutableFlatReward) leaf).amount()).times(weight);
            Currency c = share.currency();
            return c.getCurrencyCode().equals("USD") ? flat : flat.dividedBy(Ratio.of(program.fx().get(c.getCurrencyCode())));
        }

        /** Rounds an exact rational to minor units with the program's mode. */
        Money round(Ratio exact, Currency currency) {
            BigInteger scale = BigInteger.TEN.pow(currency.getDefaultFractionDigits());
            BigInteger num = exact.numerator().multiply(scale);
            BigInteger den = exact.denominator();
            BigInteger[] qr = num.abs().divideAndRemainder(den);
            BigInteger q = qr[0];
            int cmp = qr[1].shiftLeft(1).compareTo(den);
            switch (program.rounding()) {
                case DOWN:
                    break;
                case HALF_UP:
                    if (cmp >= 0) {
                        q = q.add(BigInteger.ONE);
                    }
                    break;
                default:
                    if (cmp > 0 || (cmp == 0 && q.testBit(0))) {
                        q = q.add(BigInteger.ONE);
                    }
            }
            return Money.ofMinor((num.signum() < 0 ? q.negate() : q).longValueExact(), currency);
        }

        /** Whole calendar months from a to b (UTC), counted by hand. */
        static long months(Instant a, Instant b) {
            ZonedDateTime x = a.atZone(ZoneOffset.UTC);
            ZonedDateTime y = b.atZone(ZoneOffset.UTC);
            long m = (y.getYear() - x.getYear()) * 12L + (y.getMonthValue() - x.getMonthValue());
            if (m > 0 && y.withYear(x.getYear()).withMonth(x.getMonthValue()).isBefore(x)) {
                m--;
            }
            return m;
        }
    }
}
