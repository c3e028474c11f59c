package dev.referralkit.engine.stage;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.engine.state.BookRecord;
import dev.referralkit.engine.state.Nanos;
import dev.referralkit.engine.state.OpenEntryRecord;
import dev.referralkit.engine.state.PartnerRecord;
import dev.referralkit.engine.state.PayoutRecord;
import dev.referralkit.engine.state.StateStore;
import dev.referralkit.engine.state.TaxRecord;
import dev.referralkit.event.PayoutConfirmed;
import dev.referralkit.event.PayoutFailed;
import dev.referralkit.event.TaxForm;
import dev.referralkit.ledger.Entry;
import dev.referralkit.ledger.EntryKind;
import dev.referralkit.ledger.Explanation;
import dev.referralkit.ledger.ImmutablePayout;
import dev.referralkit.ledger.ImmutableWithheld;
import dev.referralkit.money.Money;
import dev.referralkit.program.Program;
import dev.referralkit.program.TaxSettings;
import dev.referralkit.risk.RiskAction;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Payouts (SPEC.md §6) and their lifecycle (docs/payouts.md §3, §4): at a payout run at T, after every partner's
 * periods closed, each partner's unsettled entries with {@code availableAt ≤ T} that are not under a hold are
 * summed per currency (each currency stands alone); a sum at or above the program's minimum for that currency
 * (default: any positive sum) is screened — a partner that is not active, a payout check's hold, a tax threshold
 * crossed without a form on file withhold it, explained on the outcome — and otherwise makes a {@code PAYOUT} entry
 * of −sum, a payout record listing the settled entries (which are then dropped: the host has them), a sent
 * {@link PayoutRecord} and the year's paid total. A withheld or too small sum carries forward (a negative sum
 * always carries).
 *
 * <p>A {@code payout_confirmed} marks a sent payout confirmed; a {@code payout_failed} marks it failed and puts its
 * sum back as one {@code PAYOUT_REVERSAL} entry, which the next run pays again; paid totals fall by the sum. A
 * {@code tax_form} puts the partner's form on file.
 */
final class Payouts {
    private static final Logger LOG = LoggerFactory.getLogger(Payouts.class);

    private final Program program;
    private final Screening screening;

    Payouts(Program program, Screening screening) {
        this.program = program;
        this.screening = screening;
    }

