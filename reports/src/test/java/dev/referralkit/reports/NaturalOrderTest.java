package dev.referralkit.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NaturalOrderTest {
    @Test
    void numbers_in_ids_sort_as_numbers() {
        List<String> ids = new ArrayList<>(List.of("p100", "p10", "p2", "p0", "p1", "agency-9", "agency-10", "p01", "P3", "p"));
        ids.sort(NaturalOrder.INSTANCE);
        assertThat(ids).containsExactly("P3", "agency-9", "agency-10", "p", "p0", "p01", "p1", "p2", "p10", "p100");
    }

    @Test
    void the_order_is_consistent_with_equals() {
        assertThat(NaturalOrder.INSTANCE.compare("p01", "p1")).isNotZero();
        assertThat(NaturalOrder.INSTANCE.compare("p01", "p1")).isEqualTo(-NaturalOrder.INSTANCE.compare("p1", "p01"));
        assertThat(NaturalOrder.INSTANCE.compare("x", "x")).isZero();
    }
}
