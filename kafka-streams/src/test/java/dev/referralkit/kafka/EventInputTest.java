package dev.referralkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.referralkit.RejectionCode;
import dev.referralkit.event.Payment;
import dev.referralkit.event.PayoutRun;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EventInputTest {
    private static final String PAYMENT = "{\"type\":\"payment\",\"id\":\"i1\",\"at\":\"2026-01-03T10:00:00Z\","
            + "\"customer\":\"c1\",\"amount\":\"100.00\",\"currency\":\"USD\"}";

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static EventInput.Refused refused(byte[] key, byte[] value) {
        EventInput.Read read = EventInput.read(key, value);
        assertThat(read).isInstanceOf(EventInput.Refused.class);
        return (EventInput.Refused) read;
    }

    @Test
    void anEventKeyedByItsCustomerIsAccepted() {
        EventInput.Read read = EventInput.read(utf8("c1"), utf8(PAYMENT));
        assertThat(read).isInstanceOfSatisfying(EventInput.Accepted.class, a -> {
            assertThat(a.key()).isEqualTo("c1");
            assertThat(a.event()).isInstanceOf(Payment.class);
        });
    }

    @Test
    void anEventOfNoCustomerNeedsNoKey() {
        EventInput.Read read = EventInput.read(null, utf8("{\"type\":\"payout_run\",\"id\":\"r1\",\"at\":\"2026-02-01T00:00:00Z\"}"));
        assertThat(read).isInstanceOfSatisfying(EventInput.Accepted.class, a -> assertThat(a.event()).isInstanceOf(PayoutRun.class));
    }

    @Test
    void aKeyThatIsNotTheCustomerIsRefused() {
        EventInput.Refused r = refused(utf8("c2"), utf8(PAYMENT));
        assertThat(r.rejection().event()).isEqualTo("i1");
        assertThat(r.rejection().code()).isEqualTo(RejectionCode.INVALID_EVENT);
        assertThat(r.rejection().message()).isEqualTo(
                "payment i1: key \"c2\" differs from the payment's customer \"c1\": a customer's events are keyed by its id");
        assertThat(refused(null, utf8(PAYMENT)).rejection().message())
                .isEqualTo("payment i1: key is missing: a payment is keyed by its customer \"c1\"");
    }

    @Test
    void anEventOfNoCustomerMustHaveNoKey() {
        EventInput.Refused r = refused(utf8("r1"), utf8("{\"type\":\"payout_run\",\"id\":\"r1\",\"at\":\"2026-02-01T00:00:00Z\"}"));
        assertThat(r.rejection().code()).isEqualTo(RejectionCode.INVALID_EVENT);
        assertThat(r.rejection().message())
                .isEqualTo("payout_run r1: key \"r1\" must be absent: a payout_run names no customer and goes to every partition");
    }

    @Test
    void aRefundNamesItsCustomer() {
        String refund = "{\"type\":\"refund\",\"id\":\"f1\",\"at\":\"2026-01-04T10:00:00Z\",\"payment\":\"i1\",\"amount\":\"5.00\"";
        EventInput.Refused r = refused(null, utf8(refund + "}"));
        assertThat(r.rejection().event()).isEqualTo("f1");
        assertThat(r.rejection().code()).isEqualTo(RejectionCode.INVALID_EVENT);
        assertThat(r.rejection().message()).isEqualTo(
                "refund f1: customer is missing: on Kafka a refund names its payment's customer, whose partition holds the payment");
        assertThat(refused(utf8("c1"), utf8(refund + "}")).rejection().message()).startsWith("refund f1: customer is missing");
        assertThat(EventInput.read(utf8("c1"), utf8(refund + ",\"customer\":\"c1\"}"))).isInstanceOf(EventInput.Accepted.class);
    }

    @Test
    void recordsThatAreNoEventAreRefusedWithTheirCode() {
        assertThat(refused(utf8("c1"), null).rejection().message())
                .isEqualTo("value is missing: an input record holds one event as JSON");
        // as the single engine says it for the same JSON: "<type> <id>: " first
        assertThat(refused(utf8("c1"), utf8(PAYMENT.replace("100.00", "1e-100000000"))).rejection().message())
                .startsWith("payment i1: ");
        assertThat(refused(utf8("c1"), new byte[] {(byte) 0xc3, 0x28}).rejection().message())
                .isEqualTo("value is not UTF-8 text: an input record holds one event as JSON");
        assertThat(refused(new byte[] {(byte) 0xff}, utf8(PAYMENT)).rejection().message()).isEqualTo("key is not UTF-8 text");
        assertThat(refused(utf8("c1"), utf8("{\"type\":\"payment\"")).rejection().event()).isEqualTo("?");
        EventInput.Refused amount = refused(utf8("c1"), utf8(PAYMENT.replace("100.00", "100.001")));
        assertThat(amount.rejection().event()).isEqualTo("i1");
        assertThat(amount.rejection().code()).isEqualTo(RejectionCode.INVALID_AMOUNT);
        assertThat(refused(utf8("c1"), utf8(PAYMENT.replace("\"customer\"", "\"client\""))).rejection().message())
                .contains("client");
    }
}
