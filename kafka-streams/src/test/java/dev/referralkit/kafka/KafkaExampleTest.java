package dev.referralkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The README's runnable example runs: the bundled SaaS scenario on an in-JVM broker, 2 instances, 4 partitions. */
class KafkaExampleTest {
    @TempDir
    Path stateDir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void theExampleGivesOneEnginesAnswerOnABroker() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = KafkaExample.run(new String[] {"--state-dir", stateDir.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(printed).isZero();
        assertThat(printed).contains("creating topic referralkit-ingest with 1 partition", "creating topic referralkit-bookings with 4 partitions",
                "entry     ana        i1/ana/commission", "payout    studio-x   run-jan",
                "9 entries, 2 payouts, 0 rejections: the same as one ReferralEngine");
    }

    @Test
    void aBadCommandLineSaysHowToUseIt() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = KafkaExample.run(new String[] {"--partitons", "4"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("usage: KafkaExample").contains("--partitons is not an option");
    }
}
