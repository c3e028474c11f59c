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
 * A customer paid: an invoice, a charge, an order. Its commission base is {@code amount − tax}
 * (SPEC.md §5). {@code amount} and {@code tax} are non-negative, with at most the currency's
 * decimals as written (trailing zeros count: {@code 100.000} USD is refused, from JSON or Java), below
 * 10^15, and {@code tax ≤ amount}; they are normalised to the currency's scale.
 */
@Value.Immutable
@JsonSerialize(as = ImmutablePayment.class)
@JsonDeserialize(as = ImmutablePayment.class)
@JsonPropertyOrder({"id", "at", "customer", "amount", "currency", "tax", "product", "attributes"})
public interface Payment extends Event {
    /** @return the customer's id */
    String customer();

    /** @return the amount paid, at the currency's scale */
    BigDecimal amount();

    /** @return the currency of amount and tax */
    Currency currency();

    /** @return the tax included in the amount; absent means 0 */
    Optional<BigDecimal> tax();

    /** @return the product or plan, read by conditions on {@code event.product} */
    Optional<String> product();

    /** @return the event's attributes, read by conditions on {@code event.<attribute>} */
    Map<String, String> attributes();

    /** @return the amount as money */
    default Money money() {
        return Money.of("amount", amount(), currency());
    }

    /** @return {@code amount − tax}, the commission base */
    default Money base() {
        return tax().map(t -> money().minus(Money.of("tax", t, currency()))).orElseGet(this::money);
    }

    @Override
    default String typeName() {
        return "payment";
    }

    @Override
    default Optional<String> customerId() {
        return Optional.of(customer());
    }

    /**
     * Checks identifiers and amounts, then normalises amounts to the currency's scale.
     *
     * @return this, or a normalised copy
     */
    @Value.Check
    default Payment normalise() {
        Ids.check("id", id());
        EventChecks.at(at());
        Ids.check("customer", customer());
        product().ifPresent(p -> Ids.check("product", p));
        Money amount = Money.ofWritten("amount", amount(), currency()).requireNonNegative("amount");
        Optional<Money> tax = tax().map(t -> Money.ofWritten("tax", t, currency()).requireNonNegative("tax"));
        if (tax.isPresent() && tax.get().compareTo(amount) > 0) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_AMOUNT, "tax", tax.get().amount().toPlainString(),
                    "exceeds amount " + amount.amount().toPlainString());
        }
        boolean normal = amount.amount().scale() == amount().scale()
                && tax.map(t -> t.amount().scale() == tax().get().scale()).orElse(true);
        if (normal) {
            return this;
        }
        return ImmutablePayment.copyOf(this).withAmount(amount.amount()).withTax(tax.map(Money::amount));
    }
}
