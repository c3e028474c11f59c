package dev.referralkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class VersionedSerdeTest {
    record Point(int x, int y) {
    }

    private static final VersionedSerde<Point> V1 = VersionedSerde.of("point", 1, (p, out) -> out.writeInt(p.x()),
            in -> new Point(in.readInt(), 0));

    /** Version 2 adds y and still reads version 1. */
    private static final VersionedSerde<Point> V2 = VersionedSerde.of("point", 2, (p, out) -> {
        out.writeInt(p.x());
        out.writeInt(p.y());
    }, Map.of(1, in -> new Point(in.readInt(), 0), 2, in -> new Point(in.readInt(), in.readInt())));

    @Test
    void theFirstByteIsTheVersionAndTheRestThePayload() {
        assertThat(V1.toBytes(new Point(7, 9))).containsExactly(1, 0, 0, 0, 7);
        assertThat(V2.toBytes(new Point(7, 9))).containsExactly(2, 0, 0, 0, 7, 0, 0, 0, 9);
        assertThat(V2.fromBytes(V2.toBytes(new Point(-3, 5)))).isEqualTo(new Point(-3, 5));
    }

    @Test
    void aNewerReleaseReadsWhatAnOlderOneWrote() {
        assertThat(V2.fromBytes(V1.toBytes(new Point(4, 4)))).isEqualTo(new Point(4, 0));
    }

    @Test
    void anOlderReleaseRefusesANewerVersionClearly() {
        byte[] newer = V2.toBytes(new Point(1, 2));
        assertThatThrownBy(() -> V1.deserialize("topic", newer))
                .isInstanceOf(SerializationException.class)
                .hasMessage("point: format version 2 is not known to this release, which reads 1; it was written by a newer"
                        + " release (deploy it on every instance first) or is not a point at all");
    }

    @Test
    void emptyShortAndLongRecordsAreRefused() {
        assertThatThrownBy(() -> V1.fromBytes(new byte[0])).isInstanceOf(SerializationException.class)
                .hasMessage("point: the record is empty; it has no format version byte");
        assertThatThrownBy(() -> V1.fromBytes(new byte[] {1, 0, 0})).isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("point: version 1 payload of 2 bytes cannot be read");
        assertThatThrownBy(() -> V1.fromBytes(new byte[] {1, 0, 0, 0, 7, 8})).isInstanceOf(SerializationException.class)
                .hasMessage("point: version 1 payload has 1 bytes left over after the value");
    }

    @Test
    void nullIsATombstoneBothWays() {
        assertThat(V1.serialize("t", null)).isNull();
        assertThat(V1.deserialize("t", null)).isNull();
    }

    @Test
    void versionsAreCheckedWhenTheSerdeIsMade() {
        assertThatThrownBy(() -> VersionedSerde.of("x", 0, (p, out) -> { }, in -> "x"))
                .hasMessage("x: version 0 is outside 1-255");
        assertThatThrownBy(() -> VersionedSerde.<String>of("x", 2, (p, out) -> { }, Map.of(1, in -> "x")))
                .hasMessage("x: version 2 is written but has no reader");
    }
}
