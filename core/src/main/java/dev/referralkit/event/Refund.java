package dev.referralkit.event;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.Ids;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import java.math.BigDecimal;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Part or all of an accepted payment was refunded, in the payment's currency. The amount is
 * positive; that it has at most the payment currency's decimals and does not exceed what is still
 * refundable is checked against the payment (SPEC.md §6). The amount keeps the scale it was written
 * with ({@code "50.000"} stays 50.000), so that check sees trailing zeros:
 * {@code Money.ofWritten("amount", refund.amount(), paymentCurrency)}. It may name the payment's
 * customer (docs/engine.md §5).
 */
@Value.Immutable
@JsonSerialize(as = ImmutableRefund.class)
@JsonDeserialize(as = ImmutableRefund.class)
@JsonPropertyOrder({"id", "at", "payment", "amount", "customer"})
public interface Refund extends Event {
    /** @return the id of the refunded payment */
    String payment();

    /** @return the amount refunded, in the payment's currency */
    BigDecimal amount();

    /**
     * @return the payment's customer, if the host names it (extension of FORMATS.md §2; it must be the
     *         payment's customer, and a reversal names it: docs/engine.md §5)
     */
    Optional<String> customer();

    @Override
    default String typeName() {
        return "refund";
    }

    @Override
    default Optional<String> customerId() {
        return customer();
    }

    /** Checks identifiers and that the amount is positive and bounded. */
    @Value.Check
    default void check() {
        Ids.check("id", id());
        EventChecks.at(at());
        Ids.check("payment", payment());
        customer().ifPresent(c -> Ids.check("customer", c));
        BigDecimal amount = amount();
        if (amount.scale() > 64 || amount.precision() - (long) amount.scale() > 15) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_AMOUNT, "amount", amount.toString(),
                    "must be below 10^15 with at most the currency's decimals");
        }
        if (amount.signum() <= 0) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_AMOUNT, "amount", amount.toPlainString(),
                    "must be positive");
        }
    }
}
