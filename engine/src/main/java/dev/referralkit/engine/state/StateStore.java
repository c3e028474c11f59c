package dev.referralkit.engine.state;

import java.util.function.Consumer;

/**
 * Where the engine keeps its state: records by key (docs/engine.md §1). The engine reads the few
 * records an event needs, then puts or removes records; it never holds state of its own between events.
 * The default is {@link InMemoryStateStore}; a durable or distributed store implements the same
 * interface, for example over a key-value store with {@link RecordCodec} (see {@link KeyValueStateStore}).
 *
 * <p><b>Contract.</b> A getter returns the record last put under that key, or null if there is none
 * (or it was removed). {@link #put} replaces the record with the same key ({@link StateRecord#sameKey});
 * {@link #remove} removes the record with the key of the one given (absent: nothing happens). Records are
 * immutable; a store may keep the instance or an equal copy. Iterations visit records in the order of
 * their binary keys ({@link RecordCodec#key}). A store is used by one thread at a time.
 *
 * <p><b>Failures.</b> A store may throw an unchecked exception from any method (an I/O error, say).
 * The engine then undoes what the event wrote, through the same store, and reports the failure; a store
 * that cannot undo (put the records back) must not be used with the engine.
 */
public interface StateStore {
    /** @return the engine record, {@link EngineRecord#INITIAL} when none was put */
    EngineRecord engine();

    /**
     * @param bucket the bucket
     * @param hash   the event id's 64-bit hash
     * @return the remembered event id, or null
     */
    EventRecord event(int bucket, long hash);

    /**
     * @param id a partner id
     * @return the partner, or null
     */
    PartnerRecord partner(String id);

    /** @return how many partners there are (the next partner's dense index) */
    int partnerCount();

    /** @param each receives every partner, in id order */
    void forEachPartner(Consumer<PartnerRecord> each);

    /**
     * @param hi high bits of the customer id's hash
     * @param lo low bits
     * @return the customer, or null
     */
    CustomerRecord customer(long hi, long lo);

    /**
     * @param hi high bits of the payment id's hash
     * @param lo low bits
     * @return the payment, or null
     */
    PaymentRecord payment(long hi, long lo);

    /**
     * @param cutoff epoch nanoseconds
     * @param each   receives every payment with {@code at < cutoff}, in key order
     */
    void forEachPaymentBefore(long cutoff, Consumer<PaymentRecord> each);

    /**
     * @param partner   a partner
     * @param paymentHi high bits of the payment id's hash
     * @param paymentLo low bits
     * @return what the partner earned from the payment, or null
     */
    EarningRecord earning(String partner, long paymentHi, long paymentLo);

    /**
     * @param partner a partner
     * @return its book, or null
     */
    BookRecord book(String partner);

    /**
     * @param partner a partner
     * @param label   a period label
     * @return the partner's volume in that period, or null
     */
    VolumeRecord volume(String partner, String label);

    /**
     * @param partner a partner
     * @param label   a period label
     * @param index   the pricing's index in the period
     * @return the retroactive pricing, or null
     */
    RetroRecord retro(String partner, String label, int index);

    /**
     * @param partner a partner
     * @param cap     the cap's path
     * @param scope   the scope key
     * @return the cap's usage, or null
     */
    CapRecord cap(String partner, String cap, String scope);

    /**
     * @param partner a partner
     * @param each    receives the partner's unsettled entries by currency code, then sequence
     */
    void forEachOpenEntry(String partner, Consumer<OpenEntryRecord> each);

    /**
     * @param partner a partner
     * @param entry   a held entry's id
     * @return the partner's hold under that key (docs/payouts.md §2), or null
     */
    HoldRecord hold(String partner, String entry);

    /**
     * @param partner a partner
     * @param each    receives the partner's holds, in key order
     */
    void forEachHold(String partner, Consumer<HoldRecord> each);

    /**
     * @param partner a partner
     * @param payout  a payout id
     * @return the payout, or null
     */
    PayoutRecord payout(String partner, String payout);

    /**
     * @param partner a partner
     * @return its yearly paid totals and tax form, or null
     */
    TaxRecord tax(String partner);

    /**
     * @param partner a partner
     * @return its risk windows, or null
     */
    RiskRecord risk(String partner);

    /**
     * @param hi high bits of the customer id's hash
     * @param lo low bits
     * @return the customer's credited partners' click instants, or null
     */
    ClicksRecord clicks(long hi, long lo);

    /**
     * @param hi high bits of the identity's hash
     * @param lo low bits
     * @return the partners that referred the identity, or null
     */
    IdentityRecord identity(long hi, long lo);

    /**
     * @param id a registration's id
     * @return the registration, or null
     */
    RegistrationRecord registration(String id);

    /**
     * @param key a prospect's identity key
     * @return which registration claims it, or null
     */
    ProspectRecord prospect(String key);

    /**
     * Puts a record, replacing the one with the same key.
     *
     * @param record the record
     */
    void put(StateRecord record);

    /**
     * Removes the record with the same key as the one given.
     *
     * @param record the record (or one with the same key)
     */
    void remove(StateRecord record);

    /**
     * Removes every remembered event id of a bucket (docs/engine.md §4).
     *
     * @param bucket the bucket
     */
    void forgetEvents(int bucket);

    /** @param each receives every record, in key order (snapshots) */
    void forEach(Consumer<StateRecord> each);
}
