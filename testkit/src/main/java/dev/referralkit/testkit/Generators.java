package dev.referralkit.testkit;

import dev.referralkit.money.Money;
import dev.referralkit.money.Percent;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;

/**
 * Edge-biased generators of money values: zero, one minor unit, the largest amount below 10^15,
 * round and odd amounts, in currencies with 0, 2 and 3 decimals.
 */
public final class Generators {
    /** Currencies the generators use: 2, 0 and 3 decimals. */
    public static final List<Currency> CURRENCIES = List.of(
            Currency.getInstance("USD"), Currency.getInstance("EUR"), Currency.getInstance("GBP"),
            Currency.getInstance("JPY"), Currency.getInstance("CLP"), Currency.getInstance("KWD"), Currency.getInstance("BHD"));

    private Generators() {
    }

    /** @return a currency, any of {@link #CURRENCIES} */
    public static Generator<Currency> currencies() {
        return r -> CURRENCIES.get(r.nextInt(CURRENCIES.size()));
    }

    /**
     * Non-negative amounts, edge-biased: 0, one minor unit, the maximum, round, everyday and large amounts.
     *
     * @param currency the currency
     * @return the generator
     */
    public static Generator<Money> money(Currency currency) {
        return r -> {
            int kind = r.nextInt(10);
            long minor;
            long max = Money.of(new BigDecimal("999999999999999"), currency).toMinorUnits();
            switch (kind) {
                case 0:
                    minor = 0;
                    break;
                case 1:
                    minor = 1;
                    break;
                case 2:
                    minor = max + unit(currency) - 1;
                    break;
                case 3:
                    minor = Money.ofMinor(1, currency).amount().scale() == 0 ? 100L * (1 + r.nextInt(100))
                            : unit(currency) * (1 + r.nextInt(500));
                    break;
                case 4:
                    minor = 1 + r.nextLong(1_000_000_000L);
                    break;
                default:
                    minor = 1 + r.nextLong(100_000);
            }
            return Money.ofMinor(minor, currency);
        };
    }

    /** One major unit in minor units: 1, 100 or 1000. */
    static long unit(Currency currency) {
        return BigDecimal.ONE.movePointRight(Money.digits(currency)).longValueExact();
    }

    /** @return non-negative money in any of the currencies */
    public static Generator<Money> money() {
        return r -> money(currencies().generate(r)).generate(r);
    }

    /** @return percentages, edge-biased: 0, 100, 1000, and up to 3 decimals */
    public static Generator<Percent> percents() {
        return r -> {
            switch (r.nextInt(8)) {
                case 0:
                    return Percent.parse("0");
                case 1:
                    return Percent.parse("100");
                case 2:
                    return Percent.parse("1000");
                default:
                    return Percent.of(BigDecimal.valueOf(r.nextLong(50_000), 3));
            }
        };
    }
}
