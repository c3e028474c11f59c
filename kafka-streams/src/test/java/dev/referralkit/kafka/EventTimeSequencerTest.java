package dev.referralkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EventTimeSequencerTest {
    record Keyed(Instant at, String tie) {
    }

    @Test
    void orderKeysSortBytewiseAsEventTimeThenTieBreak() {
        SplittableRandom r = new SplittableRandom(42);
        List<Keyed> keys = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            long seconds = switch (r.nextInt(4)) {
                case 0 -> -r.nextLong(1L << 40);   // before 1970
                case 1 -> r.nextInt(3) - 1;       // around the epoch
                default -> r.nextLong(1L << 40);
            };
            keys.add(new Keyed(Instant.ofEpochSecond(seconds, r.nextInt(3) == 0 ? 0 : r.nextInt(1_000_000_000)),
                    r.nextBoolean() ? "1/e" + r.nextInt(50) : "2/r" + r.nextInt(50)));
        }
        List<Keyed> byValue = new ArrayList<>(keys);
        byValue.sort(Comparator.comparing(Keyed::at).thenComparing(Keyed::tie));
        List<Keyed> byBytes = new ArrayList<>(keys);
        byBytes.sort(Comparator.comparing((Keyed k) -> EventTimeSequencer.orderKey(k.at(), k.tie())));
        assertThat(byBytes).isEqualTo(byValue);
    }
}
