package dev.referralkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The topology gives the single-JVM answer whatever the partition count and the interleaving of
 * partitions: entries, payouts and rejections of {@link ShapeReference}, with 1, 3 and 8 partitions.
 */
class PartitionIndependenceProperties {
    private static final int HISTORIES = 60;

    @TempDir
    Path stateDir;

    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {1, 3, 8})
    void everyPartitioningGivesTheSingleJvmAnswer(int partitions) {
        long checkedEntries = 0;
        for (long seed = 0; seed < HISTORIES; seed++) {
            List<ShapeHistories.Input> history = ShapeHistories.generate(seed, 150, 1 + (int) (seed % 30));
            ShapeReference.Outputs expected = ShapeReference.run(history);
            ShapeReference.Outputs actual = PartitionedDrivers.run(history, partitions, seed * 31 + partitions, StoreKind.IN_MEMORY,
                    stateDir.resolve(partitions + "-" + seed));
            assertThat(actual).as("seed %d, %d partitions", seed, partitions).isEqualTo(expected);
            checkedEntries += expected.entries().size();
        }
        assertThat(checkedEntries).as("the histories credit partners").isGreaterThan(HISTORIES * 10L);
    }
}
