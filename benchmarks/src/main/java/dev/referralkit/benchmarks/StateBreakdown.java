package dev.referralkit.benchmarks;

import dev.referralkit.engine.ReferralEngine;
import dev.referralkit.engine.state.InMemoryStateStore;
import dev.referralkit.event.Channel;
import dev.referralkit.event.ImmutableLead;
import dev.referralkit.event.ImmutablePayment;
import dev.referralkit.event.ImmutablePayoutRun;
import dev.referralkit.event.ImmutableTouch;
import dev.referralkit.program.ImmutablePartner;
import dev.referralkit.program.Partner;
import dev.referralkit.program.Program;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * Retained state by kind, against the targets of the engine-state issue (≤ 64 B per customer, ≤ 48 B per
 * refundable payment, ≤ 16 B per remembered event id):
 * <ol>
 * <li>per partner with no open entries: an engine with P partners (default 1,000) and no events;</li>
 * <li>per customer: N customers, each touched and bound by a lead (no payment);</li>
 * <li>per refundable payment: one payment each (20 %, recurring), in two halves each followed by a payout run
 *     that settles every entry, so what is left per payment is what a later refund needs;</li>
 * <li>per remembered event id: the default store's event-id tables, measured apart (their arrays) so that
 *     each kind above is measured without them.</li>
 * </ol>
 * Customers and payments are measured at the margin, over the second half of them: by then every partner
 * was seen once, so per-partner caches (resolved plans, shared credit lists) land in no one's figure.
 *
 * <p>Run it with the serial collector: after a full collection its heap "used" is the bytes of the live objects.
 * G1, the default, counts an array of more than half a region (the id set's table past a few hundred thousand
 * ids) as whole regions, and that waste lands in whichever kind was measured while the array grew (it made a
 * payment look like 38 or 117 bytes, and a partner like 474).
 *
 * <pre>java -XX:+UseSerialGC -Xms64m -cp benchmarks/target/benchmarks.jar dev.referralkit.benchmarks.StateBreakdown 100000 1000</pre>
 */
public final class StateBreakdown {
    private StateBreakdown() {
    }

    /**
     * @param args how many customers (default 100,000), how many partners (default 1,000)
     */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Program program = Program.parse("{\"currency\":\"USD\",\"holdDays\":0,\"rewards\":{\"payment\":{\"type\":\"recurring\","
                + "\"reward\":{\"type\":\"percent\",\"percent\":\"20\"}}}}");
        List<Partner> partners = new ArrayList<>();
        int partnerCount = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        for (int i = 0; i < partnerCount; i++) {
            partners.add(ImmutablePartner.builder().id("partner-" + i).build());
        }
        long base = RetainedHeap.used();
        InMemoryStateStore store = new InMemoryStateStore();
        ReferralEngine engine = ReferralEngine.open(program, partners, store);
        long withPartners = RetainedHeap.used() - store.eventIdBytes();
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        long halfCustomers = 0;
        for (int c = 0; c < n; c++) {
            if (c == n / 2) {
                halfCustomers = RetainedHeap.used() - store.eventIdBytes();
            }
            String customer = "customer-" + c;
            engine.process(ImmutableTouch.builder().id("touch-" + c).at(t).partner("partner-" + (c % partners.size()))
                    .customer(customer).channel(Channel.LINK).build());
            engine.process(ImmutableLead.builder().id("lead-" + c).at(t.plusSeconds(1)).customer(customer).build());
        }
        long withCustomers = RetainedHeap.used() - store.eventIdBytes();
        Currency usd = Currency.getInstance("USD");
        long halfPayments = 0;
        for (int c = 0; c < n; c++) {
            boolean second = c >= n / 2;
            if (c == n / 2) {
                engine.process(ImmutablePayoutRun.builder().id("run-1").at(t.plusSeconds(3)).build());
                halfPayments = RetainedHeap.used() - store.eventIdBytes();
            }
            engine.process(ImmutablePayment.builder().id("invoice-" + c).at(t.plusSeconds(second ? 4 : 2)).customer("customer-" + c)
                    .amount(new BigDecimal("49.00")).currency(usd).build());
        }
        engine.process(ImmutablePayoutRun.builder().id("run-2").at(t.plusSeconds(5)).build());
        long ids = store.eventIdBytes();
        long withPayments = RetainedHeap.used() - ids;
        long events = 3L * n + 2;
        System.out.printf("per partner (no open entries): %,d bytes%n", (withPartners - base) / partners.size());
        System.out.printf("per customer (touched, bound): %,d bytes (all customers: %,d)%n",
                (withCustomers - halfCustomers) / (n - n / 2), (withCustomers - withPartners) / n);
        System.out.printf("per refundable payment (settled): %,d bytes (all payments: %,d)%n",
                (withPayments - halfPayments) / (n - n / 2), (withPayments - withCustomers) / n);
        System.out.printf("per remembered event id: %.1f bytes (%,d bytes for %,d ids)%n", (double) ids / events, ids, events);
        System.out.println(store.sizes());
        System.out.println(engine.balances(Instant.MAX).size() > 0 ? "" : "-");
    }
}
