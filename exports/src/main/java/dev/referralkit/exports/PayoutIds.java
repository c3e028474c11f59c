package dev.referralkit.exports;

import dev.referralkit.ledger.Payout;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.IntPredicate;

/**
 * Payout identifiers: the one place where an export derives a payout's id and the references it
 * writes to providers.
 *
 * <p><b>The payout id.</b> A {@link Payout} has no id of its own today; it is identified by its run,
 * partner and currency, and the engine names the matching {@code PAYOUT} ledger entry
 * {@code <run>/<partner>/<currency>/payout} (for example {@code run-2026-02/p1/USD/payout}). That entry
 * id is the payout id: it is unique per payout, stable across re-runs of the same events, and it is
 * what a host already stores. If {@code Payout} gains an explicit id, only {@link #of(Payout)} changes.
 *
 * <p><b>References.</b> Providers limit the fields that carry it (PayPal's Customer ID: 30 characters,
 * no spaces; Stripe's {@code Idempotency-Key}: 255 characters). {@link #reference(String, int, IntPredicate)}
 * returns the payout id itself when it fits the field, else its {@linkplain #shortKey(String) short key}
 * {@code rk-} followed by 27 lower-case base32 characters of the id's SHA-256 (30 characters, 135 bits:
 * deterministic, and collision-free in practice). The plain CSV lists every payout's short key, so a
 * short key seen at a provider maps back to its payout.
 */
public final class PayoutIds {
    /** The length of a {@linkplain #shortKey(String) short key}. */
    public static final int SHORT_KEY_LENGTH = 30;

    private static final String PREFIX = "rk-";
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private PayoutIds() {
    }

    /**
     * The payout's id: the id of its {@code PAYOUT} ledger entry.
     *
     * @param payout a payout, not null
     * @return {@code <run>/<partner>/<currency>/payout}, never null
     */
    public static String of(Payout payout) {
        return payout.run() + "/" + payout.partner() + "/" + payout.currency().getCurrencyCode() + "/payout";
    }

    /**
     * The short key of a payout id: {@code rk-} and the first 27 characters of the lower-case base32
     * (RFC 4648 alphabet, no padding) of the SHA-256 of its UTF-8 bytes.
     *
     * @param payoutId a payout id, not null
     * @return 30 characters from {@code [a-z2-7-]}, starting {@code rk-}
     */
    public static String shortKey(String payoutId) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(payoutId.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        StringBuilder key = new StringBuilder(SHORT_KEY_LENGTH).append(PREFIX);
        int buffer = 0;
        int bits = 0;
        int next = 0;
        while (key.length() < SHORT_KEY_LENGTH) {
            if (bits < 5) {
                buffer = (buffer << 8) | (digest[next++] & 0xff);
                bits += 8;
            }
            key.append(BASE32[(buffer >> (bits - 5)) & 31]);
            bits -= 5;
        }
        return key.toString();
    }

    /**
     * The reference a provider field gets for a payout: the payout id when it has at most
     * {@code maxLength} characters, every one {@code allowed}, and does not start with a character a
     * spreadsheet reads as a formula ({@code = + - @}); otherwise its {@linkplain #shortKey(String) short key}.
     *
     * @param payoutId  the payout id
     * @param maxLength the field's maximum length, at least {@value #SHORT_KEY_LENGTH}
     * @param allowed   the characters the field accepts; must accept {@code [a-z2-7-]}
     * @return the payout id or its short key
     */
    public static String reference(String payoutId, int maxLength, IntPredicate allowed) {
        if (maxLength < SHORT_KEY_LENGTH) {
            throw new IllegalArgumentException("maxLength must be at least " + SHORT_KEY_LENGTH + ", is " + maxLength);
        }
        boolean fits = payoutId.length() <= maxLength && !Fields.startsLikeFormula(payoutId)
                && payoutId.chars().allMatch(allowed);
        return fits ? payoutId : shortKey(payoutId);
    }
}
