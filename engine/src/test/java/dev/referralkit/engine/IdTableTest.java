package dev.referralkit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The id table keeps every key through growth, and sorted iteration is by hash, independent of insertion order. */
class IdTableTest {
    @Test
    void every_value_survives_growth_and_iteration_is_sorted() {
        IdTable<String> table = new IdTable<>();
        for (int i = 0; i < 5_000; i++) {
            table.put("id-" + i, "v" + i);
            table.putLong("id-" + i, i * 7L);
        }
        assertThat(table.size()).isEqualTo(5_000);
        for (int i = 0; i < 5_000; i++) {
            assertThat(table.get("id-" + i)).isEqualTo("v" + i);
            assertThat(table.getLong("id-" + i)).isEqualTo(i * 7L);
        }
        assertThat(table.get("absent")).isNull();
        assertThat(table.getLong("absent")).isNull();
        List<String> keys = new ArrayList<>();
        table.forEachSorted((key, value) -> keys.add(key));
        assertThat(keys).hasSize(5_000).isSorted();
        IdTable<String> copy = new IdTable<>();
        table.forEachSorted(copy::putHashed);
        assertThat(copy.get("id-4321")).isEqualTo("v4321");
    }
}
