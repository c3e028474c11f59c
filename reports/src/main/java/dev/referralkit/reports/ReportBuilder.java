package dev.referralkit.reports;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.engine.Outcome;
import dev.referralkit.engine.ReferralProgram;
import dev.referralkit.event.Channel;
import dev.referralkit.event.Event;
import dev.referralkit.event.Lead;
import dev.referralkit.event.PartnerChange;
import dev.referralkit.event.Payment;
import dev.referralkit.event.Refund;
import dev.referralkit.event.Touch;
import dev.referralkit.ledger.Balance;
import dev.referralkit.ledger.Binding;
import dev.referralkit.ledger.Credit;
import dev.referralkit.ledger.Entry;
import dev.referralkit.ledger.EntryKind;
import dev.referralkit.ledger.ImmutableBalance;
import dev.referralkit.money.Money;
import dev.referralkit.money.Ratio;
import dev.referralkit.program.Partner;
import dev.referralkit.program.Program;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * Builds a {@link Report} from a program's events and what the engine made of them, one event at
 * a time, in the order the engine processed them: from a live engine ({@link #accept(Event, Outcome)}),
 * from a re-run ({@link Reports#run}), or from a journal of accepted events with the entries and
 * bindings the host persisted ({@link LedgerFiles}). {@link #build} can be called at any time and
 * leaves the builder as it was.
 *
 * <h2>Design</h2>
 * <p>Bindings come from the engine (the {@link Outcome}, or the bindings file): the builder never
 * decides attribution. It keeps, besides the figures themselves:
 * <ul>
 * <li><b>per customer</b> its credited partners and weights, its first lead's period, its cohort
 *     month and last active month, and — only until its first payment — when each partner first
 *     touched it;</li>
 * <li><b>per refundable payment</b> its customer, currency, amount, base and what was refunded of
 *     them (dropped once fully refunded);</li>
 * <li><b>per entry not yet available</b> its amount and {@code availableAt}, until the events pass
 *     that instant (so the balances' {@code pending} is exact without a settlement record per entry);</li>
 * <li><b>per partner and period</b> counts and per-currency sums in minor units; per partner and
 *     cohort month, customers, active customers and revenue by age.</li>
 * </ul>
 * Nothing grows per event beyond that. Money is summed in minor units ({@code long}, moving to
 * {@code BigInteger} on overflow); weighted counts are exact ratios; nothing is rounded except a
 * partially refunded payment's refunded base, with the program's rounding, cumulatively, so that a
 * full refund takes back exactly the base.
 *
 * <p><b>Which period.</b> Touches, leads, payments and refunds count in the period of their own
 * {@code at}. An entry counts in the period of the event it names ({@code Entry.event}): a true-up
 * in its payment's period, a reversal in its refund's, a bonus or payout in its run's.
 *
 * <p><b>Revenue split.</b> A payment's base is allocated over the customer's credits by the
 * largest-remainder method ({@link Money#allocate}), as the engine splits commissions; a refund
 * takes from each partner the difference of the allocations of the base before and after it.
 *
 * <p>Not thread-safe: feed it from one thread, as events are processed.
 */
public final class ReportBuilder {
    static final int GROSS = 0;
    static final int REFUNDS = 1;
    static final int REFUNDED_OF_PERIOD = 2;
    static final int COMMISSIONS = 3;
    static final int PAID = 4;
    static final int NONE = Integer.MIN_VALUE;
    private static final Ratio[] FULL = {Ratio.ONE};
    private static final List<Ratio> FULL_LIST = List.of(Ratio.ONE);

    private final Program program;
    private final ReportOptions options;
    private final Calendar calendar;
    private final RoundingMode rounding;
    private final Map<Currency, Integer> currencyIndex = new HashMap<>();
    private final List<Currency> currencies = new ArrayList<>();
    private int[] scale = new int[0];
    private final Map<String, Segment> partners = new HashMap<>();
    private final Segment organic = new Segment("(organic)", "(organic)");
    private final Map<String, Customer> customers = new HashMap<>();
    private final Map<String, PaymentRecord> payments = new HashMap<>();
    private final Waiting unavailable = new Waiting();
    private Instant watermark;
    private long events;
    private long rejected;

    private ReportBuilder(ReferralProgram program, ReportOptions options) {
        this.program = program.program();
        this.options = options;
        this.calendar = new Calendar(this.program.timeZone(), options.period());
        this.rounding = this.program.rounding().mode();
        for (Partner p : program.partners()) {
            partner(p.id()).business = p.attributes().getOrDefault("business", p.id());
        }
        currency(this.program.currency());
    }

    /**
     * A builder for a program and its partners at the start.
     *
     * @param program the program and its partners
     * @param options the period, business name and costs
     * @return a new builder
     */
    public static ReportBuilder create(ReferralProgram program, ReportOptions options) {
        return new ReportBuilder(program, options);
    }

    /**
     * Takes an event and the engine's outcome of it. A rejected event only counts as rejected.
     *
     * @param event   the event as processed; may be null only when the outcome is a rejection (an unreadable line)
     * @param outcome what the engine made of it
     * @return this builder
     */
    public ReportBuilder accept(Event event, Outcome outcome) {
        if (!outcome.isAccepted()) {
            events++;
            rejected++;
            return this;
        }
        return accept(event, outcome.entries(), outcome.binding());
    }

    /**
     * Takes an accepted event with the entries it made and the binding it created, as a journal
     * and ledger hold them.
     *
     * @param event   the accepted event
     * @param entries the entries it made, in order
     * @param binding the binding it created (a customer's first lead or payment)
     * @return this builder
     * @throws ReferralKitException {@code UNKNOWN_PAYMENT} for a refund of no payment given before, {@code INVALID_EVENT}
     *                              for a customer's lead or payment with no binding given before or with it
     */
    public ReportBuilder accept(Event event, List<Entry> entries, Optional<Binding> binding) {
        advance(event.at());
        binding.ifPresent(this::bind);
        if (event instanceof Touch t) {
            touch(t.partner(), t.customer(), t.channel() == Channel.LINK, t.at().getEpochSecond());
        } else if (event instanceof Lead l) {
            lead(l.customer(), l);
        } else if (event instanceof Payment p) {
            int cur = currency(p.currency());
            payment(p.id(), p.customer(), cur, minor(p.amount(), cur), p.tax().map(t -> minor(t, cur)).orElse(0L),
                    p.at().getEpochSecond(), p);
        } else if (event instanceof Refund r) {
            refund(r.payment(), r.amount());
        } else if (event instanceof PartnerChange c) {
            partnerChange(c.partner(), c.attributes().map(a -> a.getOrDefault("business", c.partner())));
        }
        for (Entry e : entries) {
            boolean payout = e.kind() == EntryKind.PAYOUT || e.kind() == EntryKind.PAYOUT_REVERSAL; // a failed payout pays back
            entry(event.id(), e.partner(), payout, e.event(), currency(e.currency()),
                    minor(e.amount(), currency(e.currency())), e.availableAt());
        }
        return this;
    }

    /** @return the latest {@code at} of the accepted events so far, if any */
    public Optional<Instant> lastEventAt() {
        return Optional.ofNullable(watermark);
    }

    // ------------------------------------------------------------------ events (also fed directly by LedgerFiles)

    /** Counts an accepted event at {@code at}: moves the watermark and the calendar. */
    void advance(Instant at) {
        events++;
        if (watermark == null || at.isAfter(watermark)) {
            watermark = at;
            unavailable.drop(watermark);
        }
        calendar.at(at.getEpochSecond());
    }

    void bind(Binding b) {
        Customer c = customer(b.customer());
        List<Credit> credits = b.credits();
        if (credits.isEmpty()) {
            c.segments = organic.alone;
            c.weights = FULL;
            c.weightList = FULL_LIST;
        } else if (credits.size() == 1 && credits.get(0).weight().equals(Ratio.ONE)) {
            c.segments = partner(credits.get(0).partner()).alone;
            c.weights = FULL;
            c.weightList = FULL_LIST;
        } else {
            c.segments = new Segment[credits.size()];
            c.weights = new Ratio[credits.size()];
            for (int i = 0; i < credits.size(); i++) {
                c.segments[i] = partner(credits.get(i).partner());
                Ratio w = credits.get(i).weight();
                c.weights[i] = w.equals(Ratio.ONE) ? Ratio.ONE : w;
            }
            c.weightList = List.of(c.weights);
        }
    }

    void touch(String partner, String customer, boolean link, long seconds) {
        Bucket b = partner(partner).bucket(calendar.period());
        b.touches++;
        if (link) {
            b.clicks++;
        }
        Customer c = customer(customer);
        if (c.cohortMonth == NONE) {
            c.touched(partner, seconds);
        }
    }

    void partnerChange(String partner, Optional<String> business) {
        Segment s = partner(partner);
        business.ifPresent(b -> s.business = b);
    }

    void lead(String customer, Object event) {
        Customer c = bound(customer, event);
        if (c.leadSeen) {
            return;
        }
        c.leadSeen = true;
        int period = calendar.period();
        if (c.cohortMonth == NONE) {
            c.leadPeriod = period;
        }
        for (int k = 0; k < c.segments.length; k++) {
            c.segments[k].bucket(period).leads.add(c.weights[k]);
        }
    }

    void payment(String id, String customer, int cur, long amount, long tax, long seconds, Object event) {
        Customer c = bound(customer, event);
        long base = amount - tax;
        boolean first = c.cohortMonth == NONE;
        int period = calendar.period();
        int month = calendar.month();
        if (first) {
            c.cohortMonth = month;
        }
        boolean active = month != c.lastActiveMonth;
        c.lastActiveMonth = month;
        int age = month - c.cohortMonth;
        long[] shares = shares(c, base, cur);
        long[] delays = null; // a first payment's time from each partner's first touch, to take back on a full refund
        for (int k = 0; k < c.segments.length; k++) {
            Segment s = c.segments[k];
            Ratio w = c.weights[k];
            Bucket b = s.bucket(period);
            b.money.add(cur, GROSS, shares[k]);
            CohortSums co = s.cohort(c.cohortMonth);
            if (first) {
                b.conversions.add(w);
                co.customers.add(w);
                long touched = c.firstTouch(s.id);
                if (touched != Long.MIN_VALUE) {
                    if (delays == null) {
                        delays = new long[c.segments.length];
                        Arrays.fill(delays, Long.MIN_VALUE);
                    }
                    delays[k] = seconds - touched;
                    b.daySeconds.addTimes(delays[k], w);
                    b.dayWeight.add(w);
                }
                if (c.leadPeriod != NONE) {
                    s.bucket(c.leadPeriod).leadsConverted.add(w);
                }
            }
            if (active) {
                co.active(age).add(w);
            }
            co.revenue(cur, age, shares[k]);
        }
        if (first) {
            c.forgetTouches();
        }
        if (amount > 0) {
            payments.put(id, new PaymentRecord(c, cur, amount, base, period, first, delays));
        }
    }

    /** A refund as text, read at its payment's scale (the files path: no {@code BigDecimal}). */
    void refund(String payment, String amount) {
        PaymentRecord pay = payment(payment);
        refund(payment, pay, LedgerFiles.minorUnits("amount", amount, scale[pay.currency]));
    }

    void refund(String payment, BigDecimal amount) {
        PaymentRecord pay = payment(payment);
        refund(payment, pay, minor(amount, pay.currency));
    }

    private PaymentRecord payment(String payment) {
        PaymentRecord pay = payments.get(payment);
        if (pay == null) {
            throw ReferralKitException.invalid(RejectionCode.UNKNOWN_PAYMENT, "payment", payment,
                    "is no payment given to the report before this refund, or it was refunded in full already");
        }
        return pay;
    }

    private void refund(String payment, PaymentRecord pay, long minor) {
        Customer c = pay.customer;
        int cur = pay.currency;
        long refunded = Math.addExact(pay.refunded, minor);
        if (minor <= 0 || refunded > pay.amount) {
            throw ReferralKitException.invalid(RejectionCode.REFUND_EXCEEDS_PAYMENT, "amount", Long.toString(minor),
                    "refunds of payment " + payment + " must be positive and not exceed its amount (in minor units)");
        }
        long refundedBase = pay.base == pay.amount ? refunded
                : BigDecimal.valueOf(pay.base).multiply(BigDecimal.valueOf(refunded))
                        .divide(BigDecimal.valueOf(pay.amount), 0, rounding).longValueExact();
        long[] before = shares(c, pay.base - pay.refundedBase, cur);
        long[] after = shares(c, pay.base - refundedBase, cur);
        boolean full = refunded == pay.amount;
        int period = calendar.period();
        int age = calendar.month() - c.cohortMonth;
        for (int k = 0; k < c.segments.length; k++) {
            Segment s = c.segments[k];
            long d = before[k] - after[k];
            s.bucket(period).money.add(cur, REFUNDS, d);
            s.bucket(pay.period).money.add(cur, REFUNDED_OF_PERIOD, d);
            s.cohort(c.cohortMonth).revenue(cur, age, -d);
            if (full && pay.first) {
                Bucket paid = s.bucket(pay.period);
                paid.conversions.subtract(c.weights[k]);
                if (pay.delays != null && pay.delays[k] != Long.MIN_VALUE) {
                    paid.daySeconds.addTimes(-pay.delays[k], c.weights[k]);
                    paid.dayWeight.subtract(c.weights[k]);
                }
                if (c.leadPeriod != NONE) {
                    s.bucket(c.leadPeriod).leadsConverted.subtract(c.weights[k]);
                }
            }
        }
        pay.refunded = refunded;
        pay.refundedBase = refundedBase;
        if (full) {
            payments.remove(payment);
        }
    }

    void entry(String currentEvent, String partner, boolean payout, String named, int cur, long minor, Instant availableAt) {
        Segment s = partner(partner);
        int number = calendar.period();
        if (!named.equals(currentEvent)) {
            PaymentRecord pay = payments.get(named); // a true-up, or a parent's share of one
            if (pay != null) {
                number = pay.period;
            }
        }
        s.ledgerCurrencies.set(cur);
        if (payout) {
            s.bucket(number).money.add(cur, PAID, -minor);
        } else {
            s.bucket(number).money.add(cur, COMMISSIONS, minor);
        }
        if (availableAt.isAfter(watermark)) {
            unavailable.add(new Unavailable(availableAt, s, cur, minor));
        }
    }

    /**
     * Entries not yet available, in {@code availableAt} order: most come in that order already (an
     * event's time plus the holding period), so they queue at the end of a deque; the others go to a
     * heap.
     */
    static final class Waiting implements Iterable<Unavailable> {
        private final ArrayDeque<Unavailable> ordered = new ArrayDeque<>();
        private final PriorityQueue<Unavailable> other = new PriorityQueue<>();

        void add(Unavailable u) {
            if (ordered.isEmpty() || !u.availableAt().isBefore(ordered.peekLast().availableAt())) {
                ordered.addLast(u);
            } else {
                other.add(u);
            }
        }

        /** Drops the entries available at {@code t}. */
        void drop(Instant t) {
            while (!ordered.isEmpty() && !ordered.peekFirst().after(t)) {
                ordered.pollFirst();
            }
            while (!other.isEmpty() && !other.peek().after(t)) {
                other.poll();
            }
        }

        @Override
        public java.util.Iterator<Unavailable> iterator() {
            List<Unavailable> all = new ArrayList<>(ordered);
            all.addAll(other);
            return all.iterator();
        }
    }

    // ------------------------------------------------------------------ helpers

    private Customer bound(String id, Object event) {
        Customer c = customers.get(id);
        if (c == null || c.segments == null) {
            String which = event instanceof Event e ? e.typeName() + " " + e.id() : String.valueOf(event);
            throw ReferralKitException.invalid(RejectionCode.INVALID_EVENT, "customer", id,
                    "has no binding: a customer's first lead or payment must come with its binding (" + which + ")");
        }
        return c;
    }

    private Customer customer(String id) {
        Customer c = customers.get(id);
        if (c == null) {
            c = new Customer();
            customers.put(id, c);
        }
        return c;
    }

    private Segment partner(String id) {
        Segment s = partners.get(id);
        if (s == null) {
            s = new Segment(id, id);
            partners.put(id, s);
        }
        return s;
    }

    int currency(Currency c) {
        Integer i = currencyIndex.get(c);
        if (i != null) {
            return i;
        }
        int index = currencies.size();
        currencies.add(c);
        currencyIndex.put(c, index);
        scale = Arrays.copyOf(scale, index + 1);
        scale[index] = Money.digits(c);
        return index;
    }

    int scale(int cur) {
        return scale[cur];
    }

    long minor(BigDecimal amount, int cur) {
        int s = scale[cur];
        try {
            BigDecimal v = amount.scale() == s ? amount : amount.setScale(s, RoundingMode.UNNECESSARY);
            return s == 0 ? v.longValueExact() : v.movePointRight(s).longValueExact();
        } catch (ArithmeticException e) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_AMOUNT, "amount", amount.toPlainString(),
                    "has more decimals than " + currencies.get(cur).getCurrencyCode() + " or is too large");
        }
    }

    private long[] shares(Customer c, long base, int cur) {
        if (c.segments.length == 1) {
            return new long[] {base};
        }
        List<Money> parts = Money.ofMinor(base, currencies.get(cur)).allocate(c.weightList);
        long[] out = new long[parts.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = parts.get(i).toMinorUnits();
        }
        return out;
    }

    private BigDecimal decimal(BigInteger minor, int cur) {
        return new BigDecimal(minor, scale[cur]);
    }

    // ------------------------------------------------------------------ build

    /** @return the report with balances at the last event's instant (the epoch before any event) */
    public Report build() {
        return build(watermark == null ? Instant.EPOCH : watermark);
    }

    /**
     * The report now, with balances at {@code asOf}. The builder stays as it was.
     *
     * @param asOf the instant of the balances, at or after the last event's
     * @return the report
     * @throws IllegalArgumentException if {@code asOf} is before the last event
     */
    public Report build(Instant asOf) {
        if (watermark != null && asOf.isBefore(watermark)) {
            throw new IllegalArgumentException("asOf " + asOf + " is before the last event's instant " + watermark);
        }
        Map<Segment, Sums> pending = new HashMap<>();
        for (Unavailable u : unavailable) {
            if (u.after(asOf)) {
                pending.computeIfAbsent(u.segment, s -> new Sums()).add(u.currency, 0, u.minor);
            }
        }
        List<Segment> sorted = new ArrayList<>(partners.values());
        sorted.sort(Comparator.comparing((Segment s) -> s.id, NaturalOrder.INSTANCE));
        List<PartnerReport> reports = new ArrayList<>(sorted.size());
        Segment referred = new Segment("(referred)", "(referred)");
        for (Segment s : sorted) {
            reports.add(new PartnerReport(s.id, s.business, figures(s), balances(s, pending.get(s))));
            referred.addAll(s);
        }
        Figures referredFigures = figures(referred);
        Figures organicFigures = figures(organic);
        return new Report(options.business(), options.period(), program.timeZone(), program.currency(), asOf, events,
                rejected, reports, referredFigures, organicFigures, channels(referredFigures, organicFigures),
                reciprocity(sorted), leaderboard(reports));
    }

    private List<Balance> balances(Segment s, Sums pending) {
        List<Integer> order = new ArrayList<>();
        s.ledgerCurrencies.stream().forEach(order::add);
        order.sort(Comparator.comparing(i -> currencies.get(i).getCurrencyCode()));
        Bucket total = s.total();
        List<Balance> out = new ArrayList<>();
        for (int cur : order) {
            BigInteger earned = total.money.get(cur, COMMISSIONS);
            BigInteger paid = total.money.get(cur, PAID);
            BigInteger waiting = pending == null ? BigInteger.ZERO : pending.get(cur, 0);
            out.add(ImmutableBalance.builder().partner(s.id).currency(currencies.get(cur))
                    .pending(decimal(waiting, cur))
                    .available(decimal(earned.subtract(paid).subtract(waiting), cur))
                    .paid(decimal(paid, cur)).build());
        }
        return out;
    }

    private Figures figures(Segment s) {
        List<PeriodFigures> periods = new ArrayList<>();
        for (Map.Entry<Integer, Bucket> e : new TreeMap<>(s.buckets).entrySet()) {
            periods.add(periodFigures(calendar.label(options.period(), e.getKey()), e.getValue()));
        }
        List<Cohort> cohorts = new ArrayList<>();
        for (Map.Entry<Integer, CohortSums> e : new TreeMap<>(s.cohorts).entrySet()) {
            cohorts.add(cohort(calendar.label(dev.referralkit.program.Period.MONTH, e.getKey()), e.getValue()));
        }
        return new Figures(periods, periodFigures("total", s.total()), cohorts);
    }

    private PeriodFigures periodFigures(String label, Bucket b) {
        Optional<Ratio> days = b.dayWeight.isZero() ? Optional.empty()
                : Optional.of(b.daySeconds.value().dividedBy(b.dayWeight.value().times(Ratio.of(86_400, 1))));
        return new PeriodFigures(label, b.touches, b.clicks, b.leads.value(), b.leadsConverted.value(),
                b.conversions.value(), days, money(b.money));
    }

    private List<MoneyFigures> money(Sums sums) {
        List<MoneyFigures> out = new ArrayList<>();
        for (int cur = 0; cur < sums.currencies(); cur++) {
            if (sums.has(cur)) {
                out.add(new MoneyFigures(currencies.get(cur), decimal(sums.get(cur, GROSS), cur),
                        decimal(sums.get(cur, REFUNDS), cur), decimal(sums.get(cur, REFUNDED_OF_PERIOD), cur),
                        decimal(sums.get(cur, COMMISSIONS), cur), decimal(sums.get(cur, PAID), cur)));
            }
        }
        out.sort(Comparator.comparing(m -> m.currency().getCurrencyCode()));
        return out;
    }

    private Cohort cohort(String label, CohortSums c) {
        List<Ratio> active = new ArrayList<>();
        for (int age = 0; age <= c.maxAge; age++) {
            active.add(age < c.active.size() ? c.active.get(age).value() : Ratio.ZERO);
        }
        List<Cohort.Revenue> revenue = new ArrayList<>();
        for (int cur = 0; cur < c.revenue.currencies(); cur++) {
            if (c.revenue.fields(cur) == 0) {
                continue;
            }
            List<BigDecimal> byAge = new ArrayList<>();
            for (int age = 0; age <= c.maxAge; age++) {
                byAge.add(decimal(c.revenue.get(cur, age), cur));
            }
            revenue.add(new Cohort.Revenue(currencies.get(cur), byAge));
        }
        revenue.sort(Comparator.comparing(r -> r.currency().getCurrencyCode()));
        return new Cohort(label, c.customers.value(), active, revenue);
    }

    private List<ChannelRow> channels(Figures referred, Figures organicFigures) {
        List<ChannelRow> rows = new ArrayList<>();
        Optional<ChannelCosts.Channel> organicCosts = options.costs().flatMap(c -> c.channels().stream()
                .filter(ch -> ch.channel().equals("organic")).findFirst());
        programChannel(rows, "referral", referred, true, Optional.empty());
        programChannel(rows, "organic", organicFigures, false, organicCosts);
        for (ChannelCosts.Channel ch : options.costs().map(ChannelCosts::channels).orElse(List.of())) {
            if (ch.channel().equals("organic")) {
                continue;
            }
            java.util.SortedSet<String> labels = new java.util.TreeSet<>(ch.spend().keySet());
            labels.addAll(ch.customers().keySet());
            BigDecimal spendTotal = BigDecimal.ZERO.setScale(Money.digits(ch.currency()));
            long customersTotal = 0;
            boolean allCustomers = true;
            for (String label : labels) {
                Optional<BigDecimal> spend = Optional.ofNullable(ch.spend().get(label));
                Optional<Long> count = Optional.ofNullable(ch.customers().get(label));
                spendTotal = spendTotal.add(spend.orElse(BigDecimal.ZERO));
                customersTotal += count.orElse(0L);
                allCustomers &= count.isPresent();
                rows.add(new ChannelRow(ch.channel(), label, ch.currency(), spend,
                        count.map(n -> Ratio.of(n, 1)), Optional.empty()));
            }
            rows.add(new ChannelRow(ch.channel(), "total", ch.currency(), Optional.of(spendTotal),
                    allCustomers && !ch.customers().isEmpty() ? Optional.of(Ratio.of(customersTotal, 1)) : Optional.empty(),
                    Optional.empty()));
        }
        return rows;
    }

    private void programChannel(List<ChannelRow> rows, String name, Figures f, boolean commissionsAreSpend,
                                Optional<ChannelCosts.Channel> costs) {
        List<PeriodFigures> all = new ArrayList<>(f.periods());
        all.add(f.total());
        for (PeriodFigures p : all) {
            List<Currency> shown = new ArrayList<>();
            p.money().forEach(m -> shown.add(m.currency()));
            costs.ifPresent(c -> {
                if (!shown.contains(c.currency())) {
                    shown.add(c.currency());
                }
            });
            if (shown.isEmpty()) {
                shown.add(program.currency());
            }
            for (Currency currency : shown) {
                Optional<MoneyFigures> m = p.money(currency.getCurrencyCode());
                Optional<BigDecimal> spend;
                if (commissionsAreSpend) {
                    spend = Optional.of(m.map(MoneyFigures::commissions).orElse(BigDecimal.ZERO.setScale(Money.digits(currency))));
                } else if (costs.isPresent() && costs.get().currency().equals(currency)) {
                    spend = p.period().equals("total")
                            ? Optional.of(costs.get().spend().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add)
                                    .setScale(Money.digits(currency)))
                            : Optional.ofNullable(costs.get().spend().get(p.period()));
                } else {
                    spend = Optional.empty();
                }
                rows.add(new ChannelRow(name, p.period(), currency, spend, Optional.of(p.conversions()),
                        Optional.of(m.map(MoneyFigures::netRevenue).orElse(BigDecimal.ZERO.setScale(Money.digits(currency))))));
            }
        }
    }

    private List<ReciprocityCell> reciprocity(List<Segment> sorted) {
        Map<String, Segment> byBusiness = new TreeMap<>(NaturalOrder.INSTANCE);
        for (Segment s : sorted) {
            Bucket t = s.total();
            if (t.conversions.isZero() && t.money.currencies() == 0) {
                continue;
            }
            byBusiness.computeIfAbsent(s.business, b -> new Segment(b, b)).addAll(s);
        }
        List<ReciprocityCell> cells = new ArrayList<>();
        byBusiness.forEach((business, s) -> {
            PeriodFigures total = periodFigures("total", s.total());
            cells.add(new ReciprocityCell(business, options.business(), total.conversions(), total.money()));
        });
        return cells;
    }

    private List<LeaderboardRow> leaderboard(List<PartnerReport> reports) {
        String code = program.currency().getCurrencyCode();
        BigDecimal zero = BigDecimal.ZERO.setScale(Money.digits(program.currency()));
        record Row(String partner, Ratio conversions, BigDecimal net, BigDecimal commissions) {
        }
        List<Row> rows = new ArrayList<>();
        for (PartnerReport r : reports) {
            PeriodFigures t = r.figures().total();
            Optional<MoneyFigures> m = t.money(code);
            rows.add(new Row(r.partner(), t.conversions(), m.map(MoneyFigures::netRevenue).orElse(zero),
                    m.map(MoneyFigures::commissions).orElse(zero)));
        }
        rows.sort(Comparator.comparing(Row::net).reversed().thenComparing(Comparator.comparing(Row::commissions).reversed())
                .thenComparing(Row::partner, NaturalOrder.INSTANCE));
        List<LeaderboardRow> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            out.add(new LeaderboardRow(i + 1, r.partner(), r.conversions(), r.net(), r.commissions()));
        }
        return out;
    }

    // ------------------------------------------------------------------ state

    /** A partner's (or the organic customers') sums by period and by cohort. */
    static final class Segment {
        final String id;
        String business;
        final Segment[] alone = {this};
        final Map<Integer, Bucket> buckets = new HashMap<>();
        final Map<Integer, CohortSums> cohorts = new HashMap<>();
        final BitSet ledgerCurrencies = new BitSet();
        private int lastNumber = NONE;
        private Bucket last;
        private int lastCohortMonth = NONE;
        private CohortSums lastCohort;

        Segment(String id, String business) {
            this.id = id;
            this.business = business;
        }

        Bucket bucket(int number) {
            if (number == lastNumber) {
                return last;
            }
            Bucket b = buckets.get(number);
            if (b == null) {
                b = new Bucket();
                buckets.put(number, b);
            }
            lastNumber = number;
            last = b;
            return b;
        }

        CohortSums cohort(int month) {
            if (month == lastCohortMonth) {
                return lastCohort;
            }
            CohortSums c = cohorts.get(month);
            if (c == null) {
                c = new CohortSums();
                cohorts.put(month, c);
            }
            lastCohortMonth = month;
            lastCohort = c;
            return c;
        }

        Bucket total() {
            Bucket t = new Bucket();
            buckets.values().forEach(t::addAll);
            return t;
        }

        void addAll(Segment other) {
            other.buckets.forEach((n, b) -> bucket(n).addAll(b));
            other.cohorts.forEach((m, c) -> cohort(m).addAll(c));
            ledgerCurrencies.or(other.ledgerCurrencies);
        }
    }

    /** One segment's sums over one period. */
    static final class Bucket {
        long touches;
        long clicks;
        final Count leads = new Count();
        final Count leadsConverted = new Count();
        final Count conversions = new Count();
        final Count daySeconds = new Count();
        final Count dayWeight = new Count();
        final Sums money = new Sums();

        void addAll(Bucket o) {
            touches += o.touches;
            clicks += o.clicks;
            leads.addAll(o.leads);
            leadsConverted.addAll(o.leadsConverted);
            conversions.addAll(o.conversions);
            daySeconds.addAll(o.daySeconds);
            dayWeight.addAll(o.dayWeight);
            money.addAll(o.money);
        }
    }

    /** One segment's cohort of one month: customers, active customers and revenue by age. */
    static final class CohortSums {
        final Count customers = new Count();
        final List<Count> active = new ArrayList<>();
        final Sums revenue = new Sums();
        int maxAge;

        Count active(int age) {
            while (active.size() <= age) {
                active.add(new Count());
            }
            maxAge = Math.max(maxAge, age);
            return active.get(age);
        }

        void revenue(int cur, int age, long minor) {
            maxAge = Math.max(maxAge, age);
            revenue.add(cur, age, minor);
        }

        void addAll(CohortSums o) {
            customers.addAll(o.customers);
            for (int age = 0; age < o.active.size(); age++) {
                active(age).addAll(o.active.get(age));
            }
            revenue.addAll(o.revenue);
            maxAge = Math.max(maxAge, o.maxAge);
        }
    }

    /** What the report keeps of a customer. */
    static final class Customer {
        Segment[] segments;
        Ratio[] weights;
        List<Ratio> weightList;
        boolean leadSeen;
        int leadPeriod = NONE;
        int cohortMonth = NONE;
        int lastActiveMonth = NONE;
        private String[] touchPartners;
        private long[] touchSeconds;

        void touched(String partner, long seconds) {
            if (touchPartners == null) {
                touchPartners = new String[] {partner};
                touchSeconds = new long[] {seconds};
                return;
            }
            for (String p : touchPartners) {
                if (p.equals(partner)) {
                    return;
                }
            }
            int n = touchPartners.length;
            touchPartners = Arrays.copyOf(touchPartners, n + 1);
            touchSeconds = Arrays.copyOf(touchSeconds, n + 1);
            touchPartners[n] = partner;
            touchSeconds[n] = seconds;
        }

        long firstTouch(String partner) {
            if (touchPartners != null) {
                for (int i = 0; i < touchPartners.length; i++) {
                    if (touchPartners[i].equals(partner)) {
                        return touchSeconds[i];
                    }
                }
            }
            return Long.MIN_VALUE;
        }

        void forgetTouches() {
            touchPartners = null;
            touchSeconds = null;
        }
    }

    /** What the report keeps of a payment that can still be refunded. */
    static final class PaymentRecord {
        final Customer customer;
        final int currency;
        final long amount;
        final long base;
        final int period;
        final boolean first;
        final long[] delays;
        long refunded;
        long refundedBase;

        PaymentRecord(Customer customer, int currency, long amount, long base, int period, boolean first, long[] delays) {
            this.customer = customer;
            this.currency = currency;
            this.amount = amount;
            this.base = base;
            this.period = period;
            this.first = first;
            this.delays = delays;
        }
    }

    /** An entry not yet available at the latest event's instant. */
    record Unavailable(Instant availableAt, Segment segment, int currency, long minor) implements Comparable<Unavailable> {
        boolean after(Instant t) {
            return availableAt.isAfter(t);
        }

        @Override
        public int compareTo(Unavailable o) {
            return availableAt.compareTo(o.availableAt);
        }
    }
}
