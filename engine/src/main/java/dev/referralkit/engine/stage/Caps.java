package dev.referralkit.engine.stage;

import dev.referralkit.engine.state.BookRecord;
import dev.referralkit.engine.state.CapRecord;
import dev.referralkit.program.CapScope;
import dev.referralkit.program.Period;
import dev.referralkit.reward.CapUse;
import dev.referralkit.reward.RewardResult;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Cap usage (SPEC.md §5 {@code cap}): what each cap let through per partner and scope, exact, in program
 * currency; reversals never give headroom back. A cap's identity is its JSON path in the plan
 * ({@code rewards.payment.reward}), so two caps never share headroom. Scopes: {@code event} (nothing kept),
 * {@code customer} (per customer id), {@code partner_month} (per calendar month in the program's zone,
 * dropped when a payout run passes the month's end), {@code partner_lifetime}.
 */
final class Caps {
    private final Volumes volumes;

    Caps(Volumes volumes) {
        this.volumes = volumes;
    }

    String scope(CapScope scope, String customer, long at) {
        return switch (scope) {
            case CUSTOMER -> "customer:" + customer;
            case PARTNER_MONTH -> "month:" + volumes.label(Period.MONTH, at);
            default -> "lifetime";
        };
    }

    BigDecimal used(Transaction tx, String partner, String cap, CapScope scope, String customer, long at) {
        CapRecord r = tx.store().cap(partner, cap, scope(scope, customer, at));
        return r == null ? BigDecimal.ZERO : r.used();
    }

    /** Records what a result's caps let through. */
    void apply(Transaction tx, String partner, RewardResult result, String customer, long at) {
        for (CapUse use : result.capUses()) {
            if (use.scope() == CapScope.EVENT || use.amount().signum() == 0) {
                continue;
            }
            String scope = scope(use.scope(), customer, at);
            CapRecord old = tx.store().cap(partner, use.key(), scope);
            tx.put(old, new CapRecord(partner, use.key(), scope, old == null ? use.amount() : old.used().add(use.amount())));
            if (old == null && use.scope() == CapScope.PARTNER_MONTH) {
                BookRecord stored = tx.store().book(partner);
                BookRecord book = stored != null ? stored : BookRecord.empty(partner);
                List<String> caps = new ArrayList<>(book.monthCaps());
                caps.add(volumes.label(Period.MONTH, at) + "|" + use.key());
                tx.put(stored, new BookRecord(partner, book.openPeriods(), book.lifetimeBonuses(), book.paid(), book.nextSeq(), caps));
            }
        }
    }
}
