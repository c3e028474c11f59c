package dev.referralkit.engine.stage;

import dev.referralkit.engine.state.BookRecord;
import dev.referralkit.engine.state.EarningRecord;
import dev.referralkit.engine.state.Nanos;
import dev.referralkit.engine.state.PartnerRecord;
import dev.referralkit.engine.state.VolumeRecord;
import dev.referralkit.money.Ratio;
import dev.referralkit.program.Metric;
import dev.referralkit.program.Period;
import dev.referralkit.program.Program;
import dev.referralkit.program.Rewards;
import dev.referralkit.program.Partner;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Period volumes (SPEC.md §5.1): per partner and open period, weighted conversions and revenue in
 * program currency, for the (metric, period) pairs some plan or bonus reads (declared by
 * {@code Reward.declareVolumes}); nothing else is tracked. A payment adds its conversion weight (its
 * customer's first payment) and its base share in program currency to each tracked period holding it;
 * a refund lowers the revenue of those periods still open by the refunded share, and only a full refund
 * of a first payment removes its conversion.
 *
 * <p>Period labels and ends are cached per period kind: events arrive mostly in time order, so
 * consecutive events fall in the same period.
 */
final class Volumes {
    /** Decimals kept for weighted conversions read as a decimal and for scaled revenue. */
    static final int SCALE = 20;

    private final ZoneId zone;
    private final Set<Period> periods = EnumSet.noneOf(Period.class);
    private final Set<Metric> metrics = EnumSet.noneOf(Metric.class);
    private final long[] cachedFrom = new long[Period.values().length];
    private final long[] cachedUntil = new long[Period.values().length];
    private final String[] cachedLabel = new String[Period.values().length];

    Volumes(Program program, Iterable<Partner> partners) {
        this.zone = program.timeZone();
        declare(program.rewards());
        program.groups().values().forEach(g -> g.rewards().ifPresent(this::declare));
        program.versions().forEach(v -> {
            v.rewards().ifPresent(this::declare);
            v.groups().values().forEach(g -> g.rewards().ifPresent(this::declare));
        });
        for (Partner p : partners) {
            p.rewards().ifPresent(this::declare);
        }
        program.bonuses().forEach(b -> {
            metrics.add(b.metric());
            periods.add(b.period());
        });
        program.levels().ifPresent(l -> {
            metrics.add(Metric.CONVERSIONS);
            metrics.add(Metric.REVENUE);
            periods.add(l.period());
            trial = l.trial().map(t -> t.name()).orElse(null);
            countsActive = true;
        });
    }

    /** The label of a trial's volumes (docs/lifecycle.md §3), kept while a partner is in the trial. */
    static final String TRIAL = "trial";

    /** The trial level's name, or null. */
    private String trial;
    /** Whether active customers are counted (partner levels read them). */
    private boolean countsActive;

    /** A won deal: it adds volume but is no payment, so it makes no customer active. */
    static final long NOT_A_PAYMENT = Long.MAX_VALUE;

    private void declare(Rewards rewards) {
        for (Rewards.Tree t : rewards.trees()) {
            t.reward().declareVolumes((metric, period) -> {
                metrics.add(metric);
                periods.add(period);
            });
        }
    }

    boolean tracksAny() {
        return !periods.isEmpty();
    }

    boolean tracks(Metric metric) {
        return metrics.contains(metric);
    }

    boolean tracks(Metric metric, Period period) {
        return metrics.contains(metric) && periods.contains(period);
    }

    String label(Period period, long at) {
        cache(period, at);
        return cachedLabel[period.ordinal()];
    }

    /** @return epoch nanoseconds of the start of the period holding {@code at} */
    long start(Period period, long at) {
        cache(period, at);
        return cachedFrom[period.ordinal()];
    }

    long end(Period period, long at) {
        cache(period, at);
        return cachedUntil[period.ordinal()];
    }

    private void cache(Period period, long at) {
        int i = period.ordinal();
        if (cachedLabel[i] != null && at >= cachedFrom[i] && at < cachedUntil[i]) {
            return;
        }
        Instant instant = Nanos.instant(at);
        cachedLabel[i] = period.label(instant, zone);
        if (period == Period.LIFETIME) {
            cachedFrom[i] = Long.MIN_VALUE;
            cachedUntil[i] = Long.MAX_VALUE;
        } else {
            LocalDate start = period.startDate(instant, zone);
            cachedFrom[i] = Nanos.of(ZonedDateTime.of(start.atStartOfDay(), zone).toInstant());
            cachedUntil[i] = Nanos.of(period.end(instant, zone));
        }
    }

    /** @return the volume of a metric in the partner's period holding {@code at}, before the event */
    BigDecimal before(Transaction tx, String partner, Metric metric, Period period, long at) {
        VolumeRecord v = tx.store().volume(partner, label(period, at));
        return v == null ? BigDecimal.ZERO : value(v, metric);
    }

    static BigDecimal value(VolumeRecord v, Metric metric) {
        return metric == Metric.CONVERSIONS ? v.conversions().toBigDecimal(SCALE) : v.revenue();
    }

    /** The partner's record of the period holding {@code at}, opened (in its book) if new. */
    VolumeRecord open(Transaction tx, String partner, Period period, long at) {
        String label = label(period, at);
        VolumeRecord v = tx.store().volume(partner, label);
        if (v != null) {
            return v;
        }
        BookRecord stored = tx.store().book(partner);
        BookRecord book = stored != null ? stored : BookRecord.empty(partner);
        List<String> open = new ArrayList<>(book.openPeriods());
        open.add(label);
        tx.put(stored, new BookRecord(partner, open, book.lifetimeBonuses(), book.paid(), book.nextSeq(), book.monthCaps()));
        VolumeRecord fresh = new VolumeRecord(partner, label, period, end(period, at), Ratio.ZERO, BigDecimal.ZERO, 0, 0);
        tx.put(null, fresh);
        return fresh;
    }

    /**
     * Adds a payment's or won deal's conversion weight and revenue (null: none) to every tracked period
     * holding {@code at}, and to the partner's trial while it is in one; a payment whose customer paid
     * nothing earlier in a period makes the customer active in it (docs/lifecycle.md §3).
     *
     * @param previousPayment epoch nanoseconds of the customer's previous payment, {@link Nanos#NONE} for
     *                        its first, {@link #NOT_A_PAYMENT} for a won deal
     */
    void add(Transaction tx, PartnerRecord partner, long at, Ratio conversions, BigDecimal revenue, long previousPayment) {
        String id = partner.id();
        for (Period p : periods) {
            VolumeRecord v = open(tx, id, p, at);
            boolean active = countsActive && previousPayment != NOT_A_PAYMENT
                    && (previousPayment == Nanos.NONE || previousPayment < start(p, at));
            tx.put(v, new VolumeRecord(id, v.label(), p, v.end(), v.conversions().plus(conversions),
                    revenue == null ? v.revenue() : v.revenue().add(revenue), v.retros(), v.active() + (active ? 1 : 0)));
        }
        if (trial != null && partner.partner().level().map(trial::equals).orElse(false)) {
            VolumeRecord v = tx.store().volume(id, TRIAL);
            VolumeRecord base = v != null ? v : new VolumeRecord(id, TRIAL, Period.LIFETIME, Long.MAX_VALUE, Ratio.ZERO, BigDecimal.ZERO, 0, 0);
            boolean active = previousPayment != NOT_A_PAYMENT && (previousPayment == Nanos.NONE || previousPayment < partner.levelSince());
            tx.put(v, new VolumeRecord(id, TRIAL, Period.LIFETIME, Long.MAX_VALUE, base.conversions().plus(conversions),
                    revenue == null ? base.revenue() : base.revenue().add(revenue), 0, base.active() + (active ? 1 : 0)));
        }
    }

    /**
     * A refund: lowers the revenue of the payment's still-open periods by the refunded share, and removes
     * its conversion when the payment is now fully refunded (SPEC.md §5.1).
     */
    void refund(Transaction tx, EarningRecord earning, Ratio refundedShare, boolean full) {
        boolean conversion = full && earning.conversions().signum() != 0;
        if (earning.revenue() == null && !conversion) {
            return;
        }
        for (Period p : periods) {
            VolumeRecord v = tx.store().volume(earning.partner(), label(p, earning.paymentAt()));
            if (v == null) {
                continue; // closed: a refund after the close changes nothing there
            }
            BigDecimal revenue = earning.revenue() == null ? v.revenue()
                    : v.revenue().subtract(refundedShare.times(earning.revenue(), SCALE, RoundingMode.HALF_EVEN));
            Ratio conversions = conversion ? v.conversions().minus(earning.conversions()) : v.conversions();
            tx.put(v, new VolumeRecord(v.partner(), v.label(), p, v.end(), conversions, revenue, v.retros(), v.active()));
        }
        VolumeRecord t = trial == null ? null : tx.store().volume(earning.partner(), TRIAL);
        if (t != null) {
            BigDecimal revenue = earning.revenue() == null ? t.revenue()
                    : t.revenue().subtract(refundedShare.times(earning.revenue(), SCALE, RoundingMode.HALF_EVEN));
            Ratio conversions = conversion ? t.conversions().minus(earning.conversions()) : t.conversions();
            tx.put(t, new VolumeRecord(t.partner(), TRIAL, Period.LIFETIME, Long.MAX_VALUE, conversions, revenue, 0, t.active()));
        }
    }
}
