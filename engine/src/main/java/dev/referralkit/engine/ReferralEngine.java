package dev.referralkit.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.binding.BindingModels;
import dev.referralkit.event.Event;
import dev.referralkit.event.PartnerChange;
import dev.referralkit.event.Refund;
import dev.referralkit.event.Touch;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.ledger.Rejection;
import dev.referralkit.money.Money;
import dev.referralkit.program.Partner;
import dev.referralkit.program.Program;
import java.time.Instant;
import java.util.List;

/**
 * The program engine: the host feeds events one at a time and gets back the entries they made, or
 * a rejection (SPEC.md §3, §5, §6).
 *
 * <h2>Design</h2>
 * <p>An event goes through validation here, then two stages with an immutable value between them:
 * the <b>customer stage</b> ({@link CustomerStage}: ordering, binding, payment numbering, refundable
 * amounts — keyed by customer) turns it into an {@link AttributedEvent}; the <b>partner stage</b>
 * ({@link PartnerStage}: volumes, caps, strategies, entries, reversals, payouts — keyed by partner)
 * turns that into entries. A stream processor can partition the first by customer and the second by
 * partner.
 *
 * <p><b>Checks</b>, first failure wins (SPEC.md §3): malformed events are refused when read
 * ({@code INVALID_EVENT}, {@code INVALID_AMOUNT}); then {@code DUPLICATE}/{@code DUPLICATE_CONFLICT}
 * by event id; {@code LATE_EVENT} (not after the latest payout run); unknown references
 * ({@code UNKNOWN_PARTNER}, {@code UNKNOWN_PAYMENT}); a refund amount with more decimals than its
 * payment's currency ({@code INVALID_AMOUNT}, known only once the payment is found);
 * {@code OUT_OF_ORDER}; then the rest ({@code REFUND_EXCEEDS_PAYMENT}, {@code MISSING_FX_RATE}).
 *
 * <p><b>Rejection never corrupts.</b> Both stages prepare their change without touching state; only
 * when both succeed are the changes committed. A rejected event changes nothing.
 *
 * <p><b>Idempotency</b> keeps, per accepted event id, a 64-bit fingerprint of the event's content
 * ({@link Fingerprint}): a re-delivery with the same fingerprint is a {@code DUPLICATE} (a no-op), with another a
 * {@code DUPLICATE_CONFLICT}. This is the one piece of state that grows with the number of events:
 * 24 bytes a slot, about 32–48 bytes per accepted event ({@link IdTable}).
 *
 * <p><b>Threads.</b> An engine is thread-safe: {@link #process}, {@link #snapshot()} and
 * {@link #balances} are serialised by the engine's own lock, so concurrent callers see events applied
 * one at a time, in the order they took the lock. For parallelism, partition by customer and partner
 * through the two stages instead of sharing one engine.
 */
public final class ReferralEngine {
    final Program program;
    final PartnerDirectory partners;
    final CustomerStage customers;
    final PartnerStage ledger;
    final IdTable<Void> accepted = new IdTable<>();
    Instant lastPayoutRun;

    private ReferralEngine(Program program, List<Partner> partners) {
        this.program = program.validate();
        this.partners = new PartnerDirectory(program, partners);
        this.customers = new CustomerStage(program.attribution(), BindingModels.named(program.attribution().model()),
                program.timeZone(), this.partners);
        this.ledger = new PartnerStage(program, this.partners);
    }

    /**
     * An engine for a program and its partners.
     *
     * @param program  the program
     * @param partners its partners (more can join through {@code partner} events)
     * @return a new engine with no history
     * @throws ReferralKitException {@code INVALID_PROGRAM} for an invalid plan, an unknown model, a
     *                              duplicate partner, an unknown parent or a parent cycle
     */
    public static ReferralEngine create(Program program, List<Partner> partners) {
        return new ReferralEngine(program, partners);
    }

    /**
     * An engine for a referral program.
     *
     * @param program the program and its partners
     * @return a new engine with no history
     * @throws ReferralKitException {@code INVALID_PROGRAM} as {@link #create(Program, List)}
     */
    public static ReferralEngine create(ReferralProgram program) {
        return new ReferralEngine(program.program(), program.partners());
    }

