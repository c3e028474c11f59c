package dev.referralkit.engine.stage;

import dev.referralkit.engine.state.BookRecord;
import dev.referralkit.engine.state.EarningRecord;
import dev.referralkit.engine.state.Nanos;
import dev.referralkit.engine.state.VolumeRecord;
import dev.referralkit.money.Ratio;
import dev.referralkit.program.Metric;
import dev.referralkit.program.Period;
import dev.referralkit.program.Program;
import dev.referralkit.program.Trigger;
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
        for (Partner p : partners) {
            p.rewards().ifPresent(this::declare);
        }
        program.bonuses().forEach(b -> {
            metrics.add(b.metric());
            periods.add(b.period());
        });
    }

    private void declare(Rewards rewards) {
        for (Trigger t : Trigger.values()) {
            rewards.forTrigger(t).ifPresent(r -> r.declareVolumes((metric, period) -> {
                metrics.add(metric);
                periods.add(period);
            }));
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
        VolumeRecord fresh = new VolumeRecord(partner, label, period, end(period, at), Ratio.ZERO, BigDecimal.ZERO, 0);
        tx.put(null, fresh);
        return fresh;
    }

    /** Adds a payment's conversion weight and revenue (null: none) to every tracked period holding {@code at}. */
    void add(Transaction tx, String partner, long at, Ratio conversions, BigDecimal revenue) {
        for (Period p : periods) {
            VolumeRecord v = open(tx, partner, p, at);
            tx.put(v, new VolumeRecord(partner, v.label(), p, v.end(), v.conversions().plus(conversions),
                    revenue == null ? v.revenue() : v.revenue().add(revenue), v.retros()));
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
            tx.put(v, new VolumeRecord(v.partner(), v.label(), p, v.end(), conversions, revenue, v.retros()));
        }
    }
}
