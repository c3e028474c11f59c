package dev.referralkit.benchmarks;

import dev.referralkit.engine.ReferralEngine;
import dev.referralkit.event.Event;
import dev.referralkit.event.Payment;
import dev.referralkit.event.Touch;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link EngineBenchmark}'s engine and floor measured by the thread's <em>CPU time</em> and allocated bytes
 * instead of wall time: on a loaded machine the wall time of a single shot over 1M events varies by 2–3×,
 * while a thread's CPU time (it only counts while the thread runs) and its allocation (deterministic) hold
 * much better. Alternates engine and floor runs, each over the whole workload with a fresh engine, and
 * prints the medians and their ratio. A guide while optimising; the numbers to publish come from JMH.
 *
 * <pre>
 * java -Xms4g -Xmx4g -cp benchmarks/target/benchmarks.jar dev.referralkit.benchmarks.EngineCpuTime W1 1000 [RUNS]
 * </pre>
 */
public final class EngineCpuTime {
    private static final BigDecimal RATE = new BigDecimal("0.2");

    private EngineCpuTime() {
    }

    /**
     * @param args workload (W1–W5), partners, runs (default 7; the first two are warm-up)
     */
    public static void main(String[] args) {
        Workloads.Workload workload = Workloads.Workload.valueOf(args.length > 0 ? args[0] : "W1");
        int partners = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        Workloads.Data data = Workloads.generate(workload, partners, EngineBenchmark.EVENTS, 20261121L);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        List<Long> engineCpu = new ArrayList<>();
        List<Long> floorCpu = new ArrayList<>();
        long engineBytes = 0;
        long sink = 0;
        int n = data.events.size();
        for (int run = 0; run < runs; run++) {
            ReferralEngine engine = ReferralEngine.create(data.program, data.partners);
            System.gc();
            long b0 = threads.getThreadAllocatedBytes(id);
            long c0 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                sink += engine.process(data.events.get(i)).entries().size();
            }
            long c1 = threads.getCurrentThreadCpuTime();
            long b1 = threads.getThreadAllocatedBytes(id);
            engine = null;
            System.gc();
            long f0 = threads.getCurrentThreadCpuTime();
            sink += floor(data);
            long f1 = threads.getCurrentThreadCpuTime();
            if (run >= 2 || runs <= 2) {
                engineCpu.add(c1 - c0);
                floorCpu.add(f1 - f0);
                engineBytes = b1 - b0;
            }
            System.out.printf("run %d: engine %,.0f ns/event CPU, %,.0f B/event; floor %,.0f ns/event CPU; ratio %.2f%n", run + 1,
                    (double) (c1 - c0) / n, (double) (b1 - b0) / n, (double) (f1 - f0) / n, (double) (c1 - c0) / (f1 - f0));
        }
        long e = median(engineCpu);
        long f = median(floorCpu);
        System.out.printf("%s, %d partners: engine %,.0f ns/event CPU (%,.0f events/s), %,.0f B/event; floor %,.0f ns/event; "
                + "engine / floor %.2f (%d)%n", workload, partners, (double) e / n, n * 1e9 / e, (double) engineBytes / n,
                (double) f / n, (double) e / f, sink % 2);
    }

    /** The floor of {@link EngineBenchmark#floor}: one map lookup and one exact multiply-and-round per payment. */
    private static long floor(Workloads.Data data) {
        Map<String, String> binding = new HashMap<>(data.customers * 2);
        long sink = 0;
        for (Event e : data.events) {
            if (e instanceof Payment p) {
                String partner = binding.get(p.customer());
                sink += partner == null ? 0 : partner.length();
                sink += p.amount().multiply(RATE).setScale(2, RoundingMode.HALF_EVEN).unscaledValue().intValue();
            } else if (e instanceof Touch t) {
                binding.put(t.customer(), t.partner());
            }
        }
        return sink;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }
}