    void pay(Transaction tx, PartnerMessage.Pay m, PartnerStage.Output out) {
        StateStore store = tx.store();
        String partner = m.partner();
        if (store.book(partner) == null) {
            return;
        }
        PartnerRecord record = store.partner(partner);
        boolean active = Directory.isActive(record);
        if (!active) {
            LOG.debug("payout withheld for {}: status {}", partner, Directory.status(record));
        }
        Set<Long> held = screening.active() ? Holds.heldSeqs(store, partner) : Set.of();
        Map<String, List<OpenEntryRecord>> byCurrency = new TreeMap<>();
        store.forEachOpenEntry(partner, e -> {
            if (e.availableAt() <= m.at() && !held.contains(e.seq())) {
                byCurrency.computeIfAbsent(e.currency().getCurrencyCode(), c -> new ArrayList<>()).add(e);
            }
        });
        for (List<OpenEntryRecord> available : byCurrency.values()) {
            Currency currency = available.get(0).currency();
            long sumMinor = 0;
            for (OpenEntryRecord e : available) {
                sumMinor = Math.addExact(sumMinor, e.amount());
            }
            Money sum = Money.ofMinor(sumMinor, currency);
            Optional<Money> minimum = program.minimumPayout(currency);
            if (sum.signum() <= 0 || minimum.isPresent() && sum.compareTo(minimum.get()) < 0) {
                continue;
            }
            String payoutId = EntryIds.payout(m.run(), partner, currency);
            if (!active) {
                withhold(out, m, partner, sum, "PARTNER_NOT_ACTIVE", "partner " + partner + " is "
                        + Directory.status(record).jsonName() + ", not active: " + sum + " carries until it is");
                continue;
            }
            if (screening.active()) {
                BookRecord book = store.book(partner);
                List<Screening.Fired> fired = screening.screenPayout(screening.payoutContext(store, m.run(), m.at(), partner,
                        record.partner().attributes(), sum, !book.paid().isEmpty()));
                if (Screening.strongest(fired) == RiskAction.HOLD) {
                    Screening.Fired f = Screening.first(fired, RiskAction.HOLD);
                    withhold(out, m, partner, sum, f.verdict().code(), f.verdict().explanation());
                    continue;
                }
                Screening.report(fired, m.run(), partner, payoutId, out);
            }
            Optional<String> tax = taxWithheld(store, partner, m.at(), sum);
            if (tax.isPresent()) {
                withhold(out, m, partner, sum, "TAX_FORM_REQUIRED", tax.get());
                continue;
            }
            List<String> settled = new ArrayList<>(available.size());
            available.forEach(e -> settled.add(e.id()));
            int count = settled.size();
            Entry payout = Books.entry(payoutId, EntryKind.PAYOUT, partner, null, m.run(),
                    sum.negated(), m.at(), Explanation.lazy("payout", List.of(),
                            () -> "payout run " + m.run() + ": " + sum + " for " + count + (count == 1 ? " entry" : " entries")));
            out.entry(payout);
            out.payout(ImmutablePayout.builder().run(m.run()).partner(partner).currency(currency).amount(sum.amount())
                    .entries(settled).build());
            available.forEach(tx::remove);
            BookRecord book = store.book(partner);
            Map<String, Long> paid = new TreeMap<>(book.paid());
            paid.merge(currency.getCurrencyCode(), sumMinor, Math::addExact);
            tx.put(book, new BookRecord(partner, book.openPeriods(), book.lifetimeBonuses(), paid, book.nextSeq(), book.monthCaps()));
            tx.put(null, new PayoutRecord(partner, payoutId, currency, sumMinor, m.at(), PayoutRecord.Status.SENT, null));
            addPaid(tx, partner, year(m.at()), currency.getCurrencyCode(), sumMinor);
        }
    }

    private static void withhold(PartnerStage.Output out, PartnerMessage.Pay m, String partner, Money sum, String code, String why) {
        out.withheld(ImmutableWithheld.builder().run(m.run()).partner(partner).currency(sum.currency()).amount(sum.amount())
                .code(code).explanation(why).build());
    }

    /** The year of an instant in the program's time zone (docs/payouts.md §4: calendar years). */
    private int year(long at) {
        return Nanos.instant(at).atZone(program.timeZone()).getYear();
    }

    private static void addPaid(Transaction tx, String partner, int year, String currency, long minor) {
        TaxRecord old = tx.store().tax(partner);
        TaxRecord t = old != null ? old : TaxRecord.empty(partner);
        tx.put(old, t.plus(year, currency, minor));
    }

    /** Why a payout is withheld for want of a tax form, if it is. */
    private Optional<String> taxWithheld(StateStore store, String partner, long at, Money sum) {
        if (program.tax().isEmpty()) {
            return Optional.empty();
        }
        TaxSettings settings = program.tax().get();
        Optional<Money> threshold = settings.threshold(sum.currency());
        if (threshold.isEmpty()) {
            return Optional.empty();
        }
        TaxRecord t = store.tax(partner);
        if (t != null && t.formAt() != Nanos.NONE) {
            return Optional.empty();
        }
        int year = year(at);
        Money paid = Money.ofMinor(t == null ? 0 : t.paid(year, sum.currency().getCurrencyCode()), sum.currency());
        Money total = paid.plus(sum);
        if (total.compareTo(threshold.get()) <= 0) {
            return Optional.empty();
        }
        return Optional.of("paid " + paid + " in " + year + " + this payout " + sum + " = " + total + " would exceed the threshold of "
                + threshold.get() + "; no tax form on file");
    }

