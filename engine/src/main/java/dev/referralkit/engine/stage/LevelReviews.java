package dev.referralkit.engine.stage;

import dev.referralkit.engine.state.Nanos;
import dev.referralkit.engine.state.PartnerRecord;
import dev.referralkit.engine.state.StateStore;
import dev.referralkit.engine.state.VolumeRecord;
import dev.referralkit.money.Ratio;
import dev.referralkit.program.ImmutablePartner;
import dev.referralkit.program.Level;
import dev.referralkit.program.LevelCriteria;
import dev.referralkit.program.Levels;
import dev.referralkit.program.Partner;
import dev.referralkit.program.Period;
import dev.referralkit.program.Program;
import dev.referralkit.program.TrialLevel;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Partner levels (docs/lifecycle.md §3): at each payout run, every active partner is reviewed once on the
 * levels period that ended latest at or before the run: its target is the highest level whose criteria its
 * volumes of that period meet; above its level it is promoted at once; below, it is demoted after
 * {@code demoteAfter} consecutive reviews below, to the target of the latest. A partner in the trial moves
 * at the first review at or after the trial's end to {@code pass} or {@code fail} by its volumes since it
 * entered. A change sets the partner's level and group (its definition), resets the count, and is told
 * to the partner ({@link Notification.LevelChanged}). The rule itself is {@link #next}, a pure function.
 */
final class LevelReviews {
    private final Levels levels;
    private final Volumes volumes;
    private final String currency;

    LevelReviews(Program program, Volumes volumes) {
        this.levels = program.levels().orElse(null);
        this.volumes = volumes;
        this.currency = program.currency().getCurrencyCode();
    }

    /** What a review decides: the level index after it and the count of reviews below. */
    record Decision(int level, int below) {
    }

    /**
     * The level rule (docs/lifecycle.md §3), as a pure function.
     *
     * @param current     the partner's level index
     * @param below       consecutive reviews below it so far
     * @param target      the highest level index the period's volumes meet
     * @param demoteAfter consecutive reviews below before a demotion
     * @return the level and count after the review
     */
    static Decision next(int current, int below, int target, int demoteAfter) {
        if (target > current) {
            return new Decision(target, 0);
        }
        if (target == current) {
            return new Decision(current, 0);
        }
        return below + 1 >= demoteAfter ? new Decision(target, 0) : new Decision(current, below + 1);
    }

    /**
     * @param criteria the levels' criteria (the first level's is empty: always met), lowest first
     * @return the highest index met by the volumes
     */
    static int target(List<Optional<LevelCriteria>> criteria, BigDecimal conversions, BigDecimal revenue, long active) {
        int target = 0;
        for (int i = 0; i < criteria.size(); i++) {
            if (criteria.get(i).map(c -> c.met(conversions, revenue, active)).orElse(true)) {
                target = i;
            }
        }
        return target;
    }

    void review(Transaction tx, PartnerMessage.Close m, PartnerStage.Output out) {
        if (levels == null) {
            return;
        }
        StateStore store = tx.store();
        PartnerRecord record = store.partner(m.partner());
        if (!Directory.isActive(record)) {
            return;
        }
        Period period = levels.period();
        long currentStart = volumes.start(period, m.at());
        if (currentStart == Long.MIN_VALUE) {
            return;
        }
        long endedAt = currentStart; // the latest period that ended at or before the run ends where the current one starts
        if (record.reviewed() != Nanos.NONE && record.reviewed() >= endedAt) {
            return;
        }
        Partner partner = record.partner();
        String level = partner.level().orElse(levels.levels().get(0).name());
        Optional<TrialLevel> trial = levels.trial().filter(t -> t.name().equals(level));
        if (trial.isPresent()) {
            TrialLevel t = trial.get();
            if (record.levelSince() == Nanos.NONE || m.at() < record.levelSince() + Nanos.days(t.days())) {
                store(tx, record, partner, record.levelSince(), record.below(), endedAt);
                return;
            }
            VolumeRecord v = store.volume(m.partner(), Volumes.TRIAL);
            boolean passed = met(t.criteria(), v);
            String to = passed ? t.pass() : t.fail();
            if (v != null) {
                tx.remove(v);
            }
            change(tx, store.partner(m.partner()), to, 0, endedAt, m, out, (passed ? "passed the trial: " : "did not pass the trial: ")
                    + describe(v) + (passed ? " met " : " missed ") + describe(t.criteria()));
            return;
        }
        String label = volumes.label(period, endedAt - 1);
        VolumeRecord v = store.volume(m.partner(), label);
        BigDecimal conversions = v == null ? BigDecimal.ZERO : Volumes.value(v, dev.referralkit.program.Metric.CONVERSIONS);
        BigDecimal revenue = v == null ? BigDecimal.ZERO : v.revenue();
        long active = v == null ? 0 : v.active();
        List<Optional<LevelCriteria>> criteria = levels.levels().stream().map(Level::criteria).toList();
        int current = Math.max(0, levels.indexOf(level));
        int target = target(criteria, conversions, revenue, active);
        Decision d = next(current, record.below(), target, levels.demoteAfter());
        String volumesText = describe(v) + " in " + label;
        if (d.level() != current) {
            Level to = levels.levels().get(d.level());
            String why = d.level() > current ? "promoted: " + volumesText + " met " + to.name()
                    : "demoted after " + (record.below() + 1) + " review(s) below " + level + ": " + volumesText;
            change(tx, record, to.name(), 0, endedAt, m, out, why);
        } else {
            store(tx, record, partner, record.levelSince(), d.below(), endedAt);
        }
    }

    private static boolean met(LevelCriteria criteria, VolumeRecord v) {
        return v == null ? criteria.met(BigDecimal.ZERO, BigDecimal.ZERO, 0)
                : criteria.met(Volumes.value(v, dev.referralkit.program.Metric.CONVERSIONS), v.revenue(), v.active());
    }

    private String describe(VolumeRecord v) {
        Ratio conversions = v == null ? Ratio.ZERO : v.conversions();
        BigDecimal revenue = v == null ? BigDecimal.ZERO : v.revenue();
        long active = v == null ? 0 : v.active();
        return conversions.toDecimalString() + " conversions, " + revenue.stripTrailingZeros().toPlainString() + " " + currency
                + " revenue, " + active + " active customers";
    }

    private String describe(LevelCriteria c) {
        StringBuilder b = new StringBuilder("(");
        c.conversions().ifPresent(x -> b.append(x.toPlainString()).append(" conversions, "));
        c.revenue().ifPresent(x -> b.append(x.toPlainString()).append(' ').append(currency).append(" revenue, "));
        c.activeCustomers().ifPresent(x -> b.append(x).append(" active customers, "));
        return b.length() == 1 ? "(nothing)" : b.substring(0, b.length() - 2) + ")";
    }

    private static void store(Transaction tx, PartnerRecord record, Partner partner, long since, int below, long reviewed) {
        tx.put(record, new PartnerRecord(record.index(), partner, record.lastChange(), since, below, reviewed));
    }

    private void change(Transaction tx, PartnerRecord record, String to, int below, long reviewed, PartnerMessage.Close m,
                        PartnerStage.Output out, String why) {
        String from = record.partner().level().orElse(null);
        Partner changed = ImmutablePartner.builder().from(record.partner()).level(to).group(levels.groupOf(to)).build();
        store(tx, record, changed, m.at(), below, reviewed);
        out.notify(new Notification.LevelChanged(m.partner(), from, to, why, Nanos.instant(m.at())));
    }
}
