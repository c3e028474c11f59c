package dev.referralkit.engine.stage;

import dev.referralkit.engine.state.EarningRecord;
import dev.referralkit.engine.state.Earned;
import dev.referralkit.engine.state.EntryRef;
import dev.referralkit.engine.state.Nanos;
import dev.referralkit.engine.state.PartnerRecord;
import dev.referralkit.engine.state.RetroRecord;
import dev.referralkit.engine.state.StateStore;
import dev.referralkit.engine.state.VolumeRecord;
import dev.referralkit.event.Payment;
import dev.referralkit.ledger.Entry;
import dev.referralkit.ledger.EntryKind;
import dev.referralkit.ledger.Explanation;
import dev.referralkit.ledger.Payout;
import dev.referralkit.money.Money;
import dev.referralkit.money.Ratio;
import dev.referralkit.program.Metric;
import dev.referralkit.program.Partner;
import dev.referralkit.program.Program;
import dev.referralkit.program.Trigger;
import dev.referralkit.reward.RewardResult;
import dev.referralkit.reward.TierPricing;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partner stage, keyed by partner: what a {@link PartnerMessage} does to one partner's ledger —
 * click, lead and payment rewards ({@link Pricing}: one path, with caps and volumes), parent shares
 * ({@link ParentShares}), refunds ({@link Reversals}), period close ({@link PeriodClose}) and payouts
 * ({@link Payouts}). A partner that is not active at the event earns nothing from it (no entry, no parent
 * share, no volume; SPEC.md §6); reversals still apply.
 *
 * <p><b>Records</b> read and written: the partner's {@code book}, {@code volume}s of the event's periods,
 * {@code cap}s, {@code retro}s, one {@code earning} per payment, and an {@code open} entry per entry made.
 * <b>Work per message</b> is bounded by the plan and the partner's tracked periods; a refund walks the
 * entries of one payment; a close walks the partner's open periods and their pricings; a payout walks the
 * partner's unsettled entries. Nothing scans past events.
 *
 * <p>Entries for other partners (parent shares and their reversals) go out as {@link PartnerMessage.Booked}
 * through {@link Output#send}: the single-process engine books them at once, a stream processor
 * repartitions them to the ancestor.
 */
public final class PartnerStage {
    private static final Logger LOG = LoggerFactory.getLogger(PartnerStage.class);

    /** Where a stage's results go. */
    public interface Output {
        /** @param entry an entry made, in ledger order */
        void entry(Entry entry);

        /** @param payout a payout record made */
        void payout(Payout payout);

        /** @param message a message for another partner (or this one), to be processed after this one's */
        void send(PartnerMessage message);

        /** @param notification a notification for a partner made by a stage (docs/lifecycle.md §5) */
        void notify(Notification notification);
    }

    private final Program program;
    private final Directory directory;
    private final Volumes volumes;
    private final Pricing pricing;
    private final Books books;
    private final ParentShares shares;
    private final Reversals reversals;
    private final PeriodClose close;
    private final Payouts payouts;
    private final Terms terms;

    /**
     * @param program  the program (validated)
     * @param partners every partner with a plan of its own (their plans declare which volumes are tracked)
     */
    public PartnerStage(Program program, Iterable<Partner> partners) {
        this.program = program;
        this.directory = new Directory(program);
        this.volumes = new Volumes(program, partners);
        this.terms = new Terms(program);
        this.pricing = new Pricing(program, volumes, new Caps(volumes));
        this.books = new Books(program.holdDays());
        this.shares = new ParentShares(program);
        this.reversals = new Reversals(program.rounding(), volumes);
        this.close = new PeriodClose(program, books, shares, new LevelReviews(program, volumes));
        this.payouts = new Payouts(program);
    }

    /**
     * Applies a message to its partner's records.
     *
     * @param message the message
     * @param tx      the event's transaction
     * @param out     where entries, payouts and messages for other partners go
     * @throws dev.referralkit.ReferralKitException {@code MISSING_FX_RATE} when a needed rate is absent
     */
    public void apply(PartnerMessage message, Transaction tx, Output out) {
        if (message instanceof PartnerMessage.PaymentEarned m) {
            payment(tx, m, out);
        } else if (message instanceof PartnerMessage.Click m) {
            click(tx, m, out);
        } else if (message instanceof PartnerMessage.LeadEarned m) {
            lead(tx, m, out);
        } else if (message instanceof PartnerMessage.Refunded m) {
            reversals.refund(tx, m, out);
        } else if (message instanceof PartnerMessage.Booked m) {
            Books.open(tx, m.entry(), out);
        } else if (message instanceof PartnerMessage.Close m) {
            close.close(tx, m, out);
        } else if (message instanceof PartnerMessage.Pay m) {
            payouts.pay(tx, m, out);
        } else if (message instanceof PartnerMessage.StageEarned m) {
            stage(tx, m, out);
        } else if (message instanceof PartnerMessage.Notified m) {
            out.notify(m.notification());
        }
    }

    private Money round(BigDecimal exact, Currency currency) {
        return Money.rounded(exact, currency, program.rounding());
    }

    private void click(Transaction tx, PartnerMessage.Click m, Output out) {
        PartnerRecord partner = tx.store().partner(m.partner());
        if (!Directory.isActive(partner)) {
            LOG.debug("no click reward for inactive partner {} on {}", m.partner(), m.touch());
            return;
        }
        Optional<Directory.Plan> plan = directory.plan(partner, Trigger.CLICK, null, terms.versionAt(m.at()));
        if (plan.isEmpty()) {
            return;
        }
        RewardResult result = pricing.price(tx, pricing.input(Trigger.CLICK, partner, plan.get(), m.customer(), m.at(),
                Nanos.instant(m.at()), program.currency(), BigDecimal.ZERO, Ratio.ONE, 0, Nanos.NONE, null, Map.of(), BigDecimal.ZERO,
                BigDecimal.ZERO));
        Money amount = round(result.amount(), program.currency());
        if (!amount.isZero()) {
            Entry e = Books.entry(EntryIds.click(m.touch(), m.partner()), EntryKind.COMMISSION, m.partner(), m.customer(), m.touch(),
                    amount, books.held(m.at()), withSource(result.explanation(), plan.get().source(), Ratio.ONE));
            Books.open(tx, e, out);
            sendShares(tx.store(), e, "click reward", out);
        }
    }

    private void lead(Transaction tx, PartnerMessage.LeadEarned m, Output out) {
        PartnerRecord partner = tx.store().partner(m.partner());
        if (!Directory.isActive(partner)) {
            LOG.debug("no lead reward for inactive partner {} on {}", m.partner(), m.lead());
            return;
        }
        Optional<Directory.Plan> plan = directory.plan(partner, Trigger.LEAD, null, terms.version(m.at(), m.boundAt()));
        if (plan.isEmpty()) {
            return;
        }
        RewardResult result = pricing.price(tx, pricing.input(Trigger.LEAD, partner, plan.get(), m.customer(), m.at(),
                Nanos.instant(m.at()), program.currency(), BigDecimal.ZERO, m.weight(), 0, Nanos.NONE, null, m.attributes(),
                BigDecimal.ZERO, BigDecimal.ZERO));
        Money amount = round(result.amount(), program.currency());
        if (!amount.isZero()) {
            Entry e = Books.entry(EntryIds.lead(m.lead(), m.partner()), EntryKind.COMMISSION, m.partner(), m.customer(), m.lead(),
                    amount, books.held(m.at()), withSource(result.explanation(), plan.get().source(), m.weight()));
            Books.open(tx, e, out);
            sendShares(tx.store(), e, "lead reward", out);
        }
    }

    private void sendShares(StateStore store, Entry e, String what, Output out) {
        for (Entry share : shares.of(store, e, what)) {
            out.send(new PartnerMessage.Booked(share.partner(), share));
        }
    }

    private void payment(Transaction tx, PartnerMessage.PaymentEarned m, Output out) {
        Payment payment = m.payment();
        String partnerId = m.partner();
        PartnerRecord partner = tx.store().partner(partnerId);
        if (!Directory.isActive(partner)) {
            LOG.debug("no commission for inactive partner {} on {}", partnerId, payment.id());
            return;
        }
        if (m.lockedOut()) {
            LOG.debug("no commission for {} on {}: after the lock-in", partnerId, payment.id());
            return;
        }
        Currency currency = payment.currency();
        long at = Nanos.of(payment.at());
        Optional<Directory.Plan> plan = directory.plan(partner, Trigger.PAYMENT, null, terms.version(at, m.boundAt()));
        // a plan that cannot pay after the first payment is not evaluated on later ones (SPEC.md §5.2)
        boolean priced = plan.isPresent() && (m.number() == 1 || plan.get().paysAfterFirstPayment());
        boolean tracksRevenue = volumes.tracks(Metric.REVENUE) && program.rates().canConvert(currency);
        // the share as money only where it is read (a renewal that earns nothing needs none)
        Money share = priced || tracksRevenue ? Money.ofMinor(m.share(), currency) : null;
        Ratio conversion = m.conversion() ? m.weight() : Ratio.ZERO;
        BigDecimal revenue = tracksRevenue ? program.rates().toProgram(share.amount(), currency) : null;
        List<Earned> earned = List.of();
        if (priced) {
            BigDecimal conversionVolume = volumes.tracks(Metric.CONVERSIONS) ? conversion.toBigDecimal(Volumes.SCALE) : BigDecimal.ZERO;
            RewardResult result = pricing.price(tx, pricing.input(Trigger.PAYMENT, partner, plan.get(), payment.customer(), at,
                    payment.at(), currency, share.amount(), m.weight(), m.number(), m.firstPaymentAt(), payment, m.attributes(),
                    conversionVolume, revenue));
            for (TierPricing tp : result.tierPricings()) {
                VolumeRecord v = volumes.open(tx, partnerId, tp.period(), at);
                tx.put(null, new RetroRecord(partnerId, v.label(), v.retros(), payment.id(), m.paymentHi(), m.paymentLo(),
                        payment.customer(), at, currency, tp));
                tx.put(v, new VolumeRecord(partnerId, v.label(), v.period(), v.end(), v.conversions(), v.revenue(), v.retros() + 1, v.active()));
            }
            Money amount = round(result.amount(), currency);
            if (!amount.isZero()) {
                EntryRef ref = EntryRef.commission(partnerId);
                long availableAt = books.held(at);
                Entry e = Books.entry(EntryIds.ofPayment(payment.id(), ref), EntryKind.COMMISSION, partnerId, payment.customer(),
                        payment.id(), amount, availableAt, withSource(result.explanation(), plan.get().source(), m.weight()));
                long minor = amount.toMinorUnits();
                Books.open(tx, e, minor, availableAt, out);
                Earned commission = new Earned(ref, minor, Ratio.ZERO, availableAt);
                List<Entry> parentShares = shares.of(tx.store(), e, "commission");
                if (parentShares.isEmpty()) {
                    earned = List.of(commission);
                } else {
                    earned = new ArrayList<>(1 + parentShares.size());
                    earned.add(commission);
                    for (Entry s : parentShares) {
                        earned.add(new Earned(ref.sharedWith(s.partner()), s.money().toMinorUnits(), Ratio.ZERO, availableAt));
                        out.send(new PartnerMessage.Booked(s.partner(), s));
                    }
                }
            }
        }
        if (volumes.tracksAny()) {
            volumes.add(tx, partner, at, conversion, revenue, m.previousPaymentAt());
        }
        if (!earned.isEmpty() || volumes.tracksAny()) {
            // the payment's instant is kept only where a refund needs it: to find its periods' volumes
            tx.put(null, new EarningRecord(partnerId, m.paymentHi(), m.paymentLo(), volumes.tracksAny() ? at : Nanos.NONE, currency,
                    Ratio.ZERO, earned,
                    volumes.tracksAny() ? conversion : Ratio.ZERO, volumes.tracksAny() ? revenue : null));
        }
    }

    /**
     * docs/lifecycle.md §1: a lead reaching a stage earns the stage's reward, priced like a payment on a
     * won deal's share of the base (a flat amount multiplied by the weight); a won deal with an amount adds
     * its conversion and revenue to the partner's volumes. Not reversible by refunds: no earning is kept.
     */
    private void stage(Transaction tx, PartnerMessage.StageEarned m, Output out) {
        dev.referralkit.event.LeadStage event = m.event();
        String partnerId = m.partner();
        PartnerRecord partner = tx.store().partner(partnerId);
        if (!Directory.isActive(partner)) {
            LOG.debug("no stage reward for inactive partner {} on {}", partnerId, event.id());
            return;
        }
        long at = Nanos.of(event.at());
        Currency currency = event.currency().orElse(program.currency());
        Money share = Money.ofMinor(m.share(), currency);
        Ratio conversion = m.conversion() ? m.weight() : Ratio.ZERO;
        BigDecimal revenue = event.amount().isPresent() && volumes.tracks(Metric.REVENUE) && program.rates().canConvert(currency)
                ? program.rates().toProgram(share.amount(), currency) : null;
        Optional<Directory.Plan> plan = directory.plan(partner, Trigger.STAGE, event.stage(), terms.version(at, m.boundAt()));
        if (plan.isPresent()) {
            BigDecimal conversionVolume = volumes.tracks(Metric.CONVERSIONS) ? conversion.toBigDecimal(Volumes.SCALE) : BigDecimal.ZERO;
            RewardResult result = pricing.price(tx, pricing.input(Trigger.STAGE, partner, plan.get(), event.customer(), at, event.at(),
                    currency, share.amount(), m.weight(), 0, Nanos.NONE, null, m.attributes(), conversionVolume,
                    revenue == null && event.amount().isEmpty() ? BigDecimal.ZERO : revenue, event));
            Money amount = round(result.amount(), currency);
            if (!amount.isZero()) {
                Entry e = Books.entry(EntryIds.stage(event.id(), partnerId, event.stage()), EntryKind.COMMISSION, partnerId,
                        event.customer(), event.id(), amount, books.held(at), withSource(result.explanation(), plan.get().source(), m.weight()));
                Books.open(tx, e, out);
                sendShares(tx.store(), e, event.stage() + " reward", out);
            }
        }
        if (event.amount().isPresent() && volumes.tracksAny()) {
            volumes.add(tx, partner, at, conversion, revenue, Nanos.NONE);
        }
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
}
