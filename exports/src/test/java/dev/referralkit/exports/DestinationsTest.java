package dev.referralkit.exports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DestinationsTest {
    @ParameterizedTest
    @ValueSource(strings = {"a@b.co", "first.last@example.com", "o'brien+ref@mail.example.ie", "x_y-z@sub-domain.example.org",
            "user@xn--bcher-kva.example", "1234@example.com", "!#$%&'*+/=?^_`{|}~-@example.com"})
    void accepts_addresses_of_the_usual_shape(String email) {
        assertThat(Emails.problem(email)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "@example.com", "a@", "a@b", "a@@b.co", "a@b@c.co", ".a@b.co", "a.@b.co", "a..b@c.co",
            "a b@c.co", "\"quoted\"@c.co", "a@-b.co", "a@b-.co", "a@b..co", "a@b.123", "ü@b.co", "a@bü.co", "a@b_c.co"})
    void refuses_anything_else(String email) {
        assertThat(Emails.problem(email)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"DE89370400440532013000", "GB82WEST12345698765432", "FR1420041010050500013M02606", "NO9386011117947"})
    void accepts_ibans_with_valid_check_digits(String iban) {
        assertThat(Ibans.problem(iban)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"DE89370400440532013001", "DE98370400440532013000", "GB82WEST12345698765423", "89DE370400440532013000",
            "DE8937040044053201300", "NO938601111794", "DE89-370400440532013000", "DE89370400440532013000123456789012345"})
    void refuses_a_wrong_digit_a_swap_a_bad_length_or_shape(String iban) {
        assertThat(Ibans.problem(iban)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"de89 3704 0044 0532 0130 00", "DE89 3704 0044 0532 0130 00", "de89370400440532013000"})
    void normalizes_grouped_and_lower_case_ibans(String iban) {
        assertThat(Ibans.normalize(iban)).isEqualTo("DE89370400440532013000");
    }
}
