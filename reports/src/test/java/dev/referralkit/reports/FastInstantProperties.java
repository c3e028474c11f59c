package dev.referralkit.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.referralkit.ReferralKitException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fast instant reader agrees with {@code ISO_OFFSET_DATE_TIME} on every instant, offset and precision. */
class FastInstantProperties {
    @Test
    void agrees_with_the_formatter() {
        SplittableRandom r = new SplittableRandom(20261129L);
        for (int i = 0; i < 100_000; i++) {
            Instant at = Instant.ofEpochSecond(r.nextLong(-2_000_000_000L, 8_000_000_000L), r.nextInt(4) == 0 ? r.nextInt(1_000_000_000) : 0);
            ZoneOffset offset = r.nextBoolean() ? ZoneOffset.UTC : ZoneOffset.ofTotalSeconds(r.nextInt(-18 * 60, 18 * 60 + 1) * 60);
            String text = OffsetDateTime.ofInstant(at, offset).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            assertThat(FastInstant.parse("at", text)).as(text).isEqualTo(OffsetDateTime.parse(text).toInstant());
        }
    }

    @Test
    void other_shapes_go_the_slow_way_and_nonsense_is_refused() {
        assertThat(FastInstant.direct("2026-01-01T10:00Z")).isNull();
        assertThat(FastInstant.parse("at", "2026-01-01T10:00Z")).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
        assertThat(FastInstant.direct("2026-02-29T10:00:00Z")).isNull();
        assertThatThrownBy(() -> FastInstant.parse("at", "2026-02-29T10:00:00Z")).isInstanceOf(ReferralKitException.class)
                .hasMessageContaining("at");
        assertThatThrownBy(() -> FastInstant.parse("at", "2026-01-01 10:00:00")).isInstanceOf(ReferralKitException.class);
        assertThat(FastInstant.parse("at", "2024-02-29T23:59:59.5-01:30")).isEqualTo(Instant.parse("2024-03-01T01:29:59.5Z"));
    }
}
