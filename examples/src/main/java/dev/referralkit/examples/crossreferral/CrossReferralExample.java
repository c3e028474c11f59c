package dev.referralkit.examples.crossreferral;

import dev.referralkit.engine.Outcome;
import dev.referralkit.engine.ReferralEngine;
import dev.referralkit.event.Channel;
import dev.referralkit.event.Event;
import dev.referralkit.event.ImmutablePayment;
import dev.referralkit.event.ImmutablePayoutRun;
import dev.referralkit.event.ImmutableTouch;
import dev.referralkit.ledger.Entry;
import dev.referralkit.money.Money;
import dev.referralkit.program.ImmutablePartner;
import dev.referralkit.program.Program;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Two small businesses refer customers to each other: a bakery and a florist. Each runs its own
 * program with the other as a partner — the bakery pays the florist 10 % of a referred customer's
 * first order; the florist pays the bakery a flat 5.00 EUR per referred customer's first order, at
 * most 50.00 EUR a month — and at the end of the month each sees what it earned from the other.
 */
public final class CrossReferralExample {
    static final Currency EUR = Currency.getInstance("EUR");

    private final ReferralEngine bakery = ReferralEngine.create(Program.parse("{\"currency\":\"EUR\",\"holdDays\":0,"
            + "\"rewards\":{\"payment\":{\"type\":\"percent\",\"percent\":\"10\"}}}"), List.of(ImmutablePartner.builder().id("florist").build()));
    private final ReferralEngine florist = ReferralEngine.create(Program.parse("{\"currency\":\"EUR\",\"holdDays\":0,"
            + "\"rewards\":{\"payment\":{\"type\":\"cap\",\"max\":\"50.00\",\"per\":\"partner_month\","
            + "\"reward\":{\"type\":\"flat\",\"amount\":\"5.00\"}}}}"), List.of(ImmutablePartner.builder().id("bakery").build()));
    private final List<Entry> bakeryLedger = new ArrayList<>();
    private final List<Entry> floristLedger = new ArrayList<>();
    private int seq;

    private void send(ReferralEngine engine, List<Entry> ledger, Event event) {
        Outcome o = engine.process(event);
        if (!o.isAccepted()) {
            throw new IllegalStateException(o.rejection().get().message());
        }
        ledger.addAll(o.entries());
    }

    /**
     * The florist handed a customer the bakery's card (a coupon code), and the customer ordered.
     *
     * @param customer the customer
     * @param at       when the customer ordered
     * @param order    what they paid the bakery
     */
    public void floristSendsToBakery(String customer, Instant at, String order) {
        send(bakery, bakeryLedger, ImmutableTouch.builder().id("b-touch-" + (++seq)).at(at.minusSeconds(3600)).partner("florist")
                .customer(customer).channel(Channel.COUPON).build());
        send(bakery, bakeryLedger, ImmutablePayment.builder().id("b-order-" + (++seq)).at(at).customer(customer)
                .amount(new BigDecimal(order)).currency(EUR).build());
    }

    /**
     * The bakery sent a customer to the florist.
     *
     * @param customer the customer
     * @param at       when the customer ordered
     * @param order    what they paid the florist
     */
    public void bakerySendsToFlorist(String customer, Instant at, String order) {
        send(florist, floristLedger, ImmutableTouch.builder().id("f-touch-" + (++seq)).at(at.minusSeconds(3600)).partner("bakery")
                .customer(customer).channel(Channel.COUPON).build());
        send(florist, floristLedger, ImmutablePayment.builder().id("f-order-" + (++seq)).at(at).customer(customer)
                .amount(new BigDecimal(order)).currency(EUR).build());
    }

    /**
     * Both run their monthly payout.
     *
     * @param at the run's instant
     */
    public void monthEnd(Instant at) {
        send(bakery, bakeryLedger, ImmutablePayoutRun.builder().id("b-run-" + (++seq)).at(at).build());
        send(florist, floristLedger, ImmutablePayoutRun.builder().id("f-run-" + (++seq)).at(at).build());
    }

    /** @return what each business earned from the other, paid out so far */
    public Map<String, Money> earnedFromTheOther() {
        Map<String, Money> earned = new TreeMap<>();
        earned.put("bakery (from the florist's program)", paid(floristLedger, "bakery"));
        earned.put("florist (from the bakery's program)", paid(bakeryLedger, "florist"));
        return earned;
    }

    private static Money paid(List<Entry> ledger, String partner) {
        Money sum = Money.zero(EUR);
        for (Entry e : ledger) {
            if (e.partner().equals(partner) && e.kind() == dev.referralkit.ledger.EntryKind.PAYOUT) {
                sum = sum.minus(e.money());
            }
        }
        return sum;
    }

    /**
     * A month in town: the bakery sends the florist twelve customers, the florist sends the bakery two.
     *
     * @return the two programs after the month-end payout runs
     */
    public static CrossReferralExample aMonthInTown() {
        CrossReferralExample town = new CrossReferralExample();
        Instant day = Instant.parse("2026-05-02T10:00:00Z");
        for (int i = 0; i < 12; i++) {
            town.bakerySendsToFlorist("guest-" + i, day.plusSeconds(86_400L * i), "35.00");
        }
        town.floristSendsToBakery("guest-100", day, "18.40");
        town.floristSendsToBakery("guest-101", day.plusSeconds(86_400), "64.00");
        town.monthEnd(Instant.parse("2026-05-31T23:00:00Z"));
        return town;
    }

    /**
     * Runs a month of cross-referrals and prints what each business earned from the other.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        aMonthInTown().earnedFromTheOther().forEach((who, money) -> System.out.println(who + ": " + money));
    }
}
