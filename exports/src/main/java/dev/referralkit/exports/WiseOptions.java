package dev.referralkit.exports;

import java.util.Currency;
import java.util.Objects;
import java.util.Optional;

/**
 * Options of the {@code wise} format.
 *
 * @param template       which Wise batch template to write
 * @param sourceCurrency the currency the sender pays the batch with; empty: each payout's own currency
 *                       (no conversion)
 * @param reference      the payment reference every recipient sees; empty for Wise's default (the sender's
 *                       name). Wise limits it per target currency (10 characters for USD, 35 for EUR…);
 *                       a longer reference is refused, not cut
 */
public record WiseOptions(Template template, Optional<Currency> sourceCurrency, String reference) {
    /** The Wise batch templates ReferralKit writes. */
    public enum Template {
        /**
         * "Send by email": Wise e-mails each recipient a link to give their bank details. Columns
         * {@code name,recipientEmail,paymentReference,receiverType,amountCurrency,amount,sourceCurrency,targetCurrency}.
         */
        EMAIL,
        /** "Send to bank accounts" with an {@code IBAN} column after the columns of {@link #EMAIL}. */
        IBAN
    }

    /** Checks for nulls. */
    public WiseOptions {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(sourceCurrency, "sourceCurrency");
        Objects.requireNonNull(reference, "reference");
    }

    /** @return the e-mail template, no conversion, no reference */
    public static WiseOptions defaults() {
        return new WiseOptions(Template.EMAIL, Optional.empty(), "");
    }

    /** @param t the template @return a copy */
    public WiseOptions withTemplate(Template t) {
        return new WiseOptions(t, sourceCurrency, reference);
    }

    /** @param c the source currency @return a copy */
    public WiseOptions withSourceCurrency(Currency c) {
        return new WiseOptions(template, Optional.of(c), reference);
    }

    /** @param text the payment reference @return a copy */
    public WiseOptions withReference(String text) {
        return new WiseOptions(template, sourceCurrency, text);
    }
}
