package dev.referralkit.engine.stage;

import dev.referralkit.engine.state.EntryRef;
import java.util.Currency;

/**
 * Entry ids (FORMATS.md §3: deterministic), made in this one place. An id names the event the entry
 * comes from, the partner and what the entry is:
 * <ul>
 * <li>click and lead commissions: {@code t1/p1/click}, {@code l1/p1/lead}; a lead stage's reward
 *     {@code s1/p1/won} (docs/lifecycle.md §1);</li>
 * <li>entries of a payment: the payment id, a slash and {@link EntryRef#suffix()}: {@code i1/p1/commission},
 *     {@code i1/p1/true_up/2026-03}, {@code i1/p1/commission/parent/p0};</li>
 * <li>other parent shares: the shared entry's id and {@code /parent/<ancestor>};</li>
 * <li>reversals: {@code r1/p1/reversal} for a commission, else {@code r1/<suffix>/reversal};</li>
 * <li>bonuses: {@code run1/p1/bonus/0/2026-03}; payouts: {@code run1/p1/USD/payout}.</li>
 * </ul>
 * Nothing parses ids back: what an entry is travels as an {@link EntryRef}.
 */
final class EntryIds {
    private EntryIds() {
    }

    static String click(String touch, String partner) {
        return touch + "/" + partner + "/click";
    }

    static String lead(String lead, String partner) {
        return lead + "/" + partner + "/lead";
    }

    static String stage(String event, String partner, String stage) {
        return event + "/" + partner + "/" + stage;
    }

    static String ofPayment(String payment, EntryRef ref) {
        return payment + "/" + ref.suffix();
    }

    static String parentShare(String sharedId, String ancestor) {
        return sharedId + "/parent/" + ancestor;
    }

    static String reversal(String refund, EntryRef ref) {
        boolean plain = !ref.trueUp() && ref.ancestor() == null;
        return refund + "/" + (plain ? ref.partner() : ref.suffix()) + "/reversal";
    }

    static String bonus(String run, String partner, int index, String label) {
        return run + "/" + partner + "/bonus/" + index + "/" + label;
    }

    static String payout(String run, String partner, Currency currency) {
        return run + "/" + partner + "/" + currency.getCurrencyCode() + "/payout";
    }
}
