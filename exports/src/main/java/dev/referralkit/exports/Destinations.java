package dev.referralkit.exports;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.program.Partner;
import java.util.List;

/**
 * Where a partner is paid: partner {@linkplain Partner#attributes() attributes} with these names.
 * A host sets them with the partner (the partners file, or a {@code partner} event, which replaces a
 * partner's attributes whole). Each writer reads only its own; a partner without a valid destination
 * for the chosen format is a problem of the export, named with the partner and the attribute.
 *
 * <table>
 * <caption>Destination attributes</caption>
 * <tr><th>attribute</th><th>format</th><th>rule</th></tr>
 * <tr><td>{@value #PAYPAL_EMAIL}</td><td>paypal</td><td>required; an e-mail address of at most 127 characters
 *     (PayPal: "up to 127 single-byte characters")</td></tr>
 * <tr><td>{@value #WISE_NAME}</td><td>wise</td><td>required; the recipient's name as on their bank account,
 *     1 to 140 characters</td></tr>
 * <tr><td>{@value #WISE_EMAIL}</td><td>wise</td><td>required by the e-mail template, optional with the IBAN
 *     template; an e-mail address</td></tr>
 * <tr><td>{@value #WISE_IBAN}</td><td>wise</td><td>required by the IBAN template; an IBAN, spaces and case
 *     ignored, mod-97 checked, written in electronic form</td></tr>
 * <tr><td>{@value #WISE_RECEIVER_TYPE}</td><td>wise</td><td>optional; {@code PERSON} (default) or
 *     {@code INSTITUTION}</td></tr>
 * <tr><td>{@value #STRIPE_ACCOUNT}</td><td>stripe</td><td>required; a connected account id: {@code acct_}
 *     then letters and digits, at most 255 characters</td></tr>
 * </table>
 *
 * <p>Text never contains control characters, and text written to a CSV file never starts with
 * {@code = + - @} (see {@link PayoutExports}). The plain {@code csv} format needs no destination.
 */
public final class Destinations {
    /** The partner's PayPal account e-mail. */
    public static final String PAYPAL_EMAIL = "payout.paypal.email";
    /** The recipient's name for Wise, as on their bank account. */
    public static final String WISE_NAME = "payout.wise.name";
    /** The recipient's e-mail for Wise. */
    public static final String WISE_EMAIL = "payout.wise.email";
    /** The recipient's IBAN for Wise. */
    public static final String WISE_IBAN = "payout.wise.iban";
    /** {@code PERSON} or {@code INSTITUTION} for Wise. */
    public static final String WISE_RECEIVER_TYPE = "payout.wise.receiverType";
    /** The partner's Stripe connected account id, {@code acct_…}. */
    public static final String STRIPE_ACCOUNT = "payout.stripe.account";

    /** PayPal's receiver limit: "up to 127 single-byte characters". */
    static final int PAYPAL_EMAIL_MAX = 127;
    /** Our limit on Wise names (Wise documents none): ISO 20022 names are Max140Text. */
    static final int WISE_NAME_MAX = 140;
    /** Stripe object ids are at most 255 characters. */
    static final int STRIPE_ACCOUNT_MAX = 255;
    static final List<String> WISE_RECEIVER_TYPES = List.of("PERSON", "INSTITUTION");

    private static final RejectionCode CODE = RejectionCode.INVALID_PROGRAM;

    private Destinations() {
    }

    static String paypalEmail(Partner partner) {
        String email = required(partner, PAYPAL_EMAIL, "to pay by PayPal");
        return email(PAYPAL_EMAIL, email, PAYPAL_EMAIL_MAX, "PayPal");
    }

    /** A Wise recipient; {@code email} and {@code iban} are empty when not given. */
    record WiseRecipient(String name, String email, String iban, String receiverType) {
    }

    static WiseRecipient wise(Partner partner, WiseOptions.Template template) {
        String name = required(partner, WISE_NAME, "to pay by Wise");
        Fields.text(CODE, WISE_NAME, name, WISE_NAME_MAX, "ReferralKit", true);
        if (name.isBlank()) {
            throw invalid(WISE_NAME, name, "must not be blank");
        }
        String email = partner.attributes().get(WISE_EMAIL);
        if (template == WiseOptions.Template.EMAIL && email == null) {
            email = required(partner, WISE_EMAIL, "by Wise's e-mail template");
        }
        email = email == null ? "" : email(WISE_EMAIL, email, Emails.MAX_LENGTH, "Wise");
        String iban = "";
        if (template == WiseOptions.Template.IBAN) {
            String given = required(partner, WISE_IBAN, "by Wise's IBAN template");
            iban = Ibans.normalize(given);
            String problem = Ibans.problem(iban);
            if (problem != null) {
                throw invalid(WISE_IBAN, given, problem);
            }
        }
        String type = partner.attributes().getOrDefault(WISE_RECEIVER_TYPE, "PERSON");
        if (!WISE_RECEIVER_TYPES.contains(type)) {
            throw invalid(WISE_RECEIVER_TYPE, type, "must be PERSON or INSTITUTION");
        }
        return new WiseRecipient(name, email, iban, type);
    }

    static String stripeAccount(Partner partner) {
        String account = required(partner, STRIPE_ACCOUNT, "to pay by Stripe");
        if (account.length() > STRIPE_ACCOUNT_MAX || !account.startsWith("acct_") || account.length() == 5
                || !account.substring(5).chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
            throw invalid(STRIPE_ACCOUNT, account,
                    "is not a Stripe connected account id (acct_ then letters and digits, at most " + STRIPE_ACCOUNT_MAX + " characters)");
        }
        return account;
    }

    private static String required(Partner partner, String attribute, String purpose) {
        String value = partner.attributes().get(attribute);
        if (value == null) {
            throw invalid(attribute, null, "is required " + purpose);
        }
        return value;
    }

    private static String email(String attribute, String email, int max, String provider) {
        Fields.text(CODE, attribute, email, max, provider, true);
        String problem = Emails.problem(email);
        if (problem != null) {
            throw invalid(attribute, email, problem);
        }
        return email;
    }

    private static ReferralKitException invalid(String attribute, String value, String problem) {
        return ReferralKitException.invalid(CODE, attribute, value, problem);
    }
}
