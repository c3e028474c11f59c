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

        /** @param decision a risk check's verdict that was not allow (docs/payouts.md §1) */
        default void decision(dev.referralkit.ledger.RiskDecision decision) {
        }

        /** @param change an entry placed under a hold or let out of one (docs/payouts.md §2) */
        default void hold(dev.referralkit.ledger.HoldChange change) {
        }

        /** @param withheld a payout a run withheld (docs/payouts.md §4) */
        default void withheld(dev.referralkit.ledger.Withheld withheld) {
        }
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
    private final Screening screening;
    /** The customer-side facts of the message being applied (set while a {@link PartnerMessage.Screened} is). */
    private Screening.Facts facts = Screening.Facts.NONE;
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
        this.screening = new Screening(program);
        this.reversals = new Reversals(program.rounding(), volumes, screening);
        this.close = new PeriodClose(program, books, shares, new LevelReviews(program, volumes));
        this.payouts = new Payouts(program, screening);
    }

    /**
     * Applies a message to its partner's records.
     *
     * @param message the message
     * @param tx      the event's transaction
     * @param out     where entries, payouts and messages for other partners go
     * @throws dev.referralkit.ReferralKitException for a {@link PartnerMessage.Keyed} only (docs/payouts.md §6):
     *                                              {@code UNKNOWN_PARTNER}, {@code UNKNOWN_PAYOUT}, {@code NOT_HELD},
     *                                              {@code OUT_OF_ORDER}, {@code PAYOUT_CONFLICT}, {@code DUPLICATE};
     *                                              every other message is applied, never refused
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
        } else if (message instanceof PartnerMessage.Screened m) {
            facts = new Screening.Facts(m.touchAt(), m.sharedEmail(), m.sharedFingerprint());
            try {
                apply(m.inner(), tx, out);
            } finally {
                facts = Screening.Facts.NONE;
            }
        } else if (message instanceof PartnerMessage.BookedHeld m) {
            Holds.bookHeld(tx, m, out);
        } else if (message instanceof PartnerMessage.HoldEnded m) {
            Holds.ended(tx, m, out);
        } else if (message instanceof PartnerMessage.Keyed m) {
            keyed(tx, m, out);
        }
    }

    /** A partner event (docs/payouts.md §6): the partner must exist; then the event's own checks. */
    private void keyed(Transaction tx, PartnerMessage.Keyed m, Output out) {
        if (tx.store().partner(m.partner()) == null) {
            throw dev.referralkit.ReferralKitException.invalid(dev.referralkit.RejectionCode.UNKNOWN_PARTNER, "partner", m.partner(),
                    "is not a partner of the program");
        }
        if (m.event() instanceof dev.referralkit.event.Review r) {
            Holds.review(tx, r, out);
        } else if (m.event() instanceof dev.referralkit.event.PayoutConfirmed c) {
            payouts.confirmed(tx, c);
        } else if (m.event() instanceof dev.referralkit.event.PayoutFailed f) {
            payouts.failed(tx, f, out);
        } else if (m.event() instanceof dev.referralkit.event.TaxForm t) {
            payouts.taxForm(tx, t);
        } else {
            throw new IllegalArgumentException("unknown partner event " + m.event().typeName());
        }
    }

    /** The risk context of a commission about to be made (null when the program has no checks). */
    private Screening.Context context(Transaction tx, Trigger trigger, String event, long at, PartnerRecord partner, String customer,
                                      Map<String, String> customerAttributes, Map<String, String> eventAttributes, boolean conversion) {
        if (!screening.active()) {
            return null;
        }
        return screening.new Context(tx.store(), trigger, event, at, partner.id(), partner.partner().attributes(), customer,
                customerAttributes, eventAttributes, conversion, facts);
    }

    /**
     * Books a commission with what the risk checks decided: held (and its parent shares held at the ancestors), or
     * made as usual; reports the decisions.
     */
    private void book(Transaction tx, Entry e, long amountMinor, long availableAt, long at, List<Screening.Fired> fired, long paymentHi,
                      long paymentLo, List<Entry> parentShares, Output out) {
        long seq = Books.open(tx, e, amountMinor, availableAt, out);
        if (Screening.strongest(fired) == dev.referralkit.risk.RiskAction.HOLD) {
            Screening.Fired f = Screening.first(fired, dev.referralkit.risk.RiskAction.HOLD);
            List<String> ancestors = new ArrayList<>(parentShares.size());
            parentShares.forEach(s -> ancestors.add(s.partner()));
            Holds.place(tx, e, seq, at, paymentHi, paymentLo, ancestors, f.check().type(), f.verdict().code(), out);
            for (Entry share : parentShares) {
                out.send(new PartnerMessage.BookedHeld(share.partner(), share, e.partner(), e.id(), f.check().type(), f.verdict().code()));
            }
        } else {
            for (int i = 0; i < parentShares.size(); i++) {
                out.send(new PartnerMessage.Booked(parentShares.get(i).partner(), parentShares.get(i)));
            }
        }
        if (!fired.isEmpty()) {
            Screening.report(fired, e.event(), e.partner(), e.id(), out);
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
        String id = EntryIds.click(m.touch(), m.partner());
        Screening.Context risk = context(tx, Trigger.CLICK, m.touch(), m.at(), partner, m.customer(), Map.of(), Map.of(), false);
        List<Screening.Fired> fired = risk == null ? List.of() : screening.screenBefore(risk);
        if (Screening.strongest(fired) == dev.referralkit.risk.RiskAction.REJECT) {
            Screening.report(fired, m.touch(), m.partner(), id, out);
            return;
        }
        RewardResult result = pricing.price(tx, pricing.input(Trigger.CLICK, partner, plan.get(), m.customer(), m.at(),
                Nanos.instant(m.at()), program.currency(), BigDecimal.ZERO, Ratio.ONE, 0, Nanos.NONE, null, Map.of(), BigDecimal.ZERO,
                BigDecimal.ZERO));
        Money amount = round(result.amount(), program.currency());
        if (!amount.isZero()) {
            fired = after(risk, fired, amount);
            Entry e = Books.entry(id, EntryKind.COMMISSION, m.partner(), m.customer(), m.touch(),
                    amount, books.held(m.at()), withSource(result.explanation(), plan.get().source(), Ratio.ONE));
            book(tx, e, amount.toMinorUnits(), books.held(m.at()), m.at(), fired, Nanos.NONE, 0, shares.of(tx.store(), e, "click reward"), out);
        }
    }

    /** Adds the verdicts of the checks that read the commission. */
    private List<Screening.Fired> after(Screening.Context risk, List<Screening.Fired> fired, Money amount) {
        if (risk == null) {
            return fired;
        }
        List<Screening.Fired> more = screening.screenAfter(risk, amount);
        if (more.isEmpty()) {
            return fired;
        }
        List<Screening.Fired> all = new ArrayList<>(fired);
        all.addAll(more);
        return all;
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
        String id = EntryIds.lead(m.lead(), m.partner());
        Screening.Context risk = context(tx, Trigger.LEAD, m.lead(), m.at(), partner, m.customer(), m.attributes(), Map.of(), false);
        List<Screening.Fired> fired = risk == null ? List.of() : screening.screenBefore(risk);
        if (Screening.strongest(fired) == dev.referralkit.risk.RiskAction.REJECT) {
            Screening.report(fired, m.lead(), m.partner(), id, out);
            return;
        }
        RewardResult result = pricing.price(tx, pricing.input(Trigger.LEAD, partner, plan.get(), m.customer(), m.at(),
                Nanos.instant(m.at()), program.currency(), BigDecimal.ZERO, m.weight(), 0, Nanos.NONE, null, m.attributes(),
                BigDecimal.ZERO, BigDecimal.ZERO));
        Money amount = round(result.amount(), program.currency());
        if (!amount.isZero()) {
            fired = after(risk, fired, amount);
            Entry e = Books.entry(id, EntryKind.COMMISSION, m.partner(), m.customer(), m.lead(),
                    amount, books.held(m.at()), withSource(result.explanation(), plan.get().source(), m.weight()));
            book(tx, e, amount.toMinorUnits(), books.held(m.at()), m.at(), fired, Nanos.NONE, 0, shares.of(tx.store(), e, "lead reward"), out);
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
            EntryRef ref = EntryRef.commission(partnerId);
            String id = EntryIds.ofPayment(payment.id(), ref);
            Screening.Context risk = context(tx, Trigger.PAYMENT, payment.id(), at, partner, payment.customer(), m.attributes(),
                    payment.attributes(), m.conversion());
            List<Screening.Fired> fired = risk == null ? List.of() : screening.screenBefore(risk);
            if (Screening.strongest(fired) == dev.referralkit.risk.RiskAction.REJECT) {
                // no entry for this partner from this payment: no commission, share, volume, cap use or earning
                Screening.report(fired, payment.id(), partnerId, id, out);
                return;
            }
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
                fired = after(risk, fired, amount);
                long availableAt = books.held(at);
                Entry e = Books.entry(id, EntryKind.COMMISSION, partnerId, payment.customer(),
                        payment.id(), amount, availableAt, withSource(result.explanation(), plan.get().source(), m.weight()));
                long minor = amount.toMinorUnits();
                Earned commission = new Earned(ref, minor, Ratio.ZERO, availableAt);
                List<Entry> parentShares = shares.of(tx.store(), e, "commission");
                if (parentShares.isEmpty()) {
                    earned = List.of(commission);
                } else {
                    earned = new ArrayList<>(1 + parentShares.size());
                    earned.add(commission);
                    for (Entry s : parentShares) {
                        earned.add(new Earned(ref.sharedWith(s.partner()), s.money().toMinorUnits(), Ratio.ZERO, availableAt));
                    }
                }
                book(tx, e, minor, availableAt, at, fired, m.paymentHi(), m.paymentLo(), parentShares, out);
            }
        }
        if (m.conversion() && screening.windows()) {
            screening.converted(tx, partnerId, at, m.paymentHi(), m.paymentLo());
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
            String id = EntryIds.stage(event.id(), partnerId, event.stage());
            Screening.Context risk = context(tx, Trigger.STAGE, event.id(), at, partner, event.customer(), m.attributes(),
                    event.attributes(), m.conversion());
            List<Screening.Fired> fired = risk == null ? List.of() : screening.screenBefore(risk);
            if (Screening.strongest(fired) == dev.referralkit.risk.RiskAction.REJECT) {
                // no entry for this partner from this stage: no commission, share, volume or cap use (docs/payouts.md §1.2)
                Screening.report(fired, event.id(), partnerId, id, out);
                return;
            }
            BigDecimal conversionVolume = volumes.tracks(Metric.CONVERSIONS) ? conversion.toBigDecimal(Volumes.SCALE) : BigDecimal.ZERO;
            RewardResult result = pricing.price(tx, pricing.input(Trigger.STAGE, partner, plan.get(), event.customer(), at, event.at(),
                    currency, share.amount(), m.weight(), 0, Nanos.NONE, null, m.attributes(), conversionVolume,
                    revenue == null && event.amount().isEmpty() ? BigDecimal.ZERO : revenue, event));
            Money amount = round(result.amount(), currency);
            if (!amount.isZero()) {
                fired = after(risk, fired, amount);
                Entry e = Books.entry(id, EntryKind.COMMISSION, partnerId,
                        event.customer(), event.id(), amount, books.held(at), withSource(result.explanation(), plan.get().source(), m.weight()));
                book(tx, e, amount.toMinorUnits(), books.held(at), at, fired, Nanos.NONE, 0, shares.of(tx.store(), e, event.stage() + " reward"),
                        out);
            }
        }
        if (m.conversion() && screening.windows()) {
            // a won deal converts like a first payment; it is never refunded (no earning is kept), so its hash never matches a refund
            screening.converted(tx, partnerId, at, dev.referralkit.engine.state.IdHash.hi(event.id()), dev.referralkit.engine.state.IdHash.lo32(event.id()));
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
