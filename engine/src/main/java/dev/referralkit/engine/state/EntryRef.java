package dev.referralkit.engine.state;

import java.util.Objects;

/**
 * Which entry of a payment an {@link Earned} is, relative to the payment: a partner's commission,
 * its true-up of one period, or an ancestor's share of either. Its {@link #suffix()} follows the
 * payment id in the entry id ({@code i1/p1/commission}, {@code i1/p1/true_up/2026-03},
 * {@code i1/p1/commission/parent/p0}); see {@code EntryIds}, the one place ids are made.
 *
 * @param partner  the partner whose commission or true-up it is (the child, for a parent share)
 * @param trueUp   true for a true-up, false for a commission
 * @param label    the true-up's period label; null for a commission
 * @param ancestor the ancestor for a parent share; null otherwise
 */
public record EntryRef(String partner, boolean trueUp, String label, String ancestor) {
    /** Checks the fields. */
    public EntryRef {
        Objects.requireNonNull(partner, "partner");
        if (trueUp != (label != null)) {
            throw new IllegalArgumentException("a true-up has a period label, a commission none");
        }
    }

    /**
     * @param partner a partner
     * @return its commission
     */
    public static EntryRef commission(String partner) {
        return new EntryRef(partner, false, null, null);
    }

    /**
     * @param ancestor an ancestor
     * @return its share of this entry
     */
    public EntryRef sharedWith(String ancestor) {
        return new EntryRef(partner, trueUp, label, Objects.requireNonNull(ancestor, "ancestor"));
    }

    /** @return the partner credited by the entry: the ancestor for a share, else the partner */
    public String creditedPartner() {
        return ancestor != null ? ancestor : partner;
    }

    /** @return the part of the entry id after the payment id and a slash */
    public String suffix() {
        String own = trueUp ? partner + "/true_up/" + label : partner + "/commission";
        return ancestor == null ? own : own + "/parent/" + ancestor;
    }
}
