package dev.referralkit.rules;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.ledger.Explanation;
import dev.referralkit.reward.Reward;
import dev.referralkit.reward.RewardContext;
import dev.referralkit.reward.RewardResult;
import dev.referralkit.program.Trigger;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * {@code recurring}: pays its reward on the customer's later payments too (SPEC.md §5.2). At most
 * one limit: {@code months} admits a payment when {@code payment.month < months} (whole calendar
 * months since the customer's first payment, in the program's time zone: with {@code months: 3} and a
 * first payment on 15 January, 14 April 23:59:59 is month 2 and paid, 15 April 00:00 is month 3 and
 * not); {@code payments} admits {@code payment.number ≤ payments}; {@code until} admits payments
 * strictly before that instant. No limit: for the customer's lifetime.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableRecurringReward.class)
@JsonDeserialize(as = ImmutableRecurringReward.class)
@JsonPropertyOrder({"months", "payments", "until", "reward"})
public interface RecurringReward extends Reward {
    /** @return what each admitted payment earns */
    Reward reward();

    /** @return admit payments in the first N calendar months */
    Optional<Integer> months();

    /** @return admit the first N payments */
    Optional<Integer> payments();

    /** @return admit payments strictly before this instant */
    Optional<Instant> until();

    @Override
    default void validate(String path, Trigger trigger, Currency programCurrency) {
        if (trigger != Trigger.PAYMENT) {
            throw Plans.invalid(path, "recurring only applies to payment rewards, not " + trigger.jsonName());
        }
        Reward.super.validate(path, trigger, programCurrency);
    }

    @Override
    default List<Child> children() {
        return List.of(new Child("reward", reward()));
    }

    /** The point of {@code recurring}: later payments pay. */
    @Override
    default boolean paysAfterFirstPayment() {
        return true;
    }

    @Override
    default RewardResult evaluate(RewardContext context) {
        int number = context.paymentNumber();
        long month = context.paymentMonth();
        Instant at = context.at();
        if (months().isPresent() && month >= months().get()) {
            int limit = months().get();
            return RewardResult.none(Plans.lazy("recurring", List.of(),
                    () -> "recurring limit reached: payment month " + month + " is not below " + limit));
        }
        if (payments().isPresent() && number > payments().get()) {
            int limit = payments().get();
            return RewardResult.none(Plans.lazy("recurring", List.of(),
                    () -> "recurring limit reached: payment " + number + " is after the first " + limit));
        }
        if (until().isPresent() && !at.isBefore(until().get())) {
            Instant limit = until().get();
            return RewardResult.none(Plans.lazy("recurring", List.of(),
                    () -> "recurring limit reached: " + at + " is not before " + limit));
        }
        RewardResult inner = reward().evaluate(context.child("reward").insideRecurring());
        Explanation child = inner.explanation();
        Optional<Integer> months = months();
        Optional<Integer> payments = payments();
        Explanation explanation = Plans.lazy("recurring", List.of(child), () -> {
            String limit = months.map(m -> "month " + month + " of " + m)
                    .or(() -> payments.map(p -> "payment " + number + " of " + p))
                    .orElse("payment " + number);
            return child.text() + " (recurring: " + limit + ")";
        });
        return inner.reshaped(inner.amount(), explanation, null);
    }

    /** At most one limit, each positive. */
    @Value.Check
    default void check() {
        int limits = (months().isPresent() ? 1 : 0) + (payments().isPresent() ? 1 : 0) + (until().isPresent() ? 1 : 0);
        if (limits > 1) {
            // the refusal is the node's own: its field is the node (empty), so the message keeps the word "recurring"
            throw ReferralKitException.of(RejectionCode.INVALID_PROGRAM, "", null, "recurring: give at most one of months, payments, until");
        }
        months().filter(m -> m < 1).ifPresent(m -> {
            throw Plans.invalid("months", "\"" + m + "\" must be at least 1");
        });
        payments().filter(p -> p < 1).ifPresent(p -> {
            throw Plans.invalid("payments", "\"" + p + "\" must be at least 1");
        });
    }
}
