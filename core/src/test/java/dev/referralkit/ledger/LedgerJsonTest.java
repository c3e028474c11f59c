package dev.referralkit.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.referralkit.RejectionCode;
import dev.referralkit.json.ReferralKitJson;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LedgerJsonTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Entry   | {\"id\":\"i1/p1/commission\",\"kind\":\"COMMISSION\",\"partner\":\"p1\",\"customer\":\"c1\",\"event\":\"i1\",\"amount\":\"30.00\",\"currency\":\"USD\",\"availableAt\":\"2026-02-02T10:00:00Z\",\"explanation\":\"30% of 100.00 USD (group gold)\"}",
        "Entry   | {\"id\":\"run1/p1/USD/payout\",\"kind\":\"PAYOUT\",\"partner\":\"p1\",\"event\":\"run1\",\"amount\":\"-18\",\"currency\":\"JPY\",\"availableAt\":\"2026-02-28T00:00:00Z\",\"explanation\":\"payout run run1\"}",
        "Payout  | {\"run\":\"run-2026-02\",\"partner\":\"p1\",\"currency\":\"USD\",\"amount\":\"18.00\",\"entries\":[\"i1/p1/commission\",\"r1/p1/reversal\"]}",
        "Balance | {\"partner\":\"p1\",\"currency\":\"USD\",\"pending\":\"0.00\",\"available\":\"-1.00\",\"paid\":\"18.00\"}",
        "Binding | {\"customer\":\"c1\",\"event\":\"l1\",\"credits\":[{\"partner\":\"p1\",\"weight\":\"0.4\"},{\"partner\":\"p2\",\"weight\":\"0.6\"}]}",
        "Binding | {\"customer\":\"c2\",\"event\":\"i2\",\"credits\":[]}",
        "Rejection | {\"event\":\"x9\",\"code\":\"OUT_OF_ORDER\",\"message\":\"payment x9: at 2026-01-01T00:00:00Z is before c1's last event\"}",
        "Result  | {\"entries\":[],\"payouts\":[],\"balances\":[],\"bindings\":[],\"rejected\":[{\"event\":\"x\",\"code\":\"DUPLICATE\",\"message\":\"m\"}]}",
    })
    void golden_json_round_trips_byte_for_byte(String type, String json) throws ClassNotFoundException {
        Class<?> cls = Class.forName("dev.referralkit.ledger." + type);
        Object value = ReferralKitJson.read(json, cls, RejectionCode.INVALID_EVENT);
        assertThat(ReferralKitJson.write(value)).isEqualTo(json);
        assertThat(ReferralKitJson.read(ReferralKitJson.write(value), cls, RejectionCode.INVALID_EVENT)).isEqualTo(value);
    }
}
