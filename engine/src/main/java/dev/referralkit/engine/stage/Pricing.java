package dev.referralkit.engine.stage;

import dev.referralkit.engine.state.Nanos;
import dev.referralkit.engine.state.PartnerRecord;
import dev.referralkit.event.Payment;
import dev.referralkit.money.Ratio;
import dev.referralkit.program.Metric;
import dev.referralkit.program.Partner;
import dev.referralkit.program.Period;
import dev.referralkit.program.Program;
import dev.referralkit.program.Trigger;
import dev.referralkit.reward.RewardContext;
import dev.referralkit.reward.RewardResult;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneRules;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The one pricing path for clicks, leads and payments (SPEC.md §5): the partner's plan for the trigger
 * (overrides resolved by {@link Directory}) is evaluated on what the event gives it — the partner's
 * share of the base and credit weight (§4.3), condition fields, the partner's period volumes before the
 * event and what the event adds (§5.1), cap usage — and the caps it used are recorded ({@link Caps}).
 * The result is exact; the caller rounds once when it makes the entry.
 */
final class Pricing {
    private final Program program;
    private final Volumes volumes;
    private final Caps caps;
    private final ZoneRules rules;

    Pricing(Program program, Volumes volumes, Caps caps) {
        this.program = program;
        this.volumes = volumes;
        this.caps = caps;
        this.rules = program.timeZone().normalized().getRules();
    }

    /** What one evaluation is about. */
    record Input(Trigger trigger, PartnerRecord partner, Directory.Plan plan, String customer, long at, Currency currency,
                 BigDecimal base, Ratio weight, int number, long firstPaymentAt, Payment payment, Map<String, String> attributes,
                 BigDecimal conversion, BigDecimal revenue) {
    }

    RewardResult price(Transaction tx, Input in) {
        String partner = in.partner().id();
        Instant at = Nanos.instant(in.at());
        LongSupplier month = in.payment() == null ? () -> 0L : new Months(in.firstPaymentAt(), in.at(), rules);
        RewardContext ctx = RewardContext.builder().trigger(in.trigger()).at(at).zone(program.timeZone())
                .currency(in.currency()).fx(program.rates()).base(in.base()).weight(in.weight())
                .paymentNumber(in.number()).paymentMonth(month)
                .fields(fields(in, month))
                .volumes(new RewardContext.Volumes() {
                    @Override
                    public BigDecimal before(Metric metric, Period period) {
                        if (!volumes.tracks(metric, period)) {
                            throw new IllegalStateException("a reward reads the " + metric.jsonName() + " volume per " + period.jsonName()
                                    + " without declaring it in Reward.declareVolumes");
                        }
                        return volumes.before(tx, partner, metric, period, in.at());
                    }

                    @Override
                    public BigDecimal contribution(Metric metric) {
                        if (!volumes.tracks(metric)) {
                            throw new IllegalStateException("a reward reads the " + metric.jsonName()
                                    + " volume without declaring it in Reward.declareVolumes");
                        }
                        if (metric == Metric.CONVERSIONS) {
                            return in.conversion();
                        }
                        if (in.revenue() == null) {
                            program.rates().toProgram(BigDecimal.ZERO, in.currency()); // refuses with MISSING_FX_RATE
                        }
                        return in.revenue();
                    }
                })
                .caps((key, scope) -> caps.used(tx, partner, key, scope, in.customer(), in.at()))
                .path(in.plan().path()).build();
        RewardResult result = in.plan().reward().evaluate(ctx);
        caps.apply(tx, partner, result, in.customer(), in.at());
        return result;
    }

    private static RewardContext.Fields fields(Input in, LongSupplier month) {
        Partner partner = in.partner().partner();
        return field -> {
            int dot = field.indexOf('.');
            String scope = field.substring(0, dot);
            String name = field.substring(dot + 1);
            switch (scope) {
                case "partner":
                    if (name.equals("id")) {
                        return Optional.of(partner.id());
                    }
                    if (name.equals("group")) {
                        return partner.group();
                    }
                    return Optional.ofNullable(partner.attributes().get(name));
                case "customer":
                    return Optional.ofNullable(in.attributes().get(name));
                case "payment":
                    if (in.payment() == null) {
                        return Optional.empty();
                    }
                    return Optional.of(name.equals("number") ? Integer.toString(in.number())
                            : Long.toString(month.getAsLong()));
                default:
                    Payment pay = in.payment();
                    if (pay == null) {
                        return Optional.empty();
                    }
                    return switch (name) {
                        case "product" -> pay.product();
                        case "amount" -> Optional.of(pay.amount().toPlainString());
                        case "currency" -> Optional.of(pay.currency().getCurrencyCode());
                        default -> Optional.ofNullable(pay.attributes().get(name));
                    };
            }
        };
    }

    /**
     * Whole calendar months between a customer's first payment and a payment, in the program's time
     * zone (SPEC.md §5 {@code payment.month}), computed once and only if a plan asks for it.
     */
    static final class Months implements LongSupplier {
        private final long first;
        private final long at;
        private final ZoneRules rules;
        private long months = -1;

        Months(long first, long at, ZoneRules rules) {
            this.first = first;
            this.at = at;
            this.rules = rules;
        }

        @Override
        public long getAsLong() {
            if (months < 0) {
                months = first == at ? 0 : ChronoUnit.MONTHS.between(local(first), local(at));
            }
            return months;
        }

        private LocalDateTime local(long nanos) {
            Instant instant = Nanos.instant(nanos);
            return LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), rules.getOffset(instant));
        }
    }
}
