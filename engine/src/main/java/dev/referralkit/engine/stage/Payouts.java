package dev.referralkit.engine.stage;

import dev.referralkit.engine.state.BookRecord;
import dev.referralkit.engine.state.OpenEntryRecord;
import dev.referralkit.engine.state.StateStore;
import dev.referralkit.ledger.Entry;
import dev.referralkit.ledger.EntryKind;
import dev.referralkit.ledger.Explanation;
import dev.referralkit.ledger.ImmutablePayout;
import dev.referralkit.money.Money;
import dev.referralkit.program.Program;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Payouts (SPEC.md §6): at a payout run at T, after every partner's periods closed, each active
 * partner's unsettled entries with {@code availableAt ≤ T} are summed per currency (each currency stands
 * alone); a sum at or above the program's minimum for that currency (default: any positive sum) makes a
 * {@code PAYOUT} entry of −sum and a payout record listing the settled entries, which are then dropped
 * (the host has them); otherwise everything carries forward (a negative sum always carries). A partner
 * that is not active is not paid; its balance carries.
 */
final class Payouts {
    private static final Logger LOG = LoggerFactory.getLogger(Payouts.class);

    private final Program program;

    Payouts(Program program) {
        this.program = program;
    }

    void pay(Transaction tx, PartnerMessage.Pay m, PartnerStage.Output out) {
        StateStore store = tx.store();
        String partner = m.partner();
        if (store.book(partner) == null) {
            return;
        }
        if (!Directory.isActive(store.partner(partner))) {
            LOG.debug("payout withheld for {}: status {}", partner, Directory.status(store.partner(partner)));
            return;
        }
        Map<String, List<OpenEntryRecord>> byCurrency = new TreeMap<>();
        store.forEachOpenEntry(partner, e -> {
            if (e.availableAt() <= m.at()) {
                byCurrency.computeIfAbsent(e.currency().getCurrencyCode(), c -> new ArrayList<>()).add(e);
            }
        });
        for (List<OpenEntryRecord> available : byCurrency.values()) {
            Currency currency = available.get(0).currency();
            long sumMinor = 0;
            List<String> settled = new ArrayList<>(available.size());
            for (OpenEntryRecord e : available) {
                sumMinor = Math.addExact(sumMinor, e.amount());
                settled.add(e.id());
            }
            Money sum = Money.ofMinor(sumMinor, currency);
            Optional<Money> minimum = program.minimumPayout(currency);
            if (sum.signum() <= 0 || minimum.isPresent() && sum.compareTo(minimum.get()) < 0) {
                continue;
            }
            int count = settled.size();
            Entry payout = Books.entry(EntryIds.payout(m.run(), partner, currency), EntryKind.PAYOUT, partner, null, m.run(),
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
        }
    }
}
