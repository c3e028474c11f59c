package dev.referralkit.event;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.Ids;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.money.Money;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * JSON type {@code lead_stage} (extension, docs/lifecycle.md §1): a customer's lead moves to a stage —
 * {@code qualified}, one of the program's intermediate stages, or a terminal {@code won}, {@code lost} or
 * {@code unqualified}. A won deal may carry its value ({@code amount}, {@code currency}, optional
 * {@code tax}), its {@code product} and {@code attributes}, read like a payment's.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableLeadStage.class)
@JsonDeserialize(as = ImmutableLeadStage.class)
@JsonPropertyOrder({"id", "at", "customer", "stage", "amount", "currency", "tax", "product", "attributes"})
public interface LeadStage extends Event {
    /** The stage every lead starts at. */
    String SUBMITTED = "submitted";
    /** A lead the program owner accepts as a real opportunity. */
    String QUALIFIED = "qualified";
    /** Terminal: the deal closed. */
    String WON = "won";
    /** Terminal: the deal was lost. */
    String LOST = "lost";
    /** Terminal: the lead was not a real opportunity. */
    String UNQUALIFIED = "unqualified";

    /** @return the customer's id */
    String customer();

    /** @return the stage the lead moves to */
    String stage();

    /** @return a won deal's value, at the currency's scale */
    Optional<BigDecimal> amount();

    /** @return the currency of amount and tax */
    Optional<Currency> currency();

    /** @return the tax included in the amount */
    Optional<BigDecimal> tax();

    /** @return the product, read by conditions on {@code event.product} */
    Optional<String> product();

    /** @return the event's attributes, read by conditions on {@code event.<attribute>} */
    Map<String, String> attributes();

    /** @return {@code amount − tax}, the base of a won deal's commission */
    default Optional<Money> base() {
        if (amount().isEmpty()) {
            return Optional.empty();
        }
        Money amount = Money.of("amount", amount().get(), currency().get());
        return Optional.of(tax().map(t -> amount.minus(Money.of("tax", t, currency().get()))).orElse(amount));
    }

    @Override
    default String typeName() {
        return "lead_stage";
    }

    @Override
    default Optional<String> customerId() {
        return Optional.of(customer());
    }

    /**
     * Checks identifiers and amounts (as written), then normalises amounts to the currency's scale.
     *
     * @return this, or a normalised copy
     */
    @Value.Check
    default LeadStage normalise() {
        Ids.check("id", id());
        EventChecks.at(at());
        Ids.check("customer", customer());
        Ids.check("stage", stage());
        product().ifPresent(p -> Ids.check("product", p));
        if (amount().isEmpty()) {
            if (currency().isPresent() || tax().isPresent()) {
                throw ReferralKitException.invalid(RejectionCode.INVALID_EVENT, currency().isPresent() ? "currency" : "tax", null,
                        "is given without an amount");
            }
            return this;
        }
        if (!stage().equals(WON)) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_EVENT, "amount", amount().get().toPlainString(),
                    "is allowed only on a won deal, not at stage " + stage());
        }
        if (currency().isEmpty()) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_EVENT, "currency", null, "is required with an amount");
        }
        Currency c = currency().get();
        Money amount = Money.ofWritten("amount", amount().get(), c).requireNonNegative("amount");
        Optional<Money> tax = tax().map(t -> Money.ofWritten("tax", t, c).requireNonNegative("tax"));
        if (tax.isPresent() && tax.get().compareTo(amount) > 0) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_AMOUNT, "tax", tax.get().amount().toPlainString(),
                    "exceeds amount " + amount.amount().toPlainString());
        }
        boolean normal = amount.amount().scale() == amount().get().scale()
                && tax.map(t -> t.amount().scale() == tax().get().scale()).orElse(true);
        return normal ? this : ImmutableLeadStage.copyOf(this).withAmount(amount.amount()).withTax(tax.map(Money::amount));
    }
}
