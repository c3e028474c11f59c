package dev.referralkit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.RejectionCode;
import dev.referralkit.ledger.Entry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** One engine shared by several threads gives the same ledger as a sequential run. */
class ThreadSafetyTest {
    static final int THREADS = 4;
    static final int CUSTOMERS = 50;

    static List<JsonNode> eventsOf(int thread) {
        List<JsonNode> events = new ArrayList<>();
        for (int c = 0; c < CUSTOMERS; c++) {
            String customer = "c" + thread + "-" + c;
            events.add(node("{\"type\":\"touch\",\"id\":\"t-" + customer + "\",\"at\":\"2026-01-01T00:00:00Z\",\"partner\":\"p" + (c % 3)
                    + "\",\"customer\":\"" + customer + "\",\"channel\":\"link\"}"));
            for (int m = 1; m <= 3; m++) {
                events.add(node("{\"type\":\"payment\",\"id\":\"i" + m + "-" + customer + "\",\"at\":\"2026-0" + m + "-02T00:00:00Z\","
                        + "\"customer\":\"" + customer + "\",\"amount\":\"" + (10 + c) + ".99\",\"currency\":\"USD\"}"));
            }
            events.add(node("{\"type\":\"refund\",\"id\":\"r-" + customer + "\",\"at\":\"2026-03-05T00:00:00Z\",\"payment\":\"i2-" + customer
                    + "\",\"amount\":\"3.33\"}"));
        }
        return events;
    }

    static JsonNode node(String json) {
        return ReferralKitJson.readTree(json, RejectionCode.INVALID_EVENT);
    }

    static ReferralEngine engine() {
        return ReferralEngine.create(dev.referralkit.program.Program.parse("{\"currency\":\"USD\",\"rewards\":{\"payment\":"
                        + "{\"type\":\"recurring\",\"reward\":{\"type\":\"percent\",\"percent\":\"10\"}}}}"),
                List.of(dev.referralkit.program.ImmutablePartner.builder().id("p0").build(),
                        dev.referralkit.program.ImmutablePartner.builder().id("p1").build(),
                        dev.referralkit.program.ImmutablePartner.builder().id("p2").build()));
    }

    @Test
    void concurrent_callers_get_the_ledger_of_a_sequential_run() throws InterruptedException {
        ReferralEngine sequential = engine();
        Set<String> expected = new TreeSet<>();
        for (int t = 0; t < THREADS; t++) {
            for (JsonNode e : eventsOf(t)) {
                sequential.process(e).entries().forEach(en -> expected.add(ReferralKitJson.write(en)));
            }
        }
        ReferralEngine shared = engine();
        ConcurrentLinkedQueue<Entry> entries = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> rejections = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            List<JsonNode> events = eventsOf(t);
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (JsonNode e : events) {
                    Outcome o = shared.process(e);
                    entries.addAll(o.entries());
                    o.rejection().ifPresent(r -> rejections.add(r.message()));
                    shared.balances(java.time.Instant.parse("2026-04-01T00:00:00Z"));
                }
            });
            threads.add(thread);
            thread.start();
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        Set<String> got = new TreeSet<>();
        entries.forEach(e -> got.add(ReferralKitJson.write(e)));
        assertThat(rejections).isEmpty();
        assertThat(got).hasSize(expected.size()).isEqualTo(expected);
        java.time.Instant asOf = java.time.Instant.parse("2026-04-01T00:00:00Z");
        assertThat(ReferralKitJson.write(shared.balances(asOf))).isEqualTo(ReferralKitJson.write(sequential.balances(asOf)));
    }
}
