package dev.referralkit.benchmarks;

import dev.referralkit.engine.ReferralEngine;
import dev.referralkit.event.Event;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Retained heap of the engine after a workload: heap used after a full GC with the engine alive,
 * minus the heap used with the events alone, per customer and per partner. The per-payment record
 * (what a later refund needs) is measured with W3, where every payment stays refundable.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.referralkit.benchmarks.RetainedHeap W3 1000</pre>
 */
public final class RetainedHeap {
    private RetainedHeap() {
    }

    static long used() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    /**
     * @param args workload (W1..W5), partners, events (default 1,000,000)
     */
    public static void main(String[] args) {
        Workloads.Workload workload = Workloads.Workload.valueOf(args.length > 0 ? args[0] : "W3");
        int partners = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int events = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
        Workloads.Data data = Workloads.generate(workload, partners, events, 20261121L);
        long before = used();
        ReferralEngine engine = ReferralEngine.create(data.program, data.partners);
        long payments = 0;
        for (Event e : data.events) {
            engine.process(e);
            if (e instanceof dev.referralkit.event.Payment) {
                payments++;
            }
        }
        long after = used();
        long retained = after - before;
        System.out.printf("workload %s, %,d partners, %,d events, %,d customers, %,d payments%n", workload, partners, events,
                data.customers, payments);
        System.out.printf("retained %,d bytes: %,d bytes per event, %,d per customer, %,d per payment, %,d per partner (all state)%n",
                retained, retained / events, retained / Math.max(1, data.customers), retained / Math.max(1, payments),
                retained / partners);
        if (args.length > 3) {
            try {
                Thread.sleep(Long.parseLong(args[3]) * 1000); // time for: jcmd <pid> GC.class_histogram
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.out.println(engine.balances(java.time.Instant.MAX).size() + " balances");
        }
    }
}
