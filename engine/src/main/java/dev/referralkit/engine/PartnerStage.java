package dev.referralkit.engine;

import dev.referralkit.event.PartnerChange;
import dev.referralkit.event.Payment;
import dev.referralkit.event.PayoutRun;
import dev.referralkit.event.Touch;
import dev.referralkit.ledger.Credit;
import dev.referralkit.ledger.Entry;
import dev.referralkit.ledger.EntryKind;
import dev.referralkit.ledger.Explanation;
import dev.referralkit.ledger.ImmutableEntry;
import dev.referralkit.ledger.ImmutablePayout;
import dev.referralkit.ledger.Payout;
import dev.referralkit.money.Money;
import dev.referralkit.money.Percent;
import dev.referralkit.money.Ratio;
import dev.referralkit.program.Bonus;
import dev.referralkit.program.CapScope;
import dev.referralkit.reward.CapUse;
import dev.referralkit.program.Metric;
import dev.referralkit.program.Period;
import dev.referralkit.program.Program;
import dev.referralkit.reward.RewardContext;
import dev.referralkit.reward.RewardResult;
import dev.referralkit.reward.TierPricing;
import dev.referralkit.program.Trigger;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partner stage (keyed by partner): pricing with volumes and caps, entries and parent shares,
 * reversals, period close (true-ups, bonuses) and payouts.
 *
 * <p><b>State per partner</b> ({@link Book}): the volumes of its open periods (month, quarter, year,
 * lifetime; a closed period is dropped) with the retroactive pricings made in them, cap usage, the
 * unsettled entries per currency (settled ones are the host's), and the lifetime bonuses awarded.
 * <b>Per payment</b> ({@link PaymentBook}): the entries it produced and the volume it added, so a refund
 * touches only those.
 *
 * <p><b>Work per event</b>: a payment evaluates one plan per credited partner and updates four period
 * volumes each; a refund walks the entries of its payment; a payout run walks the partners, their open
 * periods that end by then, and their unsettled entries. Nothing scans past events.
 *
 * <p>{@link #prepare} computes entries without changing state and returns a {@link Step}; its
 * {@code commit} applies the change. Payout runs and partner changes cannot be refused once checked,
 * so they work inside {@code commit}.
 */
final class PartnerStage {
    private static final Logger LOG = LoggerFactory.getLogger(PartnerStage.class);
    private static final int VOLUME_SCALE = 20;

    private final Program program;
    private final PartnerDirectory partners;
    /**
     * The last period looked up for each kind: events arrive mostly in time order, so consecutive
     * events fall in the same period and its label and end are computed once, not per event.
     */
    private final long[] cachedFrom = new long[Period.values().length];
    private final long[] cachedUntil = new long[Period.values().length];
    private final String[] cachedLabel = new String[Period.values().length];
    private final Instant[] cachedEnd = new Instant[Period.values().length];

    private String label(Period period, Instant at) {
        cache(period, at);
        return cachedLabel[period.ordinal()];
    }

    private Instant end(Period period, Instant at) {
        cache(period, at);
        return cachedEnd[period.ordinal()];
    }

    private void cache(Period period, Instant at) {
        int i = period.ordinal();
        long second = at.getEpochSecond();
        if (cachedLabel[i] != null && second >= cachedFrom[i] && second < cachedUntil[i]) {
            return;
        }
        Instant end = period.end(at, program.timeZone());
        cachedLabel[i] = period.label(at, program.timeZone());
        cachedEnd[i] = end;
        java.time.LocalDate start = period.startDate(at, program.timeZone());
        cachedFrom[i] = period == Period.LIFETIME ? Long.MIN_VALUE
                : java.time.ZonedDateTime.of(start.atStartOfDay(), program.timeZone()).toInstant().getEpochSecond();
        cachedUntil[i] = period == Period.LIFETIME ? Long.MAX_VALUE : end.getEpochSecond();
    }

    /** The periods and metrics some plan or bonus reads; only these are tracked. */
    private final java.util.EnumSet<Period> tracked = java.util.EnumSet.noneOf(Period.class);
    private final java.util.EnumSet<Metric> metrics = java.util.EnumSet.noneOf(Metric.class);
    final Map<String, Book> books = new HashMap<>();
    final IdTable<PaymentBook> payments = new IdTable<>();

    PartnerStage(Program program, PartnerDirectory partners) {
        this.program = program;
        this.partners = partners;
        declareVolumes();
    }

    /**
     * Collects the volumes every plan reads (program, groups, partners' own plans) and bonuses use.
     * Called again when a snapshot brings partners with plans of their own.
     */
    void declareVolumes() {
        java.util.function.BiConsumer<Metric, Period> uses = (metric, period) -> {
            metrics.add(metric);
            tracked.add(period);
        };
        declare(program.rewards(), uses);
        program.groups().values().forEach(g -> g.rewards().ifPresent(r -> declare(r, uses)));
        partners.partners.values().forEach(p -> p.rewards().ifPresent(r -> declare(r, uses)));
        program.bonuses().forEach(b -> uses.accept(b.metric(), b.period()));
    }

    private static void declare(dev.referralkit.program.Rewards rewards, java.util.function.BiConsumer<Metric, Period> uses) {
        for (Trigger t : Trigger.values()) {
            rewards.forTrigger(t).ifPresent(r -> r.declareVolumes(uses));
        }
    }

    /** A partner's state. */
    static final class Book {
        final Map<String, PeriodState> periods = new HashMap<>();
        final Map<String, BigDecimal> capUsed = new HashMap<>();
        /** Unsettled entries by currency code, in ledger order. */
        final Map<String, List<Unsettled>> unsettled = new TreeMap<>();
        final java.util.Set<Integer> lifetimeBonuses = new java.util.HashSet<>();
        final Map<String, BigDecimal> paid = new TreeMap<>();
    }

    /**
     * What the engine keeps of an unsettled entry: enough to settle it and to report balances. The
     * entry itself (with its explanation) is the host's.
     */
    static final class Unsettled {
        final String id;
        final long amountMinor;
        final Instant availableAt;

        Unsettled(String id, long amountMinor, Instant availableAt) {
            this.id = id;
            this.amountMinor = amountMinor;
            this.availableAt = availableAt;
        }
    }

    /** Volumes of one open period, and the retroactive pricings of its payments. */
    static final class PeriodState {
        final Period period;
        final String label;
        final Instant end;
        Ratio conversions = Ratio.ZERO;
        BigDecimal revenue = BigDecimal.ZERO;
        final List<Retro> retro = new ArrayList<>();

        PeriodState(Period period, String label, Instant end) {
            this.period = period;
            this.label = label;
            this.end = end;
        }

        BigDecimal volume(Metric metric) {
            return metric == Metric.CONVERSIONS ? conversions.toBigDecimal(VOLUME_SCALE) : revenue;
        }
    }

    /** A retroactive pricing to true up when its period closes. */
    static final class Retro {
        final String paymentId;
        final String customer;
        final Instant paymentAt;
        final Currency currency;
        final TierPricing pricing;

        Retro(String paymentId, String customer, Instant paymentAt, Currency currency, TierPricing pricing) {
            this.paymentId = paymentId;
            this.customer = customer;
            this.paymentAt = paymentAt;
            this.currency = currency;
            this.pricing = pricing;
        }
    }

    /** What a refund of one payment needs: the entries it produced, the volume it added, how much is refunded. */
    static final class PaymentBook {
        Ratio refunded = Ratio.ZERO;
        /** Usually one entry: a list holding it is allocated only for a second one. */
        final SmallList<Reversible> entries = new SmallList<>();
        /** Null while the program tracks no volume. */
        List<VolumeShare> volumes;

        List<VolumeShare> volumes() {
            return volumes == null ? List.of() : volumes;
        }
    }

    /**
     * What a later refund needs of one entry of a payment: who, how much (minor units), when it became
     * available, and how much of it is reversed so far. The entry itself is the host's; its id is the
     * payment id plus a suffix, kept only where it cannot be derived ({@code <partner>/commission}).
     */
    static final class Reversible {
        final String partner;
        final String suffix;
        final EntryKind kind;
        final String customer;
        final Currency currency;
        final long amountMinor;
        private final long availableSecond;
        private final int availableNano;
        final Ratio baseFraction;
        long reversedMinor;

        Reversible(String partner, String suffix, EntryKind kind, String customer, Currency currency, long amountMinor,
                   Instant availableAt, Ratio baseFraction) {
            this.partner = partner;
            this.suffix = suffix;
            this.kind = kind;
            this.customer = customer;
            this.currency = currency;
            this.amountMinor = amountMinor;
            this.availableSecond = availableAt.getEpochSecond();
            this.availableNano = availableAt.getNano();
            this.baseFraction = baseFraction;
        }

        Instant availableAt() {
            return Instant.ofEpochSecond(availableSecond, availableNano);
        }

        static Reversible of(Entry e, String paymentId, Ratio baseFraction) {
            String id = e.id();
            int from = paymentId.length() + 1;
            boolean plain = e.kind() == EntryKind.COMMISSION && id.length() == from + e.partner().length() + "/commission".length()
                    && id.startsWith(e.partner(), from) && id.endsWith("/commission");
            String suffix = plain ? null : id.substring(from);
            return new Reversible(e.partner(), suffix, e.kind(), e.customer().orElse(null), e.currency(),
                    e.money().toMinorUnits(), e.availableAt(), baseFraction);
        }

        String suffix() {
            return suffix == null ? partner + "/commission" : suffix;
        }

        Money amount() {
            return Money.ofMinor(amountMinor, currency);
        }
    }

    /** The volume a payment added to one partner's tracked periods (found again from its instant). */
    static final class VolumeShare {
        final String partner;
        final Instant at;
        final Ratio conversions;
        final BigDecimal revenue;

        VolumeShare(String partner, Instant at, Ratio conversions, BigDecimal revenue) {
            this.partner = partner;
            this.at = at;
            this.conversions = conversions;
            this.revenue = revenue;
        }
    }

    /** Entries and payouts an event made, and the change to apply. */
    static final class Step {
        final List<Entry> entries;
        final List<Payout> payouts;
        final Runnable commit;

        Step(List<Entry> entries, List<Payout> payouts, Runnable commit) {
            this.entries = entries;
            this.payouts = payouts;
            this.commit = commit;
        }
    }

    Step prepare(AttributedEvent value) {
        if (value instanceof AttributedEvent.AttributedPayment) {
            return payment((AttributedEvent.AttributedPayment) value);
        }
        if (value instanceof AttributedEvent.AttributedRefund) {
            return refund((AttributedEvent.AttributedRefund) value);
        }
        if (value instanceof AttributedEvent.AttributedLead) {
            return lead((AttributedEvent.AttributedLead) value);
        }
        if (value instanceof AttributedEvent.Click) {
            return click((AttributedEvent.Click) value);
        }
        if (value.event instanceof PayoutRun) {
            List<Entry> entries = new ArrayList<>();
            List<Payout> payouts = new ArrayList<>();
            return new Step(entries, payouts, () -> payoutRun((PayoutRun) value.event, entries, payouts));
        }
        if (value.event instanceof PartnerChange) {
            return new Step(List.of(), List.of(), () -> partners.apply((PartnerChange) value.event));
        }
        return new Step(List.of(), List.of(), () -> { });
    }

    private Book book(String partner) {
        return books.computeIfAbsent(partner, p -> new Book());
    }

    private Book peek(String partner) {
        Book b = books.get(partner);
        return b == null ? new Book() : b;
    }

    // ---------------------------------------------------------------- pricing

    /** Everything a plan evaluation reads, and what it changes once committed. */
    private final class Pricing {
        final List<Entry> entries = new ArrayList<>(2);
        final List<Runnable> changes = new ArrayList<>(4);

        void change(Runnable r) {
            changes.add(r);
        }

        Runnable commit() {
            return () -> changes.forEach(Runnable::run);
        }
    }

    private RewardContext.Fields fields(String partnerId, Map<String, String> customer, Optional<Payment> payment,
                                        int number, java.util.function.LongSupplier month) {
        return field -> {
            int dot = field.indexOf('.');
            String scope = field.substring(0, dot);
            String name = field.substring(dot + 1);
            switch (scope) {
                case "partner": {
                    dev.referralkit.program.Partner p = partners.get(partnerId);
                    if (name.equals("id")) {
                        return Optional.of(partnerId);
                    }
                    if (name.equals("group")) {
                        return p.group();
                    }
                    return Optional.ofNullable(p.attributes().get(name));
                }
                case "customer":
                    return Optional.ofNullable(customer.get(name));
                case "payment":
                    if (payment.isEmpty()) {
                        return Optional.empty();
                    }
                    return Optional.of(name.equals("number") ? Integer.toString(number) : Long.toString(month.getAsLong()));
                default:
                    if (payment.isEmpty()) {
                        return Optional.empty();
                    }
                    Payment pay = payment.get();
                    switch (name) {
                        case "product":
                            return pay.product();
                        case "amount":
                            return Optional.of(pay.amount().toPlainString());
                        case "currency":
                            return Optional.of(pay.currency().getCurrencyCode());
                        default:
                            return Optional.ofNullable(pay.attributes().get(name));
                    }
            }
        };
    }

    private RewardContext.Volumes volumes(Book book, Instant at, BigDecimal conversion, BigDecimal revenue, Currency currency) {
        return new RewardContext.Volumes() {
            @Override
            public BigDecimal before(Metric metric, Period period) {
                requireDeclared(metric, period);
                PeriodState state = book.periods.get(label(period, at));
                return state == null ? BigDecimal.ZERO : state.volume(metric);
            }

            @Override
            public BigDecimal contribution(Metric metric) {
                if (!metrics.contains(metric)) {
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
        };
    }

    private void requireDeclared(Metric metric, Period period) {
        if (!metrics.contains(metric) || !tracked.contains(period)) {
            throw new IllegalStateException("a reward reads the " + metric.jsonName() + " volume per " + period.jsonName()
                    + " without declaring it in Reward.declareVolumes");
        }
    }

    private RewardContext.Caps caps(Book book, String customer, Instant at) {
        return (key, scope) -> book.capUsed.getOrDefault(capKey(key, scope, customer, at), BigDecimal.ZERO);
    }

    private String capKey(String key, CapScope scope, String customer, Instant at) {
        switch (scope) {
            case CUSTOMER:
                return key + "|customer|" + customer;
            case PARTNER_MONTH:
                return key + "|month|" + label(Period.MONTH, at);
            default:
                return key + "|lifetime";
        }
    }

    private Money round(BigDecimal exact, Currency currency) {
        return Money.rounded(exact, currency, program.rounding());
    }

    private Entry entry(String id, EntryKind kind, String partner, String customer, String event, Money amount,
                        Instant availableAt, Explanation explanation) {
        ImmutableEntry.Builder b = ImmutableEntry.builder().id(id).kind(kind).partner(partner).event(event)
                .amount(amount.amount()).currency(amount.currency()).availableAt(availableAt).explanation(explanation);
        if (customer != null) {
            b.customer(customer);
        }
        return b.build();
    }

    private Instant held(Instant at) {
        return at.plus(Duration.ofDays(program.holdDays()));
    }

    /** Records an entry as unsettled (on commit) and returns it. */
    private Entry add(Pricing pricing, Entry entry) {
        pricing.entries.add(entry);
        Unsettled open = new Unsettled(entry.id(), entry.money().toMinorUnits(), entry.availableAt());
        pricing.change(() -> book(entry.partner()).unsettled
                .computeIfAbsent(entry.currency().getCurrencyCode(), c -> new ArrayList<>()).add(open));
        return entry;
    }

    /** Parent shares of an entry (SPEC.md §5.3): each ancestor its level's percentage of the entry. */
    private List<Entry> parentShares(Pricing pricing, Entry source, String sourceLabel) {
        List<Entry> shares = new ArrayList<>();
        if (program.parentShare().isEmpty()) {
            return shares;
        }
        List<Percent> levels = program.parentShare().get().levels();
        List<String> ancestors = partners.ancestors(source.partner(), levels.size());
        for (int level = 0; level < ancestors.size(); level++) {
            String ancestor = ancestors.get(level);
            if (!partners.isActive(ancestor)) {
                LOG.debug("no parent share for inactive partner {} of {}", ancestor, source.id());
                continue;
            }
            Percent percent = levels.get(level);
            Money amount = round(percent.applyTo(source.amount()), source.currency());
            if (amount.isZero()) {
                continue;
            }
            Money base = source.money();
            String child = source.partner();
            shares.add(add(pricing, entry(source.id() + "/parent/" + ancestor, EntryKind.PARENT_SHARE, ancestor,
                    source.customer().orElse(null), source.event(), amount, source.availableAt(),
                    Explanation.lazy("parent_share", List.of(source.explanation()),
                            () -> percent + " parent share of " + child + "'s " + sourceLabel + " " + base))));
        }
        return shares;
    }

    /** The plan's explanation, with where the plan came from (group, partner plan) and the credit weight. */
    private static Explanation withSource(Explanation inner, String source, Ratio weight) {
        if (source == null && weight.equals(Ratio.ONE)) {
            return inner;
        }
        return Explanation.lazy(inner.rule(), List.of(inner), () -> {
            StringBuilder text = new StringBuilder(inner.text()).append(" (");
            if (source != null) {
                text.append(source);
            }
            if (!weight.equals(Ratio.ONE)) {
                text.append(source != null ? ", " : "").append("credit ").append(weight.toDecimalString());
            }
            return text.append(')').toString();
        });
    }

    private Step click(AttributedEvent.Click value) {
        Touch touch = value.touch;
        Pricing pricing = new Pricing();
        String partner = touch.partner();
        if (!partners.isActive(partner)) {
            LOG.debug("no click reward for inactive partner {} on {}", partner, touch.id());
            return new Step(List.of(), List.of(), () -> { });
        }
        Optional<PartnerDirectory.Plan> plan = partners.planFor(partner, Trigger.CLICK);
        if (plan.isPresent()) {
            Book book = peek(partner);
            RewardContext ctx = RewardContext.builder().trigger(Trigger.CLICK).at(touch.at()).zone(program.timeZone())
                    .currency(program.currency()).fx(program.rates()).base(BigDecimal.ZERO).weight(Ratio.ONE)
                    .fields(fields(partner, Map.of(), Optional.empty(), 0, () -> 0L))
                    .volumes(volumes(book, touch.at(), BigDecimal.ZERO, BigDecimal.ZERO, program.currency()))
                    .caps(caps(book, touch.customer(), touch.at())).path(plan.get().path).build();
            RewardResult result = plan.get().reward.evaluate(ctx);
            applyCaps(pricing, partner, result, touch.customer(), touch.at());
            Money amount = round(result.amount(), program.currency());
            if (!amount.isZero()) {
                Entry e = add(pricing, entry(touch.id() + "/" + partner + "/click", EntryKind.COMMISSION, partner,
                        touch.customer(), touch.id(), amount, held(touch.at()),
                        withSource(result.explanation(), plan.get().source, Ratio.ONE)));
                parentShares(pricing, e, "click reward");
            }
        }
        return new Step(pricing.entries, List.of(), pricing.commit());
    }

    private Step lead(AttributedEvent.AttributedLead value) {
        Pricing pricing = new Pricing();
        if (!value.firstLead) {
            return new Step(List.of(), List.of(), () -> { });
        }
        for (Credit credit : value.credits) {
            String partner = credit.partner();
            if (!partners.isActive(partner)) {
                LOG.debug("no lead reward for inactive partner {} on {}", partner, value.lead.id());
                continue;
            }
            Optional<PartnerDirectory.Plan> plan = partners.planFor(partner, Trigger.LEAD);
            if (plan.isEmpty()) {
                continue;
            }
            Book book = peek(partner);
            Instant at = value.lead.at();
            RewardContext ctx = RewardContext.builder().trigger(Trigger.LEAD).at(at).zone(program.timeZone())
                    .currency(program.currency()).fx(program.rates()).base(BigDecimal.ZERO).weight(credit.weight())
                    .fields(fields(partner, value.customerAttributes, Optional.empty(), 0, () -> 0L))
                    .volumes(volumes(book, at, BigDecimal.ZERO, BigDecimal.ZERO, program.currency()))
                    .caps(caps(book, value.lead.customer(), at)).path(plan.get().path).build();
            RewardResult result = plan.get().reward.evaluate(ctx);
            applyCaps(pricing, partner, result, value.lead.customer(), at);
            Money amount = round(result.amount(), program.currency());
            if (!amount.isZero()) {
                Entry e = add(pricing, entry(value.lead.id() + "/" + partner + "/lead", EntryKind.COMMISSION, partner,
                        value.lead.customer(), value.lead.id(), amount, held(at),
                        withSource(result.explanation(), plan.get().source, credit.weight())));
                parentShares(pricing, e, "lead reward");
            }
        }
        return new Step(pricing.entries, List.of(), pricing.commit());
    }

    private void applyCaps(Pricing pricing, String partner, RewardResult result, String customer, Instant at) {
        for (CapUse use : result.capUses()) {
            if (use.scope() == CapScope.EVENT || use.amount().signum() == 0) {
                continue;
            }
            String key = capKey(use.key(), use.scope(), customer, at);
            BigDecimal amount = use.amount();
            pricing.change(() -> book(partner).capUsed.merge(key, amount, BigDecimal::add));
        }
    }

    private Step payment(AttributedEvent.AttributedPayment value) {
        Payment payment = value.payment;
        Pricing pricing = new Pricing();
        if (value.credits.isEmpty()) {
            return new Step(List.of(), List.of(), () -> { });
        }
        PaymentBook paymentBook = new PaymentBook();
        Money base = payment.base();
        List<Money> shares;
        if (value.credits.size() == 1) {
            shares = List.of(base);
        } else {
            List<Ratio> weights = new ArrayList<>(value.credits.size());
            for (Credit c : value.credits) {
                weights.add(c.weight());
            }
            shares = base.allocate(weights);
        }
        Instant at = payment.at();
        Currency currency = payment.currency();
        for (int i = 0; i < value.credits.size(); i++) {
            Credit credit = value.credits.get(i);
            String partner = credit.partner();
            if (!partners.isActive(partner)) {
                LOG.debug("no commission for inactive partner {} on {}", partner, payment.id());
                continue;
            }
            if (value.lockedOut) {
                LOG.debug("no commission for {} on {}: after the lock-in", partner, payment.id());
                continue;
            }
            Money share = shares.get(i);
            Ratio conversion = value.conversion ? credit.weight() : Ratio.ZERO;
            BigDecimal revenue = metrics.contains(Metric.REVENUE) && program.rates().canConvert(currency)
                    ? program.rates().toProgram(share.amount(), currency) : null;
            Book book = peek(partner);
            Optional<PartnerDirectory.Plan> plan = partners.planFor(partner, Trigger.PAYMENT);
            if (plan.isPresent()) {
                RewardContext ctx = RewardContext.builder().trigger(Trigger.PAYMENT).at(at).zone(program.timeZone())
                        .currency(currency).fx(program.rates()).base(share.amount()).weight(credit.weight())
                        .paymentNumber(value.number).paymentMonth(value.month)
                        .fields(fields(partner, value.customerAttributes, Optional.of(payment), value.number, value.month))
                        .volumes(volumes(book, at, metrics.contains(Metric.CONVERSIONS) ? conversion.toBigDecimal(VOLUME_SCALE)
                                : BigDecimal.ZERO, revenue, currency))
                        .caps(caps(book, payment.customer(), at)).path(plan.get().path).build();
                RewardResult result = plan.get().reward.evaluate(ctx);
                applyCaps(pricing, partner, result, payment.customer(), at);
                for (TierPricing tp : result.tierPricings()) {
                    Retro retro = new Retro(payment.id(), payment.customer(), at, currency, tp);
                    String label = label(tp.period(), at);
                    Instant end = end(tp.period(), at);
                    pricing.change(() -> period(book(partner), tp.period(), label, end).retro.add(retro));
                }
                Money amount = round(result.amount(), currency);
                if (!amount.isZero()) {
                    Entry e = add(pricing, entry(payment.id() + "/" + partner + "/commission", EntryKind.COMMISSION, partner,
                            value.customer, payment.id(), amount, held(at),
                            withSource(result.explanation(), plan.get().source, credit.weight())));
                    paymentBook.entries.add(Reversible.of(e, payment.id(), Ratio.ZERO));
                    for (Entry share2 : parentShares(pricing, e, "commission")) {
                        paymentBook.entries.add(Reversible.of(share2, payment.id(), Ratio.ZERO));
                    }
                }
            }
            if (!tracked.isEmpty()) {
                VolumeShare volume = new VolumeShare(partner, at, conversion, revenue);
                if (paymentBook.volumes == null) {
                    paymentBook.volumes = new ArrayList<>(1);
                }
                paymentBook.volumes.add(volume);
                pricing.change(() -> addVolume(book(partner), volume, Ratio.ONE));
            }
        }
        if (!paymentBook.entries.isEmpty() || paymentBook.volumes != null) {
            pricing.change(() -> payments.put(payment.id(), paymentBook));
        }
        return new Step(pricing.entries, List.of(), pricing.commit());
    }

    private PeriodState period(Book book, Period period, String label, Instant end) {
        return book.periods.computeIfAbsent(label, l -> new PeriodState(period, label, end));
    }

    private void addVolume(Book book, VolumeShare share, Ratio factor) {
        for (Period p : tracked) {
            PeriodState state = period(book, p, label(p, share.at), end(p, share.at));
            state.conversions = state.conversions.plus(share.conversions.times(factor));
            if (share.revenue != null) {
                state.revenue = state.revenue.add(factor.times(share.revenue, VOLUME_SCALE, RoundingMode.HALF_EVEN));
            }
        }
    }

    private void lowerVolume(Book book, VolumeShare share, Ratio factor) {
        for (Period p : tracked) {
            PeriodState state = book.periods.get(label(p, share.at));
            if (state == null) {
                continue; // closed: a refund after close changes nothing there
            }
            state.conversions = state.conversions.minus(share.conversions.times(factor));
            if (share.revenue != null) {
                state.revenue = state.revenue.subtract(factor.times(share.revenue, VOLUME_SCALE, RoundingMode.HALF_EVEN));
            }
        }
    }

    // ---------------------------------------------------------------- refunds

    /**
     * SPEC.md §6: every entry of the refunded payment gets a {@code REVERSAL} so that its cumulative
     * reversal is {@code round(entry × cumulative refunded / payment amount)}. An entry made after part of
     * the payment was refunded (a true-up) reverses on what was refunded after it:
     * {@code round(entry × (f − f0) / (1 − f0))}. Volumes of still-open periods fall by the refunded share.
     */
    private Step refund(AttributedEvent.AttributedRefund value) {
        Pricing pricing = new Pricing();
        PaymentBook book = payments.get(value.refund.payment());
        Ratio after = Ratio.of(value.refundedAfter.amount()).dividedBy(Ratio.of(value.paymentAmount.amount()));
        Ratio delta = Ratio.of(value.refundedAfter.minus(value.refundedBefore).amount()).dividedBy(Ratio.of(value.paymentAmount.amount()));
        if (book == null) {
            return new Step(List.of(), List.of(), () -> { });
        }
        String paymentId = value.refund.payment();
        for (Reversible r : book.entries) {
            if (after.compareTo(r.baseFraction) <= 0) {
                continue;
            }
            Ratio portion = after.minus(r.baseFraction).dividedBy(Ratio.ONE.minus(r.baseFraction));
            Money source = r.amount();
            Money target = round(portion.times(source.amount(), 40, RoundingMode.HALF_EVEN), r.currency);
            long targetMinor = target.toMinorUnits();
            long change = targetMinor - r.reversedMinor;
            if (change == 0) {
                continue;
            }
            String suffix = r.suffix();
            String id = r.suffix == null
                    ? value.refund.id() + "/" + r.partner + "/reversal"
                    : value.refund.id() + "/" + suffix + "/reversal";
            Instant sourceAvailable = r.availableAt();
            Instant availableAt = value.refund.at().isAfter(sourceAvailable) ? value.refund.at() : sourceAvailable;
            Money amount = Money.ofMinor(-change, r.currency);
            Money refunded = value.refundedAfter;
            Money total = value.paymentAmount;
            String sourceId = paymentId + "/" + suffix;
            add(pricing, entry(id, EntryKind.REVERSAL, r.partner, r.customer, value.refund.id(),
                    amount, availableAt, Explanation.lazy("reversal", List.of(),
                            () -> "reverses " + amount.negated() + " of " + sourceId + " (" + source + "): " + refunded
                                    + " of " + total + " refunded, " + target.amount().toPlainString() + " reversed in all")));
            pricing.change(() -> r.reversedMinor = targetMinor);
        }
        for (VolumeShare share : book.volumes()) {
            pricing.change(() -> lowerVolume(book(share.partner), share, delta));
        }
        pricing.change(() -> book.refunded = after);
        return new Step(pricing.entries, List.of(), pricing.commit());
    }

    // ---------------------------------------------------------------- payout runs

    private void payoutRun(PayoutRun run, List<Entry> entries, List<Payout> payouts) {
        Instant t = run.at();
        for (String partner : partners.ids()) {
            Book book = books.get(partner);
            if (book != null) {
                close(run, partner, book, entries);
            }
        }
        for (String partner : partners.ids()) {
            Book book = books.get(partner);
            if (book == null) {
                continue;
            }
            if (!partners.isActive(partner)) {
                LOG.debug("payout withheld for {}: status {}", partner, partners.statusAt(partner));
                continue;
            }
            for (Map.Entry<String, List<Unsettled>> byCurrency : book.unsettled.entrySet()) {
                Currency currency = Currency.getInstance(byCurrency.getKey());
                long sumMinor = 0;
                List<String> settled = new ArrayList<>();
                for (Unsettled e : byCurrency.getValue()) {
                    if (!e.availableAt.isAfter(t)) {
                        sumMinor = Math.addExact(sumMinor, e.amountMinor);
                        settled.add(e.id);
                    }
                }
                Money sum = Money.ofMinor(sumMinor, currency);
                Optional<Money> minimum = program.minimumPayout(currency);
                boolean pay = sum.signum() > 0 && (minimum.isEmpty() || sum.compareTo(minimum.get()) >= 0);
                if (!pay) {
                    continue;
                }
                Money paid = sum;
                int count = settled.size();
                entries.add(entry(run.id() + "/" + partner + "/" + currency.getCurrencyCode() + "/payout", EntryKind.PAYOUT, partner,
                        null, run.id(), sum.negated(), t, Explanation.lazy("payout", List.of(),
                                () -> "payout run " + run.id() + ": " + paid + " for " + count + (count == 1 ? " entry" : " entries"))));
                payouts.add(ImmutablePayout.builder().run(run.id()).partner(partner).currency(currency)
                        .amount(sum.amount()).entries(settled).build());
                byCurrency.getValue().removeIf(e -> !e.availableAt.isAfter(t));
                book.paid.merge(currency.getCurrencyCode(), sum.amount(), BigDecimal::add);
            }
        }
    }

    /** Closes the partner's periods that ended by the run: true-ups, bonuses; and lifetime bonuses. */
    private void close(PayoutRun run, String partner, Book book, List<Entry> entries) {
        Instant t = run.at();
        List<PeriodState> closing = new ArrayList<>();
        for (PeriodState state : book.periods.values()) {
            if (!state.end.isAfter(t)) {
                closing.add(state);
            }
        }
        closing.sort((a, b) -> a.end.equals(b.end) ? a.label.compareTo(b.label) : a.end.compareTo(b.end));
        boolean active = partners.isActive(partner);
        Pricing pricing = new Pricing();
        for (PeriodState state : closing) {
            if (active) {
                trueUps(run, partner, state, pricing);
                List<Bonus> bonuses = program.bonuses();
                for (int i = 0; i < bonuses.size(); i++) {
                    Bonus bonus = bonuses.get(i);
                    if (bonus.period() == state.period && state.volume(bonus.metric()).compareTo(bonus.threshold()) >= 0) {
                        bonus(run, partner, i, bonus, state, pricing);
                    }
                }
            }
            book.periods.remove(state.label);
        }
        if (active) {
            List<Bonus> bonuses = program.bonuses();
            for (int i = 0; i < bonuses.size(); i++) {
                Bonus bonus = bonuses.get(i);
                PeriodState lifetime = book.periods.get("lifetime");
                if (bonus.period() == Period.LIFETIME && lifetime != null && !book.lifetimeBonuses.contains(i)
                        && lifetime.volume(bonus.metric()).compareTo(bonus.threshold()) >= 0) {
                    bonus(run, partner, i, bonus, lifetime, pricing);
                    book.lifetimeBonuses.add(i);
                }
            }
        }
        pricing.commit().run();
        entries.addAll(pricing.entries);
    }

    private void trueUps(PayoutRun run, String partner, PeriodState state, Pricing pricing) {
        for (Retro retro : state.retro) {
            TierPricing tp = retro.pricing;
            int tier = TierPricing.tierOf(tp.aboves(), state.volume(tp.metric()));
            PaymentBook paymentBook = payments.get(retro.paymentId);
            Ratio refunded = paymentBook == null ? Ratio.ZERO : paymentBook.refunded;
            Ratio unrefunded = Ratio.ONE.minus(refunded);
            BigDecimal difference = tp.amountsByTier().get(tier).subtract(tp.paid());
            Money amount = round(unrefunded.times(difference, 40, RoundingMode.HALF_EVEN), retro.currency);
            if (amount.isZero()) {
                continue;
            }
            Instant availableAt = held(retro.paymentAt).isAfter(run.at()) ? held(retro.paymentAt) : run.at();
            int priced = tp.tier();
            int n = tp.aboves().size();
            String label = state.label;
            Entry e = add(pricing, entry(retro.paymentId + "/" + partner + "/true_up/" + label, EntryKind.TRUE_UP, partner,
                    retro.customer, retro.paymentId, amount, availableAt, Explanation.lazy("true_up", List.of(),
                            () -> "true-up of " + retro.paymentId + " from tier " + (priced + 1) + " to tier " + (tier + 1) + " of " + n
                                    + " at the close of " + label + " (" + unrefunded.toDecimalString() + " unrefunded)")));
            if (paymentBook != null) {
                paymentBook.entries.add(Reversible.of(e, retro.paymentId, refunded));
            }
            for (Entry share : parentShares(pricing, e, "true-up")) {
                if (paymentBook != null) {
                    paymentBook.entries.add(Reversible.of(share, retro.paymentId, refunded));
                }
            }
        }
    }

    private void bonus(PayoutRun run, String partner, int index, Bonus bonus, PeriodState state, Pricing pricing) {
        Money amount = Money.of("bonuses.amount", bonus.amount(), program.currency());
        BigDecimal volume = state.volume(bonus.metric());
        String label = state.label;
        Entry e = add(pricing, entry(run.id() + "/" + partner + "/bonus/" + index + "/" + label, EntryKind.BONUS, partner, null,
                run.id(), amount, run.at(), Explanation.lazy("bonus", List.of(), () -> "bonus " + amount + ": "
                        + (bonus.metric() == Metric.CONVERSIONS ? stripped(volume) + " conversions" : "revenue " + stripped(volume))
                        + " reached " + stripped(bonus.threshold()) + " in " + label)));
        parentShares(pricing, e, "bonus");
    }

    private static String stripped(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }

    /**
     * Balances from the engine's own state: unsettled entries split at {@code asOf}, and what payouts
     * paid so far. Equal to {@link dev.referralkit.ledger.Balances#derive} over every entry the engine
     * returned, for {@code asOf} at or after the last event.
     */
    List<dev.referralkit.ledger.Balance> balances(Instant asOf) {
        List<dev.referralkit.ledger.Balance> result = new ArrayList<>();
        for (String partner : partners.ids()) {
            Book book = books.get(partner);
            if (book == null) {
                continue;
            }
            java.util.Set<String> codes = new java.util.TreeSet<>(book.unsettled.keySet());
            codes.addAll(book.paid.keySet());
            for (String code : codes) {
                Currency currency = Currency.getInstance(code);
                Money pending = Money.zero(currency);
                Money available = Money.zero(currency);
                for (Unsettled e : book.unsettled.getOrDefault(code, List.of())) {
                    if (e.availableAt.isAfter(asOf)) {
                        pending = pending.plus(Money.ofMinor(e.amountMinor, currency));
                    } else {
                        available = available.plus(Money.ofMinor(e.amountMinor, currency));
                    }
                }
                Money paid = Money.of(book.paid.getOrDefault(code, BigDecimal.ZERO), currency);
                result.add(dev.referralkit.ledger.ImmutableBalance.builder().partner(partner).currency(currency)
                        .pending(pending.amount()).available(available.amount()).paid(paid.amount()).build());
            }
        }
        return result;
    }
}
