package dev.referralkit.program;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.RejectionCode;
import dev.referralkit.money.Currencies;
import dev.referralkit.money.Money;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * {@code program.tax} (extension of FORMATS.md §1; docs/payouts.md §4): per currency, the yearly paid total
 * above which payouts to a partner without a tax form on file are withheld.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableTaxSettings.class)
@JsonDeserialize(as = ImmutableTaxSettings.class)
@JsonPropertyOrder({"threshold", "year"})
public interface TaxSettings {
    /** @return the threshold per ISO-4217 code */
    Map<String, BigDecimal> threshold();

    /** @return which years the totals are for; calendar years by default */
    @Value.Default
    default TaxYear year() {
        return TaxYear.CALENDAR;
    }

    /**
     * @param currency a currency
     * @return its threshold, if the program sets one
     */
    default Optional<Money> threshold(Currency currency) {
        BigDecimal t = threshold().get(currency.getCurrencyCode());
        return t == null ? Optional.empty() : Optional.of(Money.of("tax.threshold", t, currency));
    }

    /** Thresholds are non-negative amounts at their currency's scale. */
    @Value.Check
    default void check() {
        threshold().forEach((code, t) -> Money.ofWritten("threshold." + code, t,
                Currencies.of(RejectionCode.INVALID_PROGRAM, "threshold", code)).requireNonNegative("threshold." + code));
    }
}
