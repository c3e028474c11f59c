package dev.referralkit.engine.stage;

import dev.referralkit.ledger.Entry;
import dev.referralkit.ledger.Payout;
import java.time.Instant;
import java.util.Objects;

/**
 * A notice addressed to a partner (docs/lifecycle.md §5), which a host turns into an e-mail or a webhook:
 * a lead received, a lead's stage changed, a commission earned, a reversal, a level changed, a payout
 * sent, a payout failed (docs/payouts.md §3).
 */
public sealed interface Notification {
    /** @return the partner it is for */
    String partner();

    /**
     * A customer credited to the partner submitted a lead.
     *
     * @param partner  the partner
     * @param customer the customer
     * @param lead     the lead event's id
     * @param at       when
     */
    record LeadReceived(String partner, String customer, String lead, Instant at) implements Notification {
    }

    /**
     * A lead credited to the partner moved to another stage.
     *
     * @param partner  the partner
     * @param customer the customer
     * @param event    the {@code lead_stage} event's id
     * @param from     the stage before
     * @param to       the stage now
     * @param at       when
     */
    record StageChanged(String partner, String customer, String event, String from, String to, Instant at) implements Notification {
    }

    /**
     * The partner earned an entry: a commission, true-up, bonus or parent share.
     *
     * @param partner the partner
     * @param entry   the entry
     */
    record CommissionEarned(String partner, Entry entry) implements Notification {
    }

    /**
     * An entry of the partner was reversed.
     *
     * @param partner the partner
     * @param entry   the reversal entry
     */
    record Reversal(String partner, Entry entry) implements Notification {
    }

    /**
     * A payout of the partner failed and its sum is owed again (docs/payouts.md §3): the next run pays it.
     *
     * @param partner the partner
     * @param entry   the {@code PAYOUT_REVERSAL} entry that puts the sum back
     */
    record PayoutFailed(String partner, Entry entry) implements Notification {
    }

    /**
     * The partner's level changed (docs/lifecycle.md §3).
     *
     * @param partner the partner
     * @param from    the level before (null if it had none)
     * @param to      the level now
     * @param why     why, for the partner
     * @param at      when (the review's payout run)
     */
    record LevelChanged(String partner, String from, String to, String why, Instant at) implements Notification {
        /** Checks the fields. */
        public LevelChanged {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(why, "why");
        }
    }

    /**
     * A payout was made for the partner.
     *
     * @param partner the partner
     * @param payout  the payout record
     */
    record PayoutSent(String partner, Payout payout) implements Notification {
    }
}
