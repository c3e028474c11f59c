package dev.referralkit.event;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The prospect a partner registers (docs/lifecycle.md §2): a company, a domain and/or an e-mail. Its
 * {@link #keys()} are the normalised identities a registration claims and a customer is matched by.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableProspect.class)
@JsonDeserialize(as = ImmutableProspect.class)
@JsonPropertyOrder({"company", "domain", "email"})
public interface Prospect {
    /** @return the company's name */
    Optional<String> company();

    /** @return the company's internet domain */
    Optional<String> domain();

    /** @return a contact's e-mail */
    Optional<String> email();

    /** @return the identity keys: {@code company:…}, {@code domain:…}, each normalised, without duplicates */
    @Value.Derived
    @com.fasterxml.jackson.annotation.JsonIgnore
    default List<String> keys() {
        return keys(company().orElse(null), domain().orElse(null), email().orElse(null));
    }

    /**
     * The identity keys of a company, domain and e-mail (any may be null): a company lower-cased with runs
     * of spaces and punctuation as one space, trimmed; a domain lower-cased without a leading {@code www.};
     * an e-mail lower-cased, and its domain.
     *
     * @param company a company name, or null
     * @param domain  a domain, or null
     * @param email   an e-mail address, or null
     * @return the keys
     */
    static List<String> keys(String company, String domain, String email) {
        java.util.Set<String> keys = new java.util.LinkedHashSet<>(4);
        if (company != null) {
            String c = company.toLowerCase(Locale.ROOT).replaceAll("[\\s\\p{Punct}]+", " ").trim();
            if (!c.isEmpty()) {
                keys.add("company:" + c);
            }
        }
        if (domain != null && !domain(domain).isEmpty()) {
            keys.add("domain:" + domain(domain));
        }
        if (email != null) {
            String e = email.trim().toLowerCase(Locale.ROOT);
            keys.add("email:" + e);
            int at = e.lastIndexOf('@');
            if (at > 0 && at < e.length() - 1) {
                keys.add("domain:" + domain(e.substring(at + 1)));
            }
        }
        return List.copyOf(keys);
    }

    private static String domain(String domain) {
        String d = domain.trim().toLowerCase(Locale.ROOT);
        return d.startsWith("www.") ? d.substring(4) : d;
    }

    /** Checks that it names someone. */
    @Value.Check
    default void check() {
        if (company().isEmpty() && domain().isEmpty() && email().isEmpty()) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_EVENT, "prospect", null, "needs a company, a domain or an email");
        }
        company().ifPresent(c -> dev.referralkit.Ids.check("prospect.company", c));
        domain().ifPresent(c -> dev.referralkit.Ids.check("prospect.domain", c));
        email().ifPresent(c -> dev.referralkit.Ids.check("prospect.email", c));
        if (keys().isEmpty()) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_EVENT, "prospect", null, "names no one once normalised");
        }
    }
}
