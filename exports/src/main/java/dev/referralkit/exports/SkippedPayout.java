package dev.referralkit.exports;

import dev.referralkit.ReferralKitException;
import java.util.Objects;

/**
 * A payout an export could not write, and why.
 *
 * @param payoutId the payout's id ({@link PayoutIds#of})
 * @param partner  the partner it pays
 * @param reason   the refusal: code, field (such as {@code payout.paypal.email} or {@code currency}),
 *                 value, and a message that starts with the payout and partner
 */
public record SkippedPayout(String payoutId, String partner, ReferralKitException reason) {
    /** Checks for nulls. */
    public SkippedPayout {
        Objects.requireNonNull(payoutId, "payoutId");
        Objects.requireNonNull(partner, "partner");
        Objects.requireNonNull(reason, "reason");
    }

    /** @return the reason's message, naming payout, partner, field and value */
    public String message() {
        return reason.getMessage();
    }
}
