package dev.referralkit.engine.state;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A {@link StateStore} over any ordered key-value store of bytes: every record is written as its
 * binary key and value ({@link RecordCodec}) and read back on each get. A durable or distributed store
 * (a database table, a Kafka Streams state store, RocksDB) extends this class and implements the four
 * byte-level operations; {@link #inMemory()} is one over a sorted map, the reference other stores are
 * tested against.
 */
public abstract class KeyValueStateStore implements StateStore {
    /**
     * @param key a binary key
     * @return its value, or null
     */
    protected abstract byte[] read(byte[] key);

    /**
     * @param key   a binary key
     * @param value its new value
     */
    protected abstract void write(byte[] key, byte[] value);

    /** @param key a binary key to remove (absent: nothing happens) */
    protected abstract void delete(byte[] key);

    /**
     * @param prefix a key prefix
     * @param each   receives every key with that prefix and its value, in unsigned lexicographic key order
     */
    protected abstract void scan(byte[] prefix, BiConsumer<byte[], byte[]> each);

    /**
     * Removes every key with a prefix. Override with a range deletion where the store has one.
     *
     * @param prefix a key prefix
     */
    protected void deletePrefix(byte[] prefix) {
        List<byte[]> keys = new ArrayList<>();
        scan(prefix, (k, v) -> keys.add(k));
        keys.forEach(this::delete);
    }

    /**
     * Applies an event's changes (docs/engine.md §2), keeping this store a copy of the engine's.
     *
     * @param changes the changes of an outcome
     */
    public void apply(java.util.List<dev.referralkit.engine.stage.Change> changes) {
        for (dev.referralkit.engine.stage.Change c : changes) {
            if (c instanceof dev.referralkit.engine.stage.Change.ForgottenEvents) {
                deletePrefix(c.keyBytes());
            } else if (c.valueBytes().isPresent()) {
                write(c.keyBytes(), c.valueBytes().get());
            } else {
                delete(c.keyBytes());
            }
        }
    }

    /** @return a store over a sorted map in memory: the reference implementation */
    public static KeyValueStateStore inMemory() {
        return new SortedMapStore();
    }

    private StateRecord get(StateRecord probe) {
        byte[] key = RecordCodec.key(probe);
        byte[] value = read(key);
        return value == null ? null : RecordCodec.decode(key, value);
    }

    private static final java.util.Currency ANY = java.util.Currency.getInstance("XXX");

    @Override
    public EngineRecord engine() {
        StateRecord r = get(EngineRecord.INITIAL);
        return r == null ? EngineRecord.INITIAL : (EngineRecord) r;
    }

    @Override
    public EventRecord event(int bucket, long hash) {
        return (EventRecord) get(new EventRecord(bucket, hash, 0));
    }

    @Override
    public PartnerRecord partner(String id) {
        byte[] key = new Bytes.Writer().u8(RecordKind.PARTNER.code()).text(id).bytes();
        byte[] value = read(key);
        return value == null ? null : (PartnerRecord) RecordCodec.decode(key, value);
    }

    @Override
    public int partnerCount() {
        int[] n = {0};
        scan(new byte[] {RecordKind.PARTNER.code()}, (k, v) -> n[0]++);
        return n[0];
    }

    @Override
    public void forEachPartner(Consumer<PartnerRecord> each) {
        List<PartnerRecord> all = new ArrayList<>();
        scan(new byte[] {RecordKind.PARTNER.code()}, (k, v) -> all.add((PartnerRecord) RecordCodec.decode(k, v)));
        all.sort(Comparator.comparing(PartnerRecord::id));
        all.forEach(each);
    }

    @Override
    public CustomerRecord customer(long hi, long lo) {
        return (CustomerRecord) get(CustomerRecord.fresh(hi, lo));
    }

    @Override
    public PaymentRecord payment(long hi, long lo) {
        return (PaymentRecord) get(new PaymentRecord(hi, lo, 0, 0, ANY, 0, 0, 0));
    }

    @Override
    public void forEachPaymentBefore(long cutoff, Consumer<PaymentRecord> each) {
        List<PaymentRecord> found = new ArrayList<>();
        scan(new byte[] {RecordKind.PAYMENT.code()}, (k, v) -> {
            PaymentRecord p = (PaymentRecord) RecordCodec.decode(k, v);
            if (p.at() < cutoff) {
                found.add(p);
            }
        });
        found.forEach(each);
    }

    @Override
    public EarningRecord earning(String partner, long paymentHi, long paymentLo) {
        byte[] key = new Bytes.Writer().u8(RecordKind.EARNING.code()).text(partner).i64(paymentHi).i64(paymentLo).bytes();
        byte[] value = read(key);
        return value == null ? null : (EarningRecord) RecordCodec.decode(key, value);
    }

    @Override
    public BookRecord book(String partner) {
        return (BookRecord) get(BookRecord.empty(partner));
    }

    @Override
    public VolumeRecord volume(String partner, String label) {
        byte[] key = new Bytes.Writer().u8(RecordKind.VOLUME.code()).text(partner).text(label).bytes();
        byte[] value = read(key);
        return value == null ? null : (VolumeRecord) RecordCodec.decode(key, value);
    }

    @Override
    public RetroRecord retro(String partner, String label, int index) {
        byte[] key = new Bytes.Writer().u8(RecordKind.RETRO.code()).text(partner).text(label).i32(index).bytes();
        byte[] value = read(key);
        return value == null ? null : (RetroRecord) RecordCodec.decode(key, value);
    }

    @Override
    public CapRecord cap(String partner, String cap, String scope) {
        byte[] key = new Bytes.Writer().u8(RecordKind.CAP.code()).text(partner).text(cap).text(scope).bytes();
        byte[] value = read(key);
        return value == null ? null : (CapRecord) RecordCodec.decode(key, value);
    }

    @Override
    public void forEachOpenEntry(String partner, Consumer<OpenEntryRecord> each) {
        List<OpenEntryRecord> found = new ArrayList<>();
        scan(new Bytes.Writer().u8(RecordKind.OPEN.code()).text(partner).bytes(),
                (k, v) -> found.add((OpenEntryRecord) RecordCodec.decode(k, v)));
        found.forEach(each);
    }

    @Override
    public HoldRecord hold(String partner, String entry) {
        return (HoldRecord) get(new Bytes.Writer().u8(RecordKind.HOLD.code()).text(partner).text(entry).bytes());
    }

    @Override
    public void forEachHold(String partner, Consumer<HoldRecord> each) {
        List<HoldRecord> found = new ArrayList<>();
        scan(new Bytes.Writer().u8(RecordKind.HOLD.code()).text(partner).bytes(), (k, v) -> found.add((HoldRecord) RecordCodec.decode(k, v)));
        found.forEach(each);
    }

    @Override
    public PayoutRecord payout(String partner, String payout) {
        return (PayoutRecord) get(new Bytes.Writer().u8(RecordKind.PAYOUT.code()).text(partner).text(payout).bytes());
    }

    @Override
    public TaxRecord tax(String partner) {
        return (TaxRecord) get(new Bytes.Writer().u8(RecordKind.TAX.code()).text(partner).bytes());
    }

    @Override
    public RiskRecord risk(String partner) {
        return (RiskRecord) get(new Bytes.Writer().u8(RecordKind.RISK.code()).text(partner).bytes());
    }

    @Override
    public ClicksRecord clicks(long hi, long lo) {
        return (ClicksRecord) get(new Bytes.Writer().u8(RecordKind.CLICKS.code()).i64(hi).i64(lo).bytes());
    }

    @Override
    public IdentityRecord identity(long hi, long lo) {
        return (IdentityRecord) get(new Bytes.Writer().u8(RecordKind.IDENTITY.code()).i64(hi).i64(lo).bytes());
    }

    private StateRecord get(byte[] key) {
        byte[] value = read(key);
        return value == null ? null : RecordCodec.decode(key, value);
    }

    @Override
    public RegistrationRecord registration(String id) {
        byte[] key = new Bytes.Writer().u8(RecordKind.REGISTRATION.code()).text(id).bytes();
        byte[] value = read(key);
        return value == null ? null : (RegistrationRecord) RecordCodec.decode(key, value);
    }

    @Override
    public ProspectRecord prospect(String key) {
        byte[] k = new Bytes.Writer().u8(RecordKind.PROSPECT.code()).text(key).bytes();
        byte[] value = read(k);
        return value == null ? null : (ProspectRecord) RecordCodec.decode(k, value);
    }

    @Override
    public void put(StateRecord record) {
        write(RecordCodec.key(record), RecordCodec.value(record));
    }

    @Override
    public void remove(StateRecord record) {
        delete(RecordCodec.key(record));
    }

    @Override
    public void forgetEvents(int bucket) {
        deletePrefix(RecordCodec.eventBucketPrefix(bucket));
    }

    @Override
    public void forEach(Consumer<StateRecord> each) {
        List<StateRecord> all = new ArrayList<>();
        scan(new byte[0], (k, v) -> all.add(RecordCodec.decode(k, v)));
        all.forEach(each);
    }

    /** The reference: a sorted map of binary keys. */
    private static final class SortedMapStore extends KeyValueStateStore {
        private final TreeMap<byte[], byte[]> map = new TreeMap<>(RecordCodec::compare);

        @Override
        protected byte[] read(byte[] key) {
            return map.get(key);
        }

        @Override
        protected void write(byte[] key, byte[] value) {
            map.put(key, value);
        }

        @Override
        protected void delete(byte[] key) {
            map.remove(key);
        }

        @Override
        protected void scan(byte[] prefix, BiConsumer<byte[], byte[]> each) {
            for (Map.Entry<byte[], byte[]> e : map.tailMap(prefix, true).entrySet()) {
                byte[] k = e.getKey();
                if (k.length < prefix.length || java.util.Arrays.compareUnsigned(k, 0, prefix.length, prefix, 0, prefix.length) != 0) {
                    break;
                }
                each.accept(k, e.getValue());
            }
        }
    }
}
