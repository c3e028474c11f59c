package dev.referralkit.engine.stage;

import dev.referralkit.engine.state.StateStore;
import dev.referralkit.ledger.Entry;
import dev.referralkit.ledger.EntryKind;
import dev.referralkit.ledger.Explanation;
import dev.referralkit.money.Money;
import dev.referralkit.money.Percent;
import dev.referralkit.program.Program;
import dev.referralkit.money.Rounding;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parent shares (SPEC.md §5.3): every {@code COMMISSION}, {@code TRUE_UP} and {@code BONUS} of a partner
 * with a parent gives the parent its level's percentage of the entry (rounded once: the entry's amount is
 * already final), the grandparent the next level's, and so on; an ancestor that is not active gets
 * nothing. A share has the shared entry's customer, event and availableAt. The shares are made by the
 * stage of the partner whose entry it is and booked by each ancestor's ({@link PartnerMessage.Booked});
 * their reversals likewise ({@link Reversals}).
 */
final class ParentShares {
    private static final Logger LOG = LoggerFactory.getLogger(ParentShares.class);

    private final List<Percent> levels;
    private final Rounding rounding;

    ParentShares(Program program) {
        this.levels = program.parentShare().map(p -> p.levels()).orElse(List.of());
        this.rounding = program.rounding();
    }

    /** @return the shares of an entry, in level order (not yet booked) */
    List<Entry> of(StateStore store, Entry source, String what) {
        if (levels.isEmpty() || store.partner(source.partner()).partner().parent().isEmpty()) {
            return List.of();
        }
        List<Entry> shares = new ArrayList<>(1);
        List<String> ancestors = Directory.ancestors(store, source.partner(), levels.size());
        for (int level = 0; level < ancestors.size(); level++) {
            String ancestor = ancestors.get(level);
            if (!Directory.isActive(store.partner(ancestor))) {
                LOG.debug("no parent share for inactive partner {} of {}", ancestor, source.id());
                continue;
            }
            Percent percent = levels.get(level);
            Money amount = Money.rounded(percent.applyTo(source.amount()), source.currency(), rounding);
            if (amount.isZero()) {
                continue;
            }
            Money base = source.money();
            String child = source.partner();
            shares.add(Books.entry(EntryIds.parentShare(source.id(), ancestor), EntryKind.PARENT_SHARE, ancestor,
                    source.customer().orElse(null), source.event(), amount, dev.referralkit.engine.state.Nanos.of(source.availableAt()),
                    Explanation.lazy("parent_share", List.of(source.explanation()),
                            () -> percent + " parent share of " + child + "'s " + what + " " + base)));
        }
        return shares;
    }
}
