package dev.referralkit.reward;

import dev.referralkit.program.CapScope;
import dev.referralkit.program.Fx;
import dev.referralkit.program.Metric;
import dev.referralkit.program.Period;
import dev.referralkit.program.Trigger;

import dev.referralkit.money.Ratio;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link Reward} node may read while it evaluates one event for one credited partner. The
 * engine builds it; nodes derive narrower contexts for their children ({@link #child(String)},
 * {@link #withBase(BigDecimal)}, {@link #insideRecurring()}). Immutable.
 */
public final class RewardContext {
    /** Condition fields (SPEC.md §5): {@code partner.id}, {@code event.amount}, {@code payment.number}, ... */
    @FunctionalInterface
    public interface Fields {
        /**
         * @param field a field name such as {@code partner.group} or {@code customer.plan}
         * @return its value as text, empty if it has none
         */
        Optional<String> get(String field);
    }

    /** Tier volumes of the credited partner. */
    public interface Volumes {
        /**
         * @param metric the metric
         * @param period the period
         * @return the volume already reached in the event's period, before this event
         */
        BigDecimal before(Metric metric, Period period);

        /**
         * @param metric the metric
         * @return what this event adds (its weighted conversion, or its base share in program currency)
         */
        BigDecimal contribution(Metric metric);
    }

    /** Cap usage of the credited partner. */
    @FunctionalInterface
    public interface Caps {
        /**
         * @param key   the cap's identity
         * @param scope the cap's scope; the engine knows the customer and month of the event
         * @return what the cap has already let through, in program currency
         */
        BigDecimal used(String key, CapScope scope);
    }

    private final Trigger trigger;
    private final Instant at;
    private final ZoneId zone;
    private final BigDecimal base;
    private final Ratio weight;
    private final Currency currency;
    private final Fx fx;
    private final int paymentNumber;
    private final java.util.function.LongSupplier paymentMonth;
    private final Fields fields;
    private final Volumes volumes;
    private final Caps caps;
    /** The path, or null until asked for: built from the parent's path and this node's segment. */
    private String path;
    private final RewardContext pathParent;
    private final String segment;
    private final boolean recurring;

    private RewardContext(Builder b, String path, BigDecimal base, boolean recurring) {
        this(b.trigger, b.at, b.zone, b.currency, b.fx, base, b.weight, b.paymentNumber, b.paymentMonth, b.fields, b.volumes, b.caps,
                path, recurring);
    }

    private RewardContext(Trigger trigger, Instant at, ZoneId zone, Currency currency, Fx fx, BigDecimal base, Ratio weight,
                          int paymentNumber, java.util.function.LongSupplier paymentMonth, Fields fields, Volumes volumes, Caps caps,
                          String path, boolean recurring) {
        this.trigger = Objects.requireNonNull(trigger, "trigger");
        this.at = Objects.requireNonNull(at, "at");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.base = Objects.requireNonNull(base, "base");
        this.weight = Objects.requireNonNull(weight, "weight");
        this.currency = Objects.requireNonNull(currency, "currency");
        this.fx = Objects.requireNonNull(fx, "fx");
        this.paymentNumber = paymentNumber;
        this.paymentMonth = Objects.requireNonNull(paymentMonth, "paymentMonth");
        this.fields = Objects.requireNonNull(fields, "fields");
        this.volumes = Objects.requireNonNull(volumes, "volumes");
        this.caps = Objects.requireNonNull(caps, "caps");
        this.path = Objects.requireNonNull(path, "path");
        this.pathParent = null;
        this.segment = null;
        this.recurring = recurring;
    }

    /**
     * The root context of one evaluation, without a builder (the engine's per-event path). What a node
     * reads through {@code fields}, {@code volumes} and {@code caps} may come from one object implementing
     * all three.
     *
     * @param trigger       the trigger being paid
     * @param at            the event's instant
     * @param zone          the program's time zone
     * @param currency      the event's currency (the program's for clicks and leads)
     * @param fx            the program's rates
     * @param base          the partner's share of the base, exact, in {@code currency}
     * @param weight        the partner's credit weight
     * @param paymentNumber the payment's 1-based number since binding; 0 when not a payment
     * @param paymentMonth  computes whole calendar months since the first payment when asked
     * @param fields        condition fields
     * @param volumes       tier volumes
     * @param caps          cap usage
     * @param path          the root path, like {@code rewards.payment}
     * @return the context
     */
    public static RewardContext of(Trigger trigger, Instant at, ZoneId zone, Currency currency, Fx fx, BigDecimal base, Ratio weight,
                                   int paymentNumber, java.util.function.LongSupplier paymentMonth, Fields fields, Volumes volumes,
                                   Caps caps, String path) {
        return new RewardContext(trigger, at, zone, currency, fx, base, weight, paymentNumber, paymentMonth, fields, volumes, caps,
                path, false);
    }

    private RewardContext(RewardContext parent, RewardContext pathParent, String segment, BigDecimal base, boolean recurring) {
        this.trigger = parent.trigger;
        this.at = parent.at;
        this.zone = parent.zone;
        this.base = Objects.requireNonNull(base, "base");
        this.weight = parent.weight;
        this.currency = parent.currency;
        this.fx = parent.fx;
        this.paymentNumber = parent.paymentNumber;
        this.paymentMonth = parent.paymentMonth;
        this.fields = parent.fields;
        this.volumes = parent.volumes;
        this.caps = parent.caps;
        this.path = pathParent == null ? parent.path : null;
        this.pathParent = pathParent == null ? parent.pathParent : pathParent;
        this.segment = pathParent == null ? parent.segment : segment;
        this.recurring = recurring;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the trigger being paid */
    public Trigger trigger() {
        return trigger;
    }

    /** @return the event's instant */
    public Instant at() {
        return at;
    }

    /** @return the program's time zone */
    public ZoneId zone() {
        return zone;
    }

    /** @return the partner's share of the event base, exact, in the event currency (0 for clicks and leads) */
    public BigDecimal base() {
        return base;
    }

    /** @return the partner's credit weight (flat amounts are multiplied by it) */
    public Ratio weight() {
        return weight;
    }

    /** @return the event's currency (the program currency for clicks and leads) */
    public Currency currency() {
        return currency;
    }

    /** @return the program's exchange rates */
    public Fx fx() {
        return fx;
    }

    /** @return the 1-based number of the customer's payment since binding; 0 when not a payment */
    public int paymentNumber() {
        return paymentNumber;
    }

    /** @return whole calendar months since the customer's first payment; 0 when not a payment */
    public long paymentMonth() {
        return paymentMonth.getAsLong();
    }

    /** @return condition fields */
    public Fields fields() {
        return fields;
    }

    /** @return tier volumes */
    public Volumes volumes() {
        return volumes;
    }

    /** @return cap usage */
    public Caps caps() {
        return caps;
    }

    /** @return the JSON path of the node being evaluated, its identity for caps and tiers */
    public String path() {
        if (path == null) {
            // built on demand: only caps and tiers need it, so most evaluations never concatenate
            path = pathParent.path() + "." + segment;
        }
        return path;
    }

    /** @return true below a {@code recurring} node */
    public boolean isInsideRecurring() {
        return recurring;
    }

    /**
     * A payment reward without a {@code recurring} node on its path pays the customer's first
     * payment only (SPEC.md §5.2). Leaf strategies pay nothing when this is true.
     *
     * @return true for a payment after the first, outside any recurring node
     */
    public boolean isOneTimeSpent() {
        return trigger == Trigger.PAYMENT && !recurring && paymentNumber > 1;
    }

    /**
     * @param amount an amount in program currency
     * @return the amount in the event currency
     */
    public BigDecimal fromProgramCurrency(BigDecimal amount) {
        return fx.fromProgram(amount, currency);
    }

    /**
     * @param amount an amount in the event currency
     * @return the amount in program currency
     */
    public BigDecimal toProgramCurrency(BigDecimal amount) {
        return fx.toProgram(amount, currency);
    }

    /**
     * @param segment a path segment such as {@code reward} or {@code tiers[1].reward}
     * @return this context at a child node
     */
    public RewardContext child(String segment) {
        return new RewardContext(this, this, segment, base, recurring);
    }

    /**
     * @param newBase a part of the base (a marginal tier's slice)
     * @return this context with another base
     */
    public RewardContext withBase(BigDecimal newBase) {
        return new RewardContext(this, null, null, newBase, recurring);
    }

    /** @return this context below a {@code recurring} node */
    public RewardContext insideRecurring() {
        return new RewardContext(this, null, null, base, true);
    }

    /** Builds the root context of one evaluation. */
    public static final class Builder {
        private Trigger trigger;
        private Instant at;
        private ZoneId zone = java.time.ZoneOffset.UTC;
        private BigDecimal base = BigDecimal.ZERO;
        private Ratio weight = Ratio.ONE;
        private Currency currency;
        private Fx fx;
        private int paymentNumber;
        private java.util.function.LongSupplier paymentMonth = () -> 0L;
        private Fields fields = f -> Optional.empty();
        private Volumes volumes = new Volumes() {
            @Override
            public BigDecimal before(Metric metric, Period period) {
                return BigDecimal.ZERO;
            }

            @Override
            public BigDecimal contribution(Metric metric) {
                return BigDecimal.ZERO;
            }
        };
        private Caps caps = (key, scope) -> BigDecimal.ZERO;
        private String path = "rewards";

        private Builder() {
        }

        /** @param v the trigger @return this */
        public Builder trigger(Trigger v) {
            trigger = v;
            return this;
        }

        /** @param v the event's instant @return this */
        public Builder at(Instant v) {
            at = v;
            return this;
        }

        /** @param v the program's zone @return this */
        public Builder zone(ZoneId v) {
            zone = v;
            return this;
        }

        /** @param v the partner's base share @return this */
        public Builder base(BigDecimal v) {
            base = v;
            return this;
        }

        /** @param v the partner's weight @return this */
        public Builder weight(Ratio v) {
            weight = v;
            return this;
        }

        /** @param v the event currency @return this */
        public Builder currency(Currency v) {
            currency = v;
            return this;
        }

        /** @param v the program's rates @return this */
        public Builder fx(Fx v) {
            fx = v;
            return this;
        }

        /** @param v the payment number @return this */
        public Builder paymentNumber(int v) {
            paymentNumber = v;
            return this;
        }

        /** @param v the payment month @return this */
        public Builder paymentMonth(long v) {
            paymentMonth = () -> v;
            return this;
        }

        /**
         * @param v computes the payment month when a node asks for it (it costs a calendar computation)
         * @return this
         */
        public Builder paymentMonth(java.util.function.LongSupplier v) {
            paymentMonth = v;
            return this;
        }

        /** @param v condition fields @return this */
        public Builder fields(Fields v) {
            fields = v;
            return this;
        }

        /** @param v volumes @return this */
        public Builder volumes(Volumes v) {
            volumes = v;
            return this;
        }

        /** @param v cap usage @return this */
        public Builder caps(Caps v) {
            caps = v;
            return this;
        }

        /** @param v the root path, like {@code rewards.payment} @return this */
        public Builder path(String v) {
            path = v;
            return this;
        }

        /** @return the context */
        public RewardContext build() {
            if (currency == null && fx != null) {
                currency = fx.programCurrency();
            }
            return new RewardContext(this, path, base, false);
        }
    }
}
