package dev.referralkit.risk;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * How identity facts are read and compared (docs/payouts.md §1.3): the attribute names, e-mail normalisation
 * and the public mailbox providers whose domain identifies nobody.
 */
public final class Identities {
    /** The customer's and the partner's e-mail attribute. */
    public static final String EMAIL = "email";
    /** The payment's and the partner's payment fingerprint attribute. */
    public static final String PAYMENT_FINGERPRINT = "payment_fingerprint";

    /** Domains of public mailbox providers: an address there says nothing about who owns it. */
    public static final Set<String> PUBLIC_DOMAINS = Set.of("gmail.com", "googlemail.com", "yahoo.com", "outlook.com",
            "hotmail.com", "live.com", "msn.com", "icloud.com", "me.com", "aol.com", "proton.me", "protonmail.com", "gmx.com",
            "gmx.de", "gmx.net", "web.de", "mail.com", "yandex.ru", "mail.ru", "qq.com", "163.com");

    private Identities() {
    }

    /**
     * Normalises an e-mail address: trimmed, lower case, the local part cut at its first {@code +}, for Gmail the
     * dots of the local part removed and {@code googlemail.com} read as {@code gmail.com}, a trailing dot of the
     * domain removed.
     *
     * @param address an address, may be null
     * @return the normalised address, or empty when it is not one {@code @} with text on both sides
     */
    public static Optional<String> email(String address) {
        if (address == null) {
            return Optional.empty();
        }
        String a = address.trim().toLowerCase(Locale.ROOT);
        int at = a.indexOf('@');
        if (at <= 0 || at != a.lastIndexOf('@') || at == a.length() - 1) {
            return Optional.empty();
        }
        String local = a.substring(0, at);
        String domain = a.substring(at + 1);
        while (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        int plus = local.indexOf('+');
        if (plus >= 0) {
            local = local.substring(0, plus);
        }
        if (domain.equals("googlemail.com")) {
            domain = "gmail.com";
        }
        if (domain.equals("gmail.com")) {
            local = local.replace(".", "");
        }
        if (local.isEmpty() || domain.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(local + "@" + domain);
    }

    /**
     * @param normalised an address from {@link #email}
     * @return its domain
     */
    public static String domain(String normalised) {
        return normalised.substring(normalised.indexOf('@') + 1);
    }

    /**
     * @param fingerprint a payment fingerprint, may be null
     * @return it trimmed, or empty when absent or blank
     */
    public static Optional<String> fingerprint(String fingerprint) {
        if (fingerprint == null || fingerprint.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(fingerprint.trim());
    }
}
