package dev.referralkit.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.money.Money;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class EventJsonTest {
    /** Golden JSON of every event type, in canonical form: reads, writes back byte for byte. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"type\":\"touch\",\"id\":\"t1\",\"at\":\"2026-01-01T10:00:00Z\",\"partner\":\"p1\",\"customer\":\"c1\",\"channel\":\"link\"}",
        "{\"type\":\"touch\",\"id\":\"t2\",\"at\":\"2026-01-01T10:00:00Z\",\"partner\":\"p1\",\"customer\":\"c1\",\"channel\":\"coupon\"}",
        "{\"type\":\"touch\",\"id\":\"t3\",\"at\":\"2026-01-01T10:00:00Z\",\"partner\":\"p1\",\"customer\":\"c1\",\"channel\":\"manual\"}",
        "{\"type\":\"lead\",\"id\":\"l1\",\"at\":\"2026-01-02T10:00:00Z\",\"customer\":\"c1\",\"attributes\":{}}",
        "{\"type\":\"lead\",\"id\":\"l1\",\"at\":\"2026-01-02T10:00:00Z\",\"customer\":\"c1\",\"attributes\":{\"plan\":\"pro\"}}",
        "{\"type\":\"payment\",\"id\":\"i1\",\"at\":\"2026-01-03T10:00:00Z\",\"customer\":\"c1\",\"amount\":\"100.00\",\"currency\":\"USD\",\"tax\":\"0.00\",\"product\":\"pro\",\"attributes\":{}}",
        "{\"type\":\"payment\",\"id\":\"i2\",\"at\":\"2026-01-03T10:00:00.500Z\",\"customer\":\"c1\",\"amount\":\"1000\",\"currency\":\"JPY\",\"attributes\":{\"seats\":\"5\"}}",
        "{\"type\":\"payment\",\"id\":\"i3\",\"at\":\"2026-01-03T10:00:00Z\",\"customer\":\"c1\",\"amount\":\"1.234\",\"currency\":\"KWD\",\"attributes\":{}}",
        "{\"type\":\"refund\",\"id\":\"r1\",\"at\":\"2026-01-05T10:00:00Z\",\"payment\":\"i1\",\"amount\":\"40.00\"}",
        "{\"type\":\"payout_run\",\"id\":\"run-2026-02\",\"at\":\"2026-02-28T00:00:00Z\"}",
        "{\"type\":\"partner\",\"id\":\"u1\",\"at\":\"2026-03-01T00:00:00Z\",\"partner\":\"p1\",\"status\":\"suspended\"}",
        "{\"type\":\"partner\",\"id\":\"u2\",\"at\":\"2026-03-01T00:00:00Z\",\"partner\":\"p9\",\"status\":\"active\",\"group\":\"gold\",\"parent\":\"p0\",\"attributes\":{\"country\":\"DE\"}}",
    })
    void golden_json_round_trips_byte_for_byte(String json) {
        Event event = ReferralKitJson.read(json, Event.class, RejectionCode.INVALID_EVENT);
        assertThat(ReferralKitJson.write(event)).isEqualTo(json);
        assertThat(ReferralKitJson.read(ReferralKitJson.write(event), Event.class, RejectionCode.INVALID_EVENT)).isEqualTo(event);
    }

    @Test
    void amounts_are_normalised_so_equal_content_is_equal() {
        Event a = ReferralKitJson.read("{\"type\":\"payment\",\"id\":\"i1\",\"at\":\"2026-01-03T10:00:00Z\",\"customer\":\"c1\",\"amount\":\"10\",\"currency\":\"USD\"}",
                Event.class, RejectionCode.INVALID_EVENT);
        Event b = ReferralKitJson.read("{\"type\":\"payment\",\"id\":\"i1\",\"at\":\"2026-01-03T11:00:00+01:00\",\"customer\":\"c1\",\"amount\":\"10.00\",\"currency\":\"USD\"}",
                Event.class, RejectionCode.INVALID_EVENT);
        assertThat(a).isEqualTo(b);
        assertThat(((Payment) a).amount()).hasToString("10.00");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"type\":\"payment\",\"id\":\"i7\",\"at\":\"2026-01-03T10:00:00Z\",\"customer\":\"c\",\"amount\":\"10.001\",\"currency\":\"USD\"} | INVALID_AMOUNT | amount \"10.001\" has 3 decimals, USD allows 2",
        "{\"type\":\"payment\",\"id\":\"i7\",\"at\":\"2026-01-03T10:00:00Z\",\"customer\":\"c\",\"amount\":\"-5.00\",\"currency\":\"USD\"} | INVALID_AMOUNT | amount \"-5.00\" must not be negative",
        "{\"type\":\"payment\",\"id\":\"i7\",\"at\":\"2026-01-03T10:00:00Z\",\"customer\":\"c\",\"amount\":\"10.00\",\"currency\":\"usd\"} | INVALID_EVENT | currency \"usd\" is not an ISO-4217 code (three upper-case letters)",
        "{\"type\":\"payment\",\"id\":\"i7\",\"at\":\"2026-01-03T10:00:00Z\",\"customer\":\"c\",\"amount\":\"10.00\",\"currency\":\"XXX\"} | INVALID_EVENT | currency \"XXX\" has no minor units and cannot hold money",
        "{\"type\":\"payment\",\"id\":\"i7\",\"at\":\"2026-01-03T10:00:00Z\",\"customer\":\"c\",\"amount\":\"10.00\",\"currency\":\"USD\",\"tax\":\"10.01\"} | INVALID_AMOUNT | tax \"10.01\" exceeds amount 10.00",
        "{\"type\":\"refund\",\"id\":\"r1\",\"at\":\"2026-01-03T10:00:00Z\",\"payment\":\"i1\",\"amount\":\"0\"} | INVALID_AMOUNT | amount \"0\" must be positive",
        "{\"type\":\"touch\",\"id\":\"t1\",\"at\":\"2026-01-03T10:00:00Z\",\"partner\":\"p\",\"customer\":\"c\",\"channel\":\"email\"} | INVALID_EVENT | channel \"email\" is not one of link, coupon, manual",
        "{\"type\":\"touch\",\"id\":\"\",\"at\":\"2026-01-03T10:00:00Z\",\"partner\":\"p\",\"customer\":\"c\",\"channel\":\"link\"} | INVALID_EVENT | id \"\" must have 1 to 128 characters, has 0",
        "{\"type\":\"partner\",\"id\":\"u\",\"at\":\"2026-01-03T10:00:00Z\",\"partner\":\"p\",\"status\":\"gone\"} | INVALID_EVENT | status \"gone\" is not one of active, pending, suspended, terminated",
        "{\"type\":\"click\",\"id\":\"u\",\"at\":\"2026-01-03T10:00:00Z\"} | INVALID_EVENT | line 1, column 2: /type: type \"click\" is not a known type; known: lead, lead_stage, partner, payment, payout_confirmed, payout_failed, payout_run, refund, registration, registration_decision, review, tax_form, touch",
        "{\"type\":\"payment\",\"id\":\"i7\",\"at\":\"2026-01-03T10:00:00Z\",\"customer\":\"c\",\"amount\":\"100.000\",\"currency\":\"USD\"} | INVALID_AMOUNT | amount \"100.000\" has 3 decimals, USD allows 2",
        "{\"type\":\"payment\",\"id\":\"i7\",\"at\":\"2026-01-03T10:00:00Z\",\"customer\":\"c\",\"amount\":\"10.00\",\"currency\":\"JPY\"} | INVALID_AMOUNT | amount \"10.00\" has 2 decimals, JPY allows 0",
        "{\"type\":\"payment\",\"id\":\"i7\",\"at\":\"2026-01-03T10:00:00Z\",\"customer\":\"c\",\"amount\":\"10\",\"currency\":\"JPY\",\"tax\":\"1.0\"} | INVALID_AMOUNT | tax \"1.0\" has 1 decimal, JPY allows 0",
    })
    void bad_events_are_refused_with_code_and_field(String json, RejectionCode code, String message) {
        assertThatThrownBy(() -> ReferralKitJson.read(json, Event.class, RejectionCode.INVALID_EVENT))
                .isInstanceOfSatisfying(ReferralKitException.class, e -> assertThat(e.code()).isEqualTo(code))
                .hasMessage(message);
    }

    @Test
    void a_payment_from_java_is_checked_as_written_too() {
        assertThatThrownBy(() -> ImmutablePayment.builder().id("i1").at(Instant.parse("2026-01-03T10:00:00Z")).customer("c")
                .amount(new BigDecimal("100.000")).currency(Currency.getInstance("USD")).build())
                .isInstanceOfSatisfying(ReferralKitException.class, e -> assertThat(e.code()).isEqualTo(RejectionCode.INVALID_AMOUNT))
                .hasMessage("amount \"100.000\" has 3 decimals, USD allows 2");
    }

    @Test
    void a_refund_keeps_the_scale_it_was_written_with_for_the_check_against_its_payment() {
        Refund refund = (Refund) ReferralKitJson.read("{\"type\":\"refund\",\"id\":\"r1\",\"at\":\"2026-01-05T10:00:00Z\",\"payment\":\"i1\","
                + "\"amount\":\"50.000\"}", Event.class, RejectionCode.INVALID_EVENT);
        assertThat(refund.amount()).hasToString("50.000");
        assertThatThrownBy(() -> Money.ofWritten("amount", refund.amount(), Currency.getInstance("USD")))
                .isInstanceOfSatisfying(ReferralKitException.class, e -> assertThat(e.code()).isEqualTo(RejectionCode.INVALID_AMOUNT))
                .hasMessage("amount \"50.000\" has 3 decimals, USD allows 2");
    }

    @Test
    void an_id_of_129_characters_is_refused() {
        String json = "{\"type\":\"payout_run\",\"id\":\"" + "a".repeat(129) + "\",\"at\":\"2026-01-03T10:00:00Z\"}";
        assertThatThrownBy(() -> ReferralKitJson.read(json, Event.class, RejectionCode.INVALID_EVENT))
                .hasMessageEndingWith("must have 1 to 128 characters, has 129");
        String ok = "{\"type\":\"payout_run\",\"id\":\"" + "a".repeat(128) + "\",\"at\":\"2026-01-03T10:00:00Z\"}";
        assertThat(ReferralKitJson.read(ok, Event.class, RejectionCode.INVALID_EVENT).id()).hasSize(128);
    }

    static Stream<Path> scenarios() throws IOException {
        Path dir = Paths.get("..", "..", "shared", "scenarios");
        assertThat(dir).as("the shared scenarios beside the project").isDirectory();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
        }
        assertThat(files).isNotEmpty();
        return files.stream();
    }

    /** Every well-formed event of the shared scenarios reads and writes back equal; the bad ones of 08 are refused. */
    @ParameterizedTest
    @MethodSource("scenarios")
    void every_scenario_event_reads_and_writes_back_equal(Path file) throws IOException {
        JsonNode root = ReferralKitJson.readTree(Files.readString(file), RejectionCode.INVALID_PROGRAM);
        int read = 0;
        for (JsonNode node : root.get("events")) {
            Event event;
            try {
                event = ReferralKitJson.read(node, Event.class, RejectionCode.INVALID_EVENT);
            } catch (ReferralKitException e) {
                assertThat(file.getFileName().toString()).as("only 08 holds malformed events: %s", e.getMessage()).startsWith("08");
                assertThat(e.code()).isIn(RejectionCode.INVALID_EVENT, RejectionCode.INVALID_AMOUNT);
                continue;
            }
            JsonNode written = ReferralKitJson.mapper().valueToTree(event);
            assertThat(ReferralKitJson.read(written, Event.class, RejectionCode.INVALID_EVENT)).isEqualTo(event);
            node.fieldNames().forEachRemaining(key -> assertThat(written.get(key)).as("%s of %s", key, event.id()).isEqualTo(node.get(key)));
            read++;
        }
        assertThat(read).isPositive();
    }
}
