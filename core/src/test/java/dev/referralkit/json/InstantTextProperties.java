package dev.referralkit.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.referralkit.Props;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/** The direct reading of instants gives what {@code ISO_OFFSET_DATE_TIME} gives, and never accepts what it refuses. */
class InstantTextProperties {
    private static final long MIN = LocalDateTime.of(0, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    private static final long MAX = LocalDateTime.of(9999, 12, 31, 23, 59, 59).toEpochSecond(ZoneOffset.UTC);
    private static final String NOISE = "0123456789-:.TZtz+ 9";

    private static Instant formatter(String s) {
        return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    }

    /** An instant written in the usual shape: 0–9 fraction digits, Z or an offset of whole minutes. */
    private static String text(long seconds, int nanos, int digits, int offsetMinutes) {
        ZoneOffset offset = ZoneOffset.ofTotalSeconds(offsetMinutes * 60);
        LocalDateTime local = LocalDateTime.ofEpochSecond(seconds, 0, offset);
        StringBuilder s = new StringBuilder(String.format("%04d-%02d-%02dT%02d:%02d:%02d", local.getYear(), local.getMonthValue(),
                local.getDayOfMonth(), local.getHour(), local.getMinute(), local.getSecond()));
        if (digits > 0) {
            s.append('.').append(String.format("%09d", nanos), 0, digits);
        }
        s.append(offsetMinutes == 0 && digits % 2 == 0 ? "Z" : offset.getId().equals("Z") ? "+00:00" : offset.getId());
        return s.toString();
    }

    @Test
    void the_usual_shape_reads_as_the_formatter_reads_it() {
        Props.qt().forAll(longs().between(MIN + 86_400, MAX - 86_400), integers().between(0, 999_999_999), integers().between(0, 9),
                integers().between(-18 * 60, 18 * 60)).checkAssert((seconds, nanos, digits, offset) -> {
                    String s = text(seconds, nanos, digits, offset);
                    Instant direct = InstantText.direct(s);
                    assertThat(direct).as(s).isNotNull().isEqualTo(formatter(s));
                    assertThat(ReferralKitModule.parseInstant("at", s)).isEqualTo(direct);
                });
    }

    @Test
    void a_changed_character_is_read_only_if_the_formatter_reads_it_the_same() {
        Props.qt().forAll(longs().between(MIN + 86_400, MAX - 86_400), integers().between(0, 9), integers().between(-18 * 60, 18 * 60),
                integers().between(0, 41 * NOISE.length() - 1)).checkAssert((seconds, digits, offset, change) -> {
                    int at = change / NOISE.length();
                    int c = change % NOISE.length();
                    String s = text(seconds, 123_456_789, digits, offset);
                    int i = at % (s.length() + 1);
                    // replace, insert or (past the end) append one character
                    String changed = at < s.length() ? s.substring(0, i) + NOISE.charAt(c) + s.substring(i + 1)
                            : s.substring(0, i) + NOISE.charAt(c) + s.substring(i);
                    Instant direct = InstantText.direct(changed);
                    if (direct != null) {
                        assertThat(direct).as(changed).isEqualTo(formatter(changed));
                    }
                });
    }

    @Test
    void out_of_range_fields_are_left_to_the_formatter_which_refuses_them() {
        for (String s : new String[] {"2026-02-29T10:00:00Z", "2026-13-01T10:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T10:60:00Z",
                "2026-01-01T10:00:60Z", "2026-01-01T10:00:00+18:30", "2026-01-01T10:00:00.1234567890Z"}) {
            assertThat(InstantText.direct(s)).as(s).isNull();
            boolean refused;
            try {
                formatter(s);
                refused = false;
            } catch (DateTimeException e) {
                refused = true;
            }
            assertThat(refused).as(s).isTrue();
        }
        // shapes the direct reading leaves to the formatter, which accepts them
        for (String s : new String[] {"2026-01-01T10:00:00.Z", "2026-01-01t10:00:00z", "2026-01-01T10:00Z", "2026-01-01T10:00:00+01:00:30"}) {
            assertThat(InstantText.direct(s)).as(s).isNull();
            assertThat(ReferralKitModule.parseInstant("at", s)).as(s).isEqualTo(formatter(s));
        }
        assertThat(InstantText.direct("2024-02-29T23:59:59.5-01:30")).isEqualTo(Instant.parse("2024-03-01T01:29:59.5Z"));
    }
}
