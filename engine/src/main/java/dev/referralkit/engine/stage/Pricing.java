package dev.referralkit.engine.stage;

import dev.referralkit.engine.state.Nanos;
import dev.referralkit.engine.state.PartnerRecord;
import dev.referralkit.event.Payment;
import dev.referralkit.money.Ratio;
import dev.referralkit.program.Metric;
import dev.referralkit.program.Partner;
import dev.referralkit.program.Period;
import dev.referralkit.program.Program;
import dev.referralkit.program.CapScope;
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

    /**
     * What one evaluation is about, and what its strategies read through the context: condition fields,
     * volumes and cap usage, from one object (one allocation per evaluation).
     */
    final class Input implements RewardContext.Fields, RewardContext.Volumes, RewardContext.Caps {
        private final Trigger trigger;
        private final PartnerRecord partner;
        private final Directory.Plan plan;
        private final String customer;
        private final long at;
        private final Instant instant;
        private final Currency currency;
        private final BigDecimal base;
        private final Ratio weight;
        private final int number;
        private final LongSupplier month;
        private final Payment payment;
        private final Map<String, String> attributes;
        private final BigDecimal conversion;
        private final BigDecimal revenue;
        private final dev.referralkit.event.LeadStage stage;
        private Transaction tx;

        Input(Trigger trigger, PartnerRecord partner, Directory.Plan plan, String customer, long at, Instant instant, Currency currency,
              BigDecimal base, Ratio weight, int number, long firstPaymentAt, Payment payment, Map<String, String> attributes,
              BigDecimal conversion, BigDecimal revenue, dev.referralkit.event.LeadStage stage) {
            this.trigger = trigger;
            this.partner = partner;
            this.plan = plan;
            this.customer = customer;
            this.at = at;
            this.instant = instant;
            this.currency = currency;
            this.base = base;
            this.weight = weight;
            this.number = number;
            this.month = payment == null ? NO_MONTH : new Months(firstPaymentAt, at, rules);
            this.payment = payment;
            this.attributes = attributes;
            this.conversion = conversion;
            this.revenue = revenue;
            this.stage = stage;
        }

        @Override
        public Optional<String> get(String field) {
            int dot = field.indexOf('.');
            String scope = field.substring(0, dot);
            String name = field.substring(dot + 1);
            switch (scope) {
                case "partner":
                    if (name.equals("id")) {
                        return Optional.of(partner.id());
                    }
                    if (name.equals("group")) {
                        return partner.partner().group();
                    }
                    return Optional.ofNullable(partner.partner().attributes().get(name));
                case "customer":
                    return Optional.ofNullable(attributes.get(name));
                case "lead":
                    return stage == null || !name.equals("stage") ? Optional.empty() : Optional.of(stage.stage());
                case "payment":
                    if (payment == null) {
                        return Optional.empty();
                    }
                    return Optional.of(name.equals("number") ? Integer.toString(number) : Long.toString(month.getAsLong()));
                default:
                    if (stage != null) {
                        return switch (name) {
                            case "product" -> stage.product();
                            case "amount" -> stage.amount().map(BigDecimal::toPlainString);
                            case "currency" -> stage.currency().map(Currency::getCurrencyCode);
                            default -> Optional.ofNullable(stage.attributes().get(name));
                        };
                    }
                    if (payment == null) {
                        return Optional.empty();
                    }
                    return switch (name) {
                        case "product" -> payment.product();
                        case "amount" -> Optional.of(payment.amount().toPlainString());
                        case "currency" -> Optional.of(payment.currency().getCurrencyCode());
                        default -> Optional.ofNullable(payment.attributes().get(name));
                    };
            }
        }

        @Override
        public BigDecimal before(Metric metric, Period period) {
            if (!volumes.tracks(metric, period)) {
                throw new IllegalStateException("a reward reads the " + metric.jsonName() + " volume per " + period.jsonName()
                        + " without declaring it in Reward.declareVolumes");
            }
            return volumes.before(tx, partner.id(), metric, period, at);
        }

        @Override
        public BigDecimal contribution(Metric metric) {
            if (!volumes.tracks(metric)) {
                throw new IllegalStateException("a reward reads the " + metric.jsonName()
                        + " volume without declaring it in Reward.declareVolumes");
            }
            if (metric == Metric.CONVERSIONS) {
                return conversion;
            }
            if (revenue == null) {
                program.rates().toProgram(BigDecimal.ZERO, currency); // refuses with MISSING_FX_RATE
            }
            return revenue;
        }

        @Override
        public BigDecimal used(String key, CapScope scope) {
            return caps.used(tx, partner.id(), key, scope, customer, at);
        }
    }

    private static final LongSupplier NO_MONTH = () -> 0L;

    /** @return an evaluation's input; {@code instant} is the event's instant ({@code at} in epoch nanoseconds) */
    Input input(Trigger trigger, PartnerRecord partner, Directory.Plan plan, String customer, long at, Instant instant, Currency currency,
                BigDecimal base, Ratio weight, int number, long firstPaymentAt, Payment payment, Map<String, String> attributes,
                BigDecimal conversion, BigDecimal revenue) {
        return new Input(trigger, partner, plan, customer, at, instant, currency, base, weight, number, firstPaymentAt, payment,
                attributes, conversion, revenue, null);
    }

    /** @return an evaluation's input for a lead stage's reward */
    Input input(Trigger trigger, PartnerRecord partner, Directory.Plan plan, String customer, long at, Instant instant, Currency currency,
                BigDecimal base, Ratio weight, int number, long firstPaymentAt, Payment payment, Map<String, String> attributes,
                BigDecimal conversion, BigDecimal revenue, dev.referralkit.event.LeadStage stage) {
        return new Input(trigger, partner, plan, customer, at, instant, currency, base, weight, number, firstPaymentAt, payment,
                attributes, conversion, revenue, stage);
    }

    RewardResult price(Transaction tx, Input in) {
        in.tx = tx;
        RewardContext ctx = RewardContext.of(in.trigger, in.instant, program.timeZone(), in.currency, program.rates(), in.base, in.weight,
                in.number, in.month, in, in, in, in.plan.path());
        RewardResult result = in.plan.reward().evaluate(ctx);
        caps.apply(tx, in.partner.id(), result, in.customer, in.at);
        return result;
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
