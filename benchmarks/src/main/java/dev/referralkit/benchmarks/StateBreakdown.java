package dev.referralkit.benchmarks;

import dev.referralkit.engine.ReferralEngine;
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
 * Retained engine state by kind, against the targets of the benchmark issue:
 * <ol>
 * <li>per partner with no open entries: an engine with N partners and no events;</li>
 * <li>per customer: N customers, each touched and bound by a lead (no payment);</li>
 * <li>per refundable payment: one payment each (20 %, recurring), then a payout run that settles every
 *     entry, so what is left per payment is the record a later refund needs.</li>
 * </ol>
 * The idempotency table (an {@code IdTable} of longs: 24 bytes a slot, at most three-quarters full, doubling as it fills)
 * is measured apart, by reflection, so that its doubling does not land in one kind's figure.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.referralkit.benchmarks.StateBreakdown 100000</pre>
 */
public final class StateBreakdown {
    private StateBreakdown() {
    }

    /** The idempotency table's arrays, read by reflection so that each kind of state is measured on its own. */
    static long idTableBytes(ReferralEngine engine) {
        try {
            java.lang.reflect.Field f = ReferralEngine.class.getDeclaredField("accepted");
            f.setAccessible(true);
            Object table = f.get(engine);
            long bytes = 0;
            for (String name : new String[] {"hi", "lo", "longs", "values"}) {
                java.lang.reflect.Field a = table.getClass().getDeclaredField(name);
                a.setAccessible(true);
                Object array = a.get(table);
                if (array != null) {
                    bytes += 16 + (array instanceof long[] ? 8L * ((long[]) array).length : 4L * ((Object[]) array).length);
                }
            }
            return bytes;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot measure the idempotency table", e);
        }
    }

    /**
     * @param args how many customers (default 100,000)
     */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Program program = Program.parse("{\"currency\":\"USD\",\"holdDays\":0,\"rewards\":{\"payment\":{\"type\":\"recurring\","
                + "\"reward\":{\"type\":\"percent\",\"percent\":\"20\"}}}}");
        List<Partner> partners = new ArrayList<>();
        for (int i = 0; i < n / 10; i++) {
            partners.add(ImmutablePartner.builder().id("partner-" + i).build());
        }
        long base = RetainedHeap.used();
        long idsBefore = 0;
        ReferralEngine engine = ReferralEngine.create(program, partners);
        long withPartners = RetainedHeap.used() - idTableBytes(engine);
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        for (int c = 0; c < n; c++) {
            String customer = "customer-" + c;
            engine.process(ImmutableTouch.builder().id("touch-" + c).at(t).partner("partner-" + (c % partners.size()))
                    .customer(customer).channel(Channel.LINK).build());
            engine.process(ImmutableLead.builder().id("lead-" + c).at(t.plusSeconds(1)).customer(customer).build());
        }
        long idsAfterCustomers = idTableBytes(engine);
        long withCustomers = RetainedHeap.used() - idsAfterCustomers;
        Currency usd = Currency.getInstance("USD");
        for (int c = 0; c < n; c++) {
            engine.process(ImmutablePayment.builder().id("invoice-" + c).at(t.plusSeconds(2)).customer("customer-" + c)
                    .amount(new BigDecimal("49.00")).currency(usd).build());
        }
        engine.process(ImmutablePayoutRun.builder().id("run").at(t.plusSeconds(3)).build());
        long idsAfterPayments = idTableBytes(engine);
        long withPayments = RetainedHeap.used() - idsAfterPayments;
        long events = 3L * n + 1;
        System.out.printf("per partner (no open entries): %,d bytes%n", (withPartners - base) / partners.size());
        System.out.printf("per customer (touched, bound): %,d bytes%n", (withCustomers - withPartners) / n);
        System.out.printf("per refundable payment (settled): %,d bytes%n", (withPayments - withCustomers) / n);
        System.out.printf("idempotency table: %,d bytes for %,d accepted events (%,d per event; it doubles as it fills)%n",
                idsAfterPayments, events, idsAfterPayments / events);
        System.out.println(engine.balances(Instant.MAX).size() > 0 ? "" : "-");
    }
}
