package dev.referralkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The harness runs, small: its numbers are for a quiet machine (benchmarks/README.md). */
class KafkaTopologyBenchmarkTest {
    record Run(int status, String out, String err) {
    }

    static Run run(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = KafkaTopologyBenchmark.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void throughputRunsTheSameEventsThroughTheEngineAndTheTopology() throws Exception {
        Run r = run("throughput", "W4", "20", "600", "in_memory", "1");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("W4, 20 partners, 600 events, in_memory stores").contains("| warm-up |").contains("| 1 |");
    }

    @Test
    void stateCountsTheStoresBytesPerCustomerAndPayment() throws Exception {
        Run r = run("state", "400", "10");
        assertThat(r.status()).as(r.err()).isZero();
        // the topology's stores hold the engine's records in the engine's own binary form, one copy of the partners per stage
        assertThat(r.out()).containsPattern("\\| per customer \\(touched, bound by a lead\\) \\| (\\d+\\.\\d) \\| 0\\.0 \\| 0\\.0 \\| \\1 \\| \\1 \\|")
                .containsPattern("\\| per payment \\(20 %, entries settled\\) \\| \\d+\\.\\d \\| \\d+\\.\\d \\| 0\\.0 \\| (\\d+\\.\\d) \\| \\1 \\|");
    }

    @Test
    void aBadCommandLineSaysHowToUseIt() throws Exception {
        Run r = run("throughput", "W9", "10", "100");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).startsWith("usage: KafkaTopologyBenchmark").contains("W9");
    }
}
