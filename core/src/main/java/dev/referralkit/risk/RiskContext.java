package dev.referralkit.risk;

import dev.referralkit.money.Money;
import dev.referralkit.program.Trigger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a check may read about a commission the engine is about to make for one partner (docs/payouts.md §1.2).
 * Facts a check must declare ({@link RiskCheck#declare}) throw {@link IllegalStateException} when nobody did.
 * A context is valid during one {@link RiskCheck#screen} call only: a verdict must capture values, not it.
 */
public interface RiskContext {
    /** @return what pays the commission: a click, a lead or a payment */
    Trigger trigger();

    /** @return the event's id */
    String event();

    /** @return the event's instant */
    Instant at();

    /** @return the partner the commission is for */
    String partner();

    /** @return the partner's attributes */
    Map<String, String> partnerAttributes();

    /** @return the customer (every screened event names one) */
    String customer();

    /** @return the customer's attributes (from its leads; empty for a click) */
    Map<String, String> customerAttributes();

    /** @return the payment's attributes; empty for a click or a lead */
    Map<String, String> eventAttributes();

    /** @return true for the customer's first payment (its conversion, SPEC.md §5.1) */
    boolean conversion();

    /**
     * @return the commission about to be made, in the event's currency (declared by {@link RiskNeeds#commission()})
     * @throws IllegalStateException if not declared
     */
    Money commission();

    /**
     * @return the instant of the credited partner's latest link touch before the binding, for the binding lead and
     *         the first payment; absent otherwise or without a link touch (declared by {@link RiskNeeds#touchTimes()})
     * @throws IllegalStateException if not declared
     */
    Optional<Instant> touchAt();

    /**
     * @param attribute {@link IdentityAttribute#EMAIL} or {@link IdentityAttribute#PAYMENT_FINGERPRINT}
     * @return the other partners, sorted, that the same identity was credited to through another customer
     * @throws IllegalStateException if not declared ({@link RiskNeeds#identities})
     */
    List<String> sharedWith(IdentityAttribute attribute);

    /**
     * @param from an instant
     * @return how many of the partner's conversions (this one included, if it is one) were at or after {@code from},
     *         counting at most the declared number of instants plus this one
     * @throws IllegalStateException if not declared ({@link RiskNeeds#conversionInstants})
     */
    int conversionsSince(Instant from);

    /**
     * @return the partner's last conversions (at most the declared count) before this event, oldest first: for each,
     *         whether its converting payment was refunded (any amount)
     * @throws IllegalStateException if not declared ({@link RiskNeeds#lastConversions})
     */
    List<Boolean> lastConversions();
}