    /**
     * The engine's whole state as JSON: what a host persists (with the entries it was given) to
     * continue later with {@link #restore}. Deterministic: the same history gives the same bytes.
     *
     * @return the snapshot
     */
    public synchronized String snapshot() {
        return Snapshots.write(this);
    }

    /**
     * An engine that continues exactly as the one that made the snapshot would have.
     *
     * @param program  the same program the snapshot was made with
     * @param snapshot a snapshot from {@link #snapshot()}
     * @return the restored engine
     * @throws ReferralKitException {@code INVALID_PROGRAM} if the snapshot is malformed or was made with
     *                              another program
     */
    public static ReferralEngine restore(Program program, String snapshot) {
        ReferralEngine engine = new ReferralEngine(program, List.of());
        Snapshots.read(engine, snapshot);
        return engine;
    }

    /** @return the program */
    public Program program() {
        return program;
    }

    /**
     * A partner's balances derived from the engine's state (SPEC.md §6): unsettled entries split into
     * pending and available at {@code asOf}, and the total paid by payouts.
     *
     * @param asOf the instant, at or after the last event processed
     * @return balances sorted by partner, then currency
     */
    public synchronized List<dev.referralkit.ledger.Balance> balances(Instant asOf) {
        return ledger.balances(asOf);
    }

    /**
     * Processes one event given as JSON (one line of a JSON Lines file, or one object of a scenario):
     * a malformed event is rejected like any other, with the id it had if readable.
     *
     * @param node the event's JSON
     * @return the outcome, never null
     */
    public Outcome process(JsonNode node) {
        Event event;
        try {
            event = ReferralKitJson.read(node, Event.class, RejectionCode.INVALID_EVENT);
        } catch (ReferralKitException e) {
            String id = node != null && node.path("id").isTextual() ? node.get("id").textValue() : "?";
            String type = node != null && node.path("type").isTextual() ? node.get("type").textValue() : "event";
            return Outcome.rejected(Rejection.of(id, e.withContext(type + " " + id)));
        }
        return process(event);
    }

    /**
     * Processes one event.
     *
     * @param event the event
     * @return the outcome: entries made, or the rejection; never null
     */
    public synchronized Outcome process(Event event) {
        try {
            long fingerprint = Fingerprint.of(event);
            Long previous = accepted.getLong(event.id());
            if (previous != null) {
                if (previous == fingerprint) {
                    throw ReferralKitException.of(RejectionCode.DUPLICATE, "id", event.id(),
                            "already accepted with identical content; nothing changed");
                }
                throw ReferralKitException.of(RejectionCode.DUPLICATE_CONFLICT, "id", event.id(),
                        "already accepted with different content");
            }
            if (lastPayoutRun != null && !event.at().isAfter(lastPayoutRun)) {
                throw ReferralKitException.of(RejectionCode.LATE_EVENT, "at", event.at().toString(),
                        "at " + event.at() + " is not after the payout run at " + lastPayoutRun + ", which settled everything up to it");
            }
            checkReferences(event);
            if (event instanceof PartnerChange) {
                partners.check((PartnerChange) event);
            }
            CustomerStage.Step first = customers.prepare(event);
            PartnerStage.Step second = ledger.prepare(first.value);
            first.commit();
            second.commit.run();
            accepted.putLong(event.id(), fingerprint);
            if (event instanceof dev.referralkit.event.PayoutRun) {
                lastPayoutRun = event.at();
            }
            return Outcome.accepted(event.id(), second.entries, second.payouts, first.binding);
        } catch (ReferralKitException e) {
            return Outcome.rejected(Rejection.of(event.id(), e.withContext(event.typeName() + " " + event.id())));
        }
    }

    private void checkReferences(Event event) {
        if (event instanceof Touch && !partners.exists(((Touch) event).partner())) {
            String partner = ((Touch) event).partner();
            throw ReferralKitException.invalid(RejectionCode.UNKNOWN_PARTNER, "partner", partner, "is not a partner of the program");
        }
        if (event instanceof Refund) {
            Refund refund = (Refund) event;
            if (!customers.knowsPayment(refund.payment())) {
                throw ReferralKitException.invalid(RejectionCode.UNKNOWN_PAYMENT, "payment", refund.payment(),
                        "is not an accepted payment");
            }
            Money.of("amount", refund.amount(), customers.paymentCurrency(refund.payment()));
        }
    }
}
