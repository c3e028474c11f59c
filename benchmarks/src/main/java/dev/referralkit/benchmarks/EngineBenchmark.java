package dev.referralkit.benchmarks;

import dev.referralkit.engine.ReferralEngine;
import dev.referralkit.event.Event;
import dev.referralkit.event.Payment;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Events per second through a fresh engine, one thread, and the same events through the floor: the
 * irreducible work (one map lookup and one exact multiply-and-round per event). Report the ratio
 * engine/floor, which holds across machines. Each invocation processes the whole workload
 * ({@value #EVENTS} events); {@code -prof gc} gives allocation per event.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar EngineBenchmark -p workload=W1 -p partners=1000 -prof gc</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class EngineBenchmark {
    /** Events per workload. */
    public static final int EVENTS = 1_000_000;

    @Param({"W1", "W2", "W3", "W4", "W5"})
    public String workload;

    @Param({"1000", "50000"})
    public int partners;

    private Workloads.Data data;
    private ReferralEngine engine;
    private Map<String, String> floorBinding;

    @Setup(Level.Trial)
    public void generate() {
        data = Workloads.generate(Workloads.Workload.valueOf(workload), partners, EVENTS, 20261121L);
    }

    @Setup(Level.Invocation)
    public void freshEngine() {
        engine = ReferralEngine.create(data.program, data.partners);
        floorBinding = new HashMap<>(data.customers * 2);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void engine(Blackhole bh) {
        List<Event> events = data.events;
        for (int i = 0; i < events.size(); i++) {
            bh.consume(engine.process(events.get(i)));
        }
    }

    private static final BigDecimal RATE = new BigDecimal("0.2");

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void floor(Blackhole bh) {
        List<Event> events = data.events;
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            if (e instanceof Payment) {
                Payment p = (Payment) e;
                String partner = floorBinding.get(p.customer());
                bh.consume(partner);
                bh.consume(p.amount().multiply(RATE).setScale(2, RoundingMode.HALF_EVEN));
            } else if (e instanceof dev.referralkit.event.Touch) {
                dev.referralkit.event.Touch t = (dev.referralkit.event.Touch) e;
                floorBinding.put(t.customer(), t.partner());
            }
        }
    }
}
