package dev.referralkit.engine.state;

import dev.referralkit.ledger.Credit;
import java.util.List;
import java.util.Map;

/**
 * A customer (SPEC.md §3 ordering, §4 binding), keyed by the 128-bit hash of its id.
 *
 * @param hi             high bits of the id's hash
 * @param lo             low bits of the id's hash
 * @param lastAt         epoch nanoseconds of its latest accepted event
 * @param boundAt        epoch nanoseconds of its binding, or {@link Nanos#NONE} (kept only when the program has a
 *                       lock-in, the one rule that reads it)
 * @param firstPaymentAt epoch nanoseconds of its first payment, or {@link Nanos#NONE}
 * @param lastPaymentAt  epoch nanoseconds of its latest payment, or {@link Nanos#NONE} (kept only when partner levels
 *                       count active customers, the one rule that reads it)
 * @param payments       payments since binding
 * @param leadSeen       whether a lead was accepted (the lead reward is paid once; the lead's lifecycle starts)
 * @param converted      whether it converted (its first payment or won deal, docs/lifecycle.md §1)
 * @param stage          its lead's stage once it moved past {@code submitted}, else null
 * @param credits        the binding's credits; null while unbound, empty for an ORGANIC customer
 * @param touches        link and coupon touches that can still qualify, while unbound
 * @param manual         the newest manual touch of each partner, oldest first, while unbound
 * @param pruned         touches dropped as older than the window, while unbound (for the explanation)
 * @param attributes     attributes from leads
 */
public record CustomerRecord(long hi, long lo, long lastAt, long boundAt, long firstPaymentAt, long lastPaymentAt, int payments,
                             boolean leadSeen, boolean converted, String stage, List<Credit> credits, List<TouchRecord> touches,
                             List<TouchRecord> manual, int pruned, Map<String, String> attributes) implements StateRecord {
    /** Copies the collections. */
    public CustomerRecord {
        credits = credits == null ? null : List.copyOf(credits);
        touches = List.copyOf(touches);
        manual = List.copyOf(manual);
        attributes = Map.copyOf(attributes);
    }

    /**
     * A customer seen for the first time.
     *
     * @param hi high bits of the id's hash
     * @param lo low bits of the id's hash
     * @return a customer with no history
     */
    public static CustomerRecord fresh(long hi, long lo) {
        return new CustomerRecord(hi, lo, Nanos.NONE, Nanos.NONE, Nanos.NONE, Nanos.NONE, 0, false, false, null, null, List.of(),
                List.of(), 0, Map.of());
    }

    /**
     * @param at epoch nanoseconds of an accepted event
     * @return this customer with that latest instant
     */
    public CustomerRecord at(long at) {
        return new CustomerRecord(hi, lo, at, boundAt, firstPaymentAt, lastPaymentAt, payments, leadSeen, converted, stage, credits,
                touches, manual, pruned, attributes);
    }

    /** @return the lead's stage: null without a lead, {@code submitted} until it moved */
    public String leadStage() {
        return !leadSeen ? null : stage == null ? "submitted" : stage;
    }

    /** @return whether the customer is bound */
    public boolean isBound() {
        return credits != null;
    }

    @Override
    public RecordKind kind() {
        return RecordKind.CUSTOMER;
    }

    @Override
    public boolean sameKey(StateRecord other) {
        return other instanceof CustomerRecord c && c.hi == hi && c.lo == lo;
    }
}
