package dev.referralkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SequencerTest {
    record Keyed(long position, int index) {
    }

    @Test
    void orderKeysSortBytewiseAsPositionThenTieBreak() {
        SplittableRandom r = new SplittableRandom(42);
        List<Keyed> keys = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            long position = switch (r.nextInt(3)) {
                case 0 -> r.nextInt(300);
                case 1 -> Long.MAX_VALUE - r.nextInt(300);
                default -> r.nextLong(Long.MAX_VALUE);
            };
            keys.add(new Keyed(position, r.nextBoolean() ? r.nextInt(50) : Integer.MAX_VALUE - r.nextInt(50)));
        }
        List<Keyed> byValue = new ArrayList<>(keys);
        byValue.sort(Comparator.comparingLong(Keyed::position).thenComparingInt(Keyed::index));
        List<Keyed> byBytes = new ArrayList<>(keys);
        byBytes.sort(Comparator.comparing((Keyed k) -> Sequencer.orderKey(k.position(), k.index())));
        assertThat(byBytes).isEqualTo(byValue);
    }

    @Test
    void positionsAndIndexesAreNeverNegative() {
        assertThatThrownBy(() -> Sequencer.orderKey(-1, 0)).hasMessage("position -1 must not be negative");
        assertThatThrownBy(() -> Sequencer.orderKey(0, -1)).hasMessage("index -1 must not be negative");
    }
}
