package dev.referralkit.engine.state;

/**
 * A record of the engine's state (docs/engine.md §1). Records are immutable values: the engine
 * changes state by putting a new record under the same key. Each kind has a compact, versioned
 * binary form ({@link RecordCodec}).
 */
public sealed interface StateRecord permits EngineRecord, EventRecord, PartnerRecord, CustomerRecord, PaymentRecord,
        EarningRecord, BookRecord, VolumeRecord, RetroRecord, CapRecord, OpenEntryRecord, RegistrationRecord, ProspectRecord,
        HoldRecord, PayoutRecord, TaxRecord, RiskRecord, ClicksRecord, IdentityRecord {
    /** @return what kind of record this is */
    RecordKind kind();

    /**
     * Whether another record has the same key (it would replace this one in a store).
     *
     * @param other a record
     * @return true for the same kind and key
     */
    boolean sameKey(StateRecord other);
}
