package dev.referralkit.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.referralkit.ReferralKitException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link ReferralKitJson#parseInstant}, which the reports module's ledger files read with, agrees with
 * {@code ISO_OFFSET_DATE_TIME} on every instant, offset and precision, and refuses what it refuses.
 */
class ParseInstantProperties {
    @Test
    void agrees_with_the_formatter() {
        SplittableRandom r = new SplittableRandom(20261129L);
        for (int i = 0; i < 100_000; i++) {
            Instant at = Instant.ofEpochSecond(r.nextLong(-2_000_000_000L, 8_000_000_000L), r.nextInt(4) == 0 ? r.nextInt(1_000_000_000) : 0);
            ZoneOffset offset = r.nextBoolean() ? ZoneOffset.UTC : ZoneOffset.ofTotalSeconds(r.nextInt(-18 * 60, 18 * 60 + 1) * 60);
            String text = OffsetDateTime.ofInstant(at, offset).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            assertThat(ReferralKitJson.parseInstant("at", text)).as(text).isEqualTo(OffsetDateTime.parse(text).toInstant());
        }
    }

    @Test
    void other_shapes_go_the_slow_way_and_nonsense_is_refused() {
        assertThat(InstantText.direct("2026-01-01T10:00Z")).isNull();
        assertThat(ReferralKitJson.parseInstant("at", "2026-01-01T10:00Z")).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
        assertThat(InstantText.direct("2026-02-29T10:00:00Z")).isNull();
        assertThatThrownBy(() -> ReferralKitJson.parseInstant("at", "2026-02-29T10:00:00Z")).isInstanceOf(ReferralKitException.class)
                .hasMessageContaining("at");
        assertThatThrownBy(() -> ReferralKitJson.parseInstant("at", "2026-01-01 10:00:00")).isInstanceOf(ReferralKitException.class);
        assertThat(ReferralKitJson.parseInstant("at", "2024-02-29T23:59:59.5-01:30")).isEqualTo(Instant.parse("2024-03-01T01:29:59.5Z"));
        // beyond the largest offset: refused, as the formatter refuses it (the reports module's own reader accepted it)
        assertThatThrownBy(() -> ReferralKitJson.parseInstant("at", "2026-01-01T10:00:00+18:30")).isInstanceOf(ReferralKitException.class)
                .hasMessageContaining("at");
    }
}
