package dev.referralkit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.referralkit.RejectionCode;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.reward.RewardContext;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionTest {
    static final Map<String, String> FIELDS = Map.of(
            "event.product", "pro-annual", "event.amount", "100.00", "payment.number", "3",
            "partner.group", "gold", "customer.country", "DE");
    static final RewardContext.Fields LOOKUP = name -> Optional.ofNullable(FIELDS.get(name));

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"field\":\"event.product\",\"op\":\"eq\",\"value\":\"pro-annual\"}                 | true",
        "{\"field\":\"event.product\",\"op\":\"eq\",\"value\":\"pro\"}                        | false",
        "{\"field\":\"event.amount\",\"op\":\"eq\",\"value\":\"100\"}                         | true",
        "{\"field\":\"event.product\",\"op\":\"ne\",\"value\":\"pro\"}                        | true",
        "{\"field\":\"event.missing\",\"op\":\"ne\",\"value\":\"x\"}                          | true",
        "{\"field\":\"event.missing\",\"op\":\"eq\",\"value\":\"x\"}                          | false",
        "{\"field\":\"partner.group\",\"op\":\"in\",\"value\":[\"silver\",\"gold\"]}         | true",
        "{\"field\":\"partner.group\",\"op\":\"notIn\",\"value\":[\"silver\",\"gold\"]}      | false",
        "{\"field\":\"partner.missing\",\"op\":\"notIn\",\"value\":[\"a\"]}                  | true",
        "{\"field\":\"payment.number\",\"op\":\"gt\",\"value\":\"2\"}                         | true",
        "{\"field\":\"payment.number\",\"op\":\"gt\",\"value\":\"3\"}                         | false",
        "{\"field\":\"payment.number\",\"op\":\"gte\",\"value\":\"3\"}                        | true",
        "{\"field\":\"payment.number\",\"op\":\"lt\",\"value\":\"3\"}                         | false",
        "{\"field\":\"payment.number\",\"op\":\"lte\",\"value\":\"3.0\"}                      | true",
        "{\"field\":\"event.product\",\"op\":\"gt\",\"value\":\"1\"}                          | false",
        "{\"field\":\"event.product\",\"op\":\"startsWith\",\"value\":\"pro\"}                | true",
        "{\"field\":\"customer.country\",\"op\":\"exists\"}                                  | true",
        "{\"field\":\"customer.plan\",\"op\":\"exists\"}                                     | false",
        "{\"field\":\"customer.plan\",\"op\":\"exists\",\"value\":false}                      | true",
        "{\"all\":[{\"field\":\"event.product\",\"op\":\"startsWith\",\"value\":\"pro\"},{\"field\":\"payment.number\",\"op\":\"lte\",\"value\":\"3\"}]} | true",
        "{\"all\":[{\"field\":\"event.product\",\"op\":\"startsWith\",\"value\":\"pro\"},{\"field\":\"payment.number\",\"op\":\"lt\",\"value\":\"3\"}]}  | false",
        "{\"any\":[{\"field\":\"event.product\",\"op\":\"eq\",\"value\":\"x\"},{\"field\":\"partner.group\",\"op\":\"eq\",\"value\":\"gold\"}]}       | true",
        "{\"not\":{\"field\":\"partner.group\",\"op\":\"eq\",\"value\":\"gold\"}}             | false",
    })
    void every_operator_and_combinator(String json, boolean expected) {
        Condition c = ReferralKitJson.read(json, Condition.class, RejectionCode.INVALID_PROGRAM);
        assertThat(c.test(LOOKUP)).isEqualTo(expected);
        assertThat(ReferralKitJson.write(c)).isEqualTo(json.replace(" ", ""));
    }
}