    /**
     * A partner event: a payout confirmed or failed, a tax form.
     *
     * @throws ReferralKitException {@code UNKNOWN_PAYOUT}, {@code DUPLICATE}, {@code PAYOUT_CONFLICT}
     */
    void confirmed(Transaction tx, PayoutConfirmed c) {
        PayoutRecord p = known(tx.store(), c.partner(), c.payout());
        String reference = c.reference().orElse(null);
        switch (p.status()) {
            case SENT -> tx.put(p, new PayoutRecord(p.partner(), p.payout(), p.currency(), p.amount(), p.runAt(),
                    PayoutRecord.Status.CONFIRMED, reference));
            case CONFIRMED -> {
                if (Objects.equals(reference, p.detail())) {
                    throw ReferralKitException.of(RejectionCode.DUPLICATE, "payout", c.payout(),
                            "payout " + c.payout() + " is already confirmed with the same reference; nothing changed");
                }
                throw ReferralKitException.of(RejectionCode.PAYOUT_CONFLICT, "reference", reference,
                        "payout " + c.payout() + " is already confirmed with " + (p.detail() == null ? "no reference" : "reference " + p.detail()));
            }
            case FAILED -> throw ReferralKitException.of(RejectionCode.PAYOUT_CONFLICT, "payout", c.payout(),
                    "payout " + c.payout() + " failed (" + p.detail() + "); its sum was put back for a later run to pay");
        }
    }

    void failed(Transaction tx, PayoutFailed f, PartnerStage.Output out) {
        PayoutRecord p = known(tx.store(), f.partner(), f.payout());
        if (p.status() == PayoutRecord.Status.FAILED) {
            if (f.reason().equals(p.detail())) {
                throw ReferralKitException.of(RejectionCode.DUPLICATE, "payout", f.payout(),
                        "payout " + f.payout() + " already failed for the same reason; nothing changed");
            }
            throw ReferralKitException.of(RejectionCode.PAYOUT_CONFLICT, "reason", f.reason(),
                    "payout " + f.payout() + " already failed for another reason: " + p.detail());
        }
        long at = Nanos.of(f.at());
        Money amount = Money.ofMinor(p.amount(), p.currency());
        String payout = p.payout();
        String reason = f.reason();
        boolean wasConfirmed = p.status() == PayoutRecord.Status.CONFIRMED;
        Entry back = Books.entry(payout + "/reversal", EntryKind.PAYOUT_REVERSAL, p.partner(), null, f.id(), amount, at,
                Explanation.lazy("payout_reversal", List.of(), () -> "payout " + payout + (wasConfirmed ? " came back after it was confirmed: "
                        : " failed: ") + reason + "; " + amount + " put back for the next run"));
        Books.open(tx, back, out);
        tx.put(p, new PayoutRecord(p.partner(), p.payout(), p.currency(), p.amount(), p.runAt(), PayoutRecord.Status.FAILED, reason));
        BookRecord book = tx.store().book(p.partner());
        Map<String, Long> paid = new TreeMap<>(book.paid());
        paid.merge(p.currency().getCurrencyCode(), -p.amount(), Math::addExact);
        tx.put(book, new BookRecord(book.partner(), book.openPeriods(), book.lifetimeBonuses(), paid, book.nextSeq(), book.monthCaps()));
        addPaid(tx, p.partner(), year(p.runAt()), p.currency().getCurrencyCode(), -p.amount());
    }

    void taxForm(Transaction tx, TaxForm form) {
        TaxRecord old = tx.store().tax(form.partner());
        TaxRecord t = old != null ? old : TaxRecord.empty(form.partner());
        if (t.formAt() == Nanos.NONE) {
            tx.put(old, new TaxRecord(t.partner(), Nanos.of(form.at()), t.paid()));
        }
    }

    private static PayoutRecord known(StateStore store, String partner, String payout) {
        PayoutRecord p = store.payout(partner, payout);
        if (p == null) {
            throw ReferralKitException.invalid(RejectionCode.UNKNOWN_PAYOUT, "payout", payout, "is not a payout made to partner " + partner);
        }
        return p;
    }
}
