package dev.referralkit.rules;

import dev.referralkit.money.Ratio;
import dev.referralkit.program.Fx;
import dev.referralkit.program.Metric;
import dev.referralkit.program.Period;
import dev.referralkit.reward.RewardContext;
import dev.referralkit.program.Trigger;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A fluent way to build evaluation contexts in tests. */
final class Ctx {
    static final Currency USD = Currency.getInstance("USD");
    static final Currency EUR = Currency.getInstance("EUR");
    static final Currency JPY = Currency.getInstance("JPY");

    private Trigger trigger = Trigger.PAYMENT;
    private BigDecimal base = new BigDecimal("100.00");
    private Ratio weight = Ratio.ONE;
    private Currency currency = USD;
    private Map<Currency, BigDecimal> fx = new HashMap<>();
    private int number = 1;
    private long month;
    private Instant at = Instant.parse("2026-03-15T12:00:00Z");
    private final Map<String, String> fields = new HashMap<>();
    private final Map<Metric, BigDecimal> before = new HashMap<>();
    private final Map<Metric, BigDecimal> contribution = new HashMap<>();
    private final Map<String, BigDecimal> capUsed = new HashMap<>();

    static Ctx payment(String base) {
        Ctx c = new Ctx();
        c.base = new BigDecimal(base);
        c.contribution.put(Metric.REVENUE, c.base);
        c.contribution.put(Metric.CONVERSIONS, BigDecimal.ONE);
        return c;
    }

    Ctx trigger(Trigger t) {
        trigger = t;
        return this;
    }

    Ctx weight(Ratio w) {
        weight = w;
        return this;
    }

    Ctx currency(Currency c, String rate) {
        currency = c;
        fx.put(c, new BigDecimal(rate));
        return this;
    }

    Ctx currencyWithoutRate(Currency c) {
        currency = c;
        return this;
    }

    Ctx number(int n) {
        number = n;
        return this;
    }

    Ctx month(long m) {
        month = m;
        return this;
    }

    Ctx at(String instant) {
        at = Instant.parse(instant);
        return this;
    }

    Ctx field(String name, String value) {
        fields.put(name, value);
        return this;
    }

    Ctx before(Metric metric, String volume) {
        before.put(metric, new BigDecimal(volume));
        return this;
    }

    Ctx contribution(Metric metric, String volume) {
        contribution.put(metric, new BigDecimal(volume));
        return this;
    }

    Ctx capUsed(String key, String used) {
        capUsed.put(key, new BigDecimal(used));
        return this;
    }

    RewardContext build() {
        Map<Metric, BigDecimal> b = Map.copyOf(before);
        Map<Metric, BigDecimal> c = Map.copyOf(contribution);
        Map<String, BigDecimal> caps = Map.copyOf(capUsed);
        Map<String, String> f = Map.copyOf(fields);
        return RewardContext.builder()
                .trigger(trigger).at(at).base(base).weight(weight).currency(currency)
                .fx(new Fx(USD, fx)).paymentNumber(number).paymentMonth(month)
                .fields(name -> Optional.ofNullable(f.get(name)))
                .volumes(new RewardContext.Volumes() {
                    @Override
                    public BigDecimal before(Metric metric, Period period) {
                        return b.getOrDefault(metric, BigDecimal.ZERO);
                    }

                    @Override
                    public BigDecimal contribution(Metric metric) {
                        return c.getOrDefault(metric, BigDecimal.ZERO);
                    }
                })
                .caps((key, scope) -> caps.getOrDefault(key, BigDecimal.ZERO))
                .path("rewards.payment")
                .build();
    }
}
