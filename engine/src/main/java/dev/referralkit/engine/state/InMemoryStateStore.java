package dev.referralkit.engine.state;

import dev.referralkit.ledger.Credit;
import dev.referralkit.money.Ratio;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The default store: the engine's records in memory, in compact layouts (docs/engine.md §1).
 * <ul>
 * <li><b>Customers and payments</b>, which grow with the business, are primitive columns behind sorted
 *     open-addressing indexes ({@link CustomerTable}, {@link PaymentTable}): minor-unit amounts, epoch
 *     nanoseconds, partner indexes instead of ids, the usual single commission of a payment inline. Ids are
 *     not kept, only their 128-bit hashes.</li>
 * <li><b>Remembered event ids</b> are 64-bit hashes with 32-bit fingerprints in one table per bucket
 *     ({@link IdSet}).</li>
 * <li><b>Everything partner-sized</b> — partners, books, volumes, retroactive pricings, caps, unsettled
 *     entries — is kept as record objects per partner.</li>
 * </ul>
 * Records in rare shapes go to side tables, so the common ones stay small. Getters build a record from its
 * columns on each call; the engine reads each record once or twice per event.
 */
public final class InMemoryStateStore implements StateStore {
    private EngineRecord engine;
    private final Map<Integer, IdSet> events = new HashMap<>();
    private final TreeMap<String, PartnerRecord> partners = new TreeMap<>();
    /** The same partners by id, for lookups (the tree is for iteration in id order). */
    private final HashMap<String, PartnerRecord> partnersById = new HashMap<>();
    private final List<PartnerRecord> byIndex = new ArrayList<>();
    private final List<List<Credit>> sole = new ArrayList<>();
    private final CustomerTable customers = new CustomerTable();
    private final PaymentTable payments = new PaymentTable(customers);
    private final Map<EarningKey, EarningRecord> earnings = new HashMap<>();
    private final Map<String, PartnerState> states = new HashMap<>();
    private final Map<String, RegistrationRecord> registrations = new HashMap<>();
    private final Map<String, ProspectRecord> prospects = new HashMap<>();

    private record EarningKey(String partner, long hi, long lo) {
    }

    /** Customer- and identity-keyed side records of docs/payouts.md, by 128-bit hash. */
    private record Hash(long hi, long lo) {
    }

    private final Map<Hash, ClicksRecord> clicks = new HashMap<>();
    private final Map<Hash, IdentityRecord> identities = new HashMap<>();

    /** A partner's partner-sized records; each map exists only while it holds something. */
    private static final class PartnerState {
        BookRecord book;
        Map<String, VolumeRecord> volumes = Map.of();
        Map<String, RetroRecord> retros = Map.of();
        Map<String, CapRecord> caps = Map.of();
        TreeMap<String, OpenEntries> open;
        TreeMap<String, HoldRecord> holds;
        Map<String, PayoutRecord> payouts = Map.of();
        TaxRecord tax;
        RiskRecord risk;

        boolean isEmpty() {
            return book == null && volumes.isEmpty() && retros.isEmpty() && caps.isEmpty() && (open == null || open.isEmpty())
                    && (holds == null || holds.isEmpty()) && payouts.isEmpty() && tax == null && risk == null;
        }

        TreeMap<String, HoldRecord> holds() {
            if (holds == null) {
                holds = new TreeMap<>();
            }
            return holds;
        }

        Map<String, PayoutRecord> payouts() {
            if (payouts.isEmpty()) {
                payouts = new HashMap<>();
            }
            return payouts;
        }

        Map<String, VolumeRecord> volumes() {
            if (volumes.isEmpty()) {
                volumes = new HashMap<>(4);
            }
            return volumes;
        }

        Map<String, RetroRecord> retros() {
            if (retros.isEmpty()) {
                retros = new HashMap<>();
            }
            return retros;
        }

        Map<String, CapRecord> caps() {
            if (caps.isEmpty()) {
                caps = new HashMap<>();
            }
            return caps;
        }

        TreeMap<String, OpenEntries> open() {
            if (open == null) {
                open = new TreeMap<>();
            }
            return open;
        }
    }

    /** A partner's unsettled entries in one currency, in sequence order; removed slots are compacted lazily. */
    private static final class OpenEntries {
        private final ArrayList<OpenEntryRecord> entries = new ArrayList<>();
        private int removed;

        void put(OpenEntryRecord e) {
            // the common case first: a new entry takes the partner's next sequence number
            if (entries.isEmpty() || last() < e.seq()) {
                entries.add(e);
                return;
            }
            int i = find(e.seq());
            if (i >= 0) {
                entries.set(i, e);
            } else {
                compact();
                int at = 0;
                while (at < entries.size() && entries.get(at).seq() < e.seq()) {
                    at++;
                }
                entries.add(at, e);
            }
        }

        private long last() {
            for (int i = entries.size() - 1; i >= 0; i--) {
                if (entries.get(i) != null) {
                    return entries.get(i).seq();
                }
            }
            return Long.MIN_VALUE;
        }

        private int find(long seq) {
            int lo = 0;
            int hi = entries.size() - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                int probe = mid;
                while (probe <= hi && entries.get(probe) == null) {
                    probe++;
                }
                if (probe > hi) {
                    hi = mid - 1;
                    continue;
                }
                long s = entries.get(probe).seq();
                if (s == seq) {
                    return probe;
                }
                if (s < seq) {
                    lo = probe + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return -1;
        }

        void remove(long seq) {
            int i = find(seq);
            if (i >= 0) {
                entries.set(i, null);
                if (++removed > 16 && removed * 2 > entries.size()) {
                    compact();
                }
            }
        }

        private void compact() {
            entries.removeIf(java.util.Objects::isNull);
            removed = 0;
        }

        boolean isEmpty() {
            return entries.size() == removed;
        }

        void forEach(Consumer<OpenEntryRecord> each) {
            for (int i = 0; i < entries.size(); i++) {
                OpenEntryRecord e = entries.get(i);
                if (e != null) {
                    each.accept(e);
                }
            }
        }
    }

    private PartnerState state(String partner) {
        return states.computeIfAbsent(partner, p -> new PartnerState());
    }

    private int partnerIndex(String id) {
        PartnerRecord p = partnersById.get(id);
        return p == null ? -1 : p.index();
    }

    private List<Credit> sole(int index) {
        return sole.get(index);
    }

    private final java.util.function.IntFunction<List<Credit>> soleCredit = this::sole;
    private final java.util.function.ToIntFunction<String> indexOfPartner = this::partnerIndex;

    @Override
    public EngineRecord engine() {
        return engine == null ? EngineRecord.INITIAL : engine;
    }

    @Override
    public EventRecord event(int bucket, long hash) {
        IdSet set = events.get(bucket);
        return set == null || !set.contains(hash) ? null : new EventRecord(bucket, hash, set.fingerprint(hash));
    }

    @Override
    public PartnerRecord partner(String id) {
        return partnersById.get(id);
    }

    @Override
    public int partnerCount() {
        return partners.size();
    }

    @Override
    public void forEachPartner(Consumer<PartnerRecord> each) {
        new ArrayList<>(partners.values()).forEach(each);
    }

    @Override
    public CustomerRecord customer(long hi, long lo) {
        return customers.get(hi, lo, soleCredit);
    }

    @Override
    public PaymentRecord payment(long hi, long lo) {
        return payments.get(hi, lo);
    }

    @Override
    public void forEachPaymentBefore(long cutoff, Consumer<PaymentRecord> each) {
        List<PaymentRecord> found = new ArrayList<>();
        payments.forEachRow(row -> {
            PaymentRecord p = payments.get(row);
            if (p.at() < cutoff) {
                found.add(p);
            }
        });
        found.sort(Comparator.comparing(RecordCodec::key, RecordCodec::compare));
        found.forEach(each);
    }

    @Override
    public EarningRecord earning(String partner, long paymentHi, long paymentLo) {
        EarningRecord side = earnings.get(new EarningKey(partner, paymentHi, paymentLo));
        if (side != null) {
            return side;
        }
        int index = partnerIndex(partner);
        return index < 0 ? null : payments.earning(paymentHi, paymentLo, index, partner);
    }

    @Override
    public BookRecord book(String partner) {
        PartnerState s = states.get(partner);
        return s == null ? null : s.book;
    }

    @Override
    public VolumeRecord volume(String partner, String label) {
        PartnerState s = states.get(partner);
        return s == null ? null : s.volumes.get(label);
    }

    private static String retroKey(String label, int index) {
        return label + "#" + index;
    }

    @Override
    public RetroRecord retro(String partner, String label, int index) {
        PartnerState s = states.get(partner);
        return s == null ? null : s.retros.get(retroKey(label, index));
    }

    private static String capKey(String cap, String scope) {
        return cap + "\u0000" + scope;
    }

    @Override
    public CapRecord cap(String partner, String cap, String scope) {
        PartnerState s = states.get(partner);
        return s == null ? null : s.caps.get(capKey(cap, scope));
    }

    @Override
    public void forEachOpenEntry(String partner, Consumer<OpenEntryRecord> each) {
        PartnerState s = states.get(partner);
        if (s != null && s.open != null) {
            List<OpenEntryRecord> all = new ArrayList<>();
            s.open.values().forEach(o -> o.forEach(all::add));
            all.forEach(each);
        }
    }

    @Override
    public HoldRecord hold(String partner, String entry) {
        PartnerState s = states.get(partner);
        return s == null || s.holds == null ? null : s.holds.get(entry);
    }

    @Override
    public void forEachHold(String partner, Consumer<HoldRecord> each) {
        PartnerState s = states.get(partner);
        if (s != null && s.holds != null && !s.holds.isEmpty()) {
            // in key order: the binary key sorts entry ids by their UTF-8 bytes after their length
            List<HoldRecord> all = new ArrayList<>(s.holds.values());
            all.sort(Comparator.comparing(RecordCodec::key, RecordCodec::compare));
            all.forEach(each);
        }
    }

    @Override
    public PayoutRecord payout(String partner, String payout) {
        PartnerState s = states.get(partner);
        return s == null ? null : s.payouts.get(payout);
    }

    @Override
    public TaxRecord tax(String partner) {
        PartnerState s = states.get(partner);
        return s == null ? null : s.tax;
    }

    @Override
    public RiskRecord risk(String partner) {
        PartnerState s = states.get(partner);
        return s == null ? null : s.risk;
    }

    @Override
    public ClicksRecord clicks(long hi, long lo) {
        return clicks.get(new Hash(hi, lo));
    }

    @Override
    public IdentityRecord identity(long hi, long lo) {
        return identities.get(new Hash(hi, lo));
    }

    @Override
    public RegistrationRecord registration(String id) {
        return registrations.get(id);
    }

    @Override
    public ProspectRecord prospect(String key) {
        return prospects.get(key);
    }

    @Override
    public void put(StateRecord record) {
        switch (record.kind()) {
            case ENGINE -> engine = (EngineRecord) record;
            case EVENT -> {
                EventRecord e = (EventRecord) record;
                events.computeIfAbsent(e.bucket(), b -> new IdSet()).put(e.hash(), e.fingerprint());
            }
            case PARTNER -> {
                PartnerRecord p = (PartnerRecord) record;
                PartnerRecord old = partners.put(p.id(), p);
                partnersById.put(p.id(), p);
                if (old != null && old.index() != p.index()) {
                    throw new IllegalArgumentException("partner " + p.id() + " cannot change index " + old.index() + " to " + p.index());
                }
                while (byIndex.size() <= p.index()) {
                    byIndex.add(null);
                    sole.add(null);
                }
                byIndex.set(p.index(), p);
                sole.set(p.index(), List.of(Credit.of(p.id(), Ratio.ONE)));
            }
            case CUSTOMER -> customers.put((CustomerRecord) record, indexOfPartner);
            case PAYMENT -> payments.put((PaymentRecord) record);
            case EARNING -> {
                EarningRecord e = (EarningRecord) record;
                EarningKey key = new EarningKey(e.partner(), e.paymentHi(), e.paymentLo());
                if (payments.putEarning(e, partnerIndex(e.partner()))) {
                    earnings.remove(key);
                } else {
                    payments.removeEarning(e.paymentHi(), e.paymentLo(), partnerIndex(e.partner()));
                    earnings.put(key, e);
                }
            }
            case BOOK -> state(((BookRecord) record).partner()).book = (BookRecord) record;
            case VOLUME -> {
                VolumeRecord v = (VolumeRecord) record;
                state(v.partner()).volumes().put(v.label(), v);
            }
            case RETRO -> {
                RetroRecord r = (RetroRecord) record;
                state(r.partner()).retros().put(retroKey(r.label(), r.index()), r);
            }
            case CAP -> {
                CapRecord c = (CapRecord) record;
                state(c.partner()).caps().put(capKey(c.cap(), c.scope()), c);
            }
            case OPEN -> {
                OpenEntryRecord o = (OpenEntryRecord) record;
                state(o.partner()).open().computeIfAbsent(o.currency().getCurrencyCode(), c -> new OpenEntries()).put(o);
            }
            case HOLD -> {
                HoldRecord h = (HoldRecord) record;
                state(h.partner()).holds().put(h.entry(), h);
            }
            case PAYOUT -> {
                PayoutRecord p = (PayoutRecord) record;
                state(p.partner()).payouts().put(p.payout(), p);
            }
            case TAX -> state(((TaxRecord) record).partner()).tax = (TaxRecord) record;
            case RISK -> state(((RiskRecord) record).partner()).risk = (RiskRecord) record;
            case CLICKS -> {
                ClicksRecord c = (ClicksRecord) record;
                clicks.put(new Hash(c.hi(), c.lo()), c);
            }
            case IDENTITY -> {
                IdentityRecord i = (IdentityRecord) record;
                identities.put(new Hash(i.hi(), i.lo()), i);
            }
            case REGISTRATION -> registrations.put(((RegistrationRecord) record).id(), (RegistrationRecord) record);
            case PROSPECT -> prospects.put(((ProspectRecord) record).key(), (ProspectRecord) record);
        }
    }

    @Override
    public void remove(StateRecord record) {
        switch (record.kind()) {
            case ENGINE -> engine = null;
            case EVENT -> {
                EventRecord e = (EventRecord) record;
                IdSet set = events.get(e.bucket());
                if (set != null) {
                    set.remove(e.hash());
                    if (set.size() == 0) {
                        events.remove(e.bucket());
                    }
                }
            }
            case PARTNER -> {
                PartnerRecord p = partners.remove(((PartnerRecord) record).id());
                partnersById.remove(((PartnerRecord) record).id());
                if (p != null) {
                    byIndex.set(p.index(), null);
                }
            }
            case CUSTOMER -> customers.remove(((CustomerRecord) record).hi(), ((CustomerRecord) record).lo());
            case PAYMENT -> payments.remove(((PaymentRecord) record).hi(), ((PaymentRecord) record).lo());
            case EARNING -> {
                EarningRecord e = (EarningRecord) record;
                if (earnings.remove(new EarningKey(e.partner(), e.paymentHi(), e.paymentLo())) == null) {
                    payments.removeEarning(e.paymentHi(), e.paymentLo(), partnerIndex(e.partner()));
                }
            }
            case BOOK -> partnerState(((BookRecord) record).partner(), s -> s.book = null);
            case VOLUME -> partnerState(((VolumeRecord) record).partner(), s -> removeFrom(s.volumes, ((VolumeRecord) record).label()));
            case RETRO -> {
                RetroRecord r = (RetroRecord) record;
                partnerState(r.partner(), s -> removeFrom(s.retros, retroKey(r.label(), r.index())));
            }
            case CAP -> {
                CapRecord c = (CapRecord) record;
                partnerState(c.partner(), s -> removeFrom(s.caps, capKey(c.cap(), c.scope())));
            }
            case OPEN -> {
                OpenEntryRecord o = (OpenEntryRecord) record;
                partnerState(o.partner(), s -> {
                    OpenEntries entries = s.open == null ? null : s.open.get(o.currency().getCurrencyCode());
                    if (entries != null) {
                        entries.remove(o.seq());
                        if (entries.isEmpty()) {
                            s.open.remove(o.currency().getCurrencyCode());
                        }
                    }
                });
            }
            case HOLD -> {
                HoldRecord h = (HoldRecord) record;
                partnerState(h.partner(), s -> {
                    if (s.holds != null) {
                        s.holds.remove(h.entry());
                    }
                });
            }
            case PAYOUT -> {
                PayoutRecord p = (PayoutRecord) record;
                partnerState(p.partner(), s -> removeFrom(s.payouts, p.payout()));
            }
            case TAX -> partnerState(((TaxRecord) record).partner(), s -> s.tax = null);
            case RISK -> partnerState(((RiskRecord) record).partner(), s -> s.risk = null);
            case CLICKS -> clicks.remove(new Hash(((ClicksRecord) record).hi(), ((ClicksRecord) record).lo()));
            case IDENTITY -> identities.remove(new Hash(((IdentityRecord) record).hi(), ((IdentityRecord) record).lo()));
            case REGISTRATION -> registrations.remove(((RegistrationRecord) record).id());
            case PROSPECT -> prospects.remove(((ProspectRecord) record).key());
        }
    }

    private static void removeFrom(Map<String, ?> map, String key) {
        if (!map.isEmpty()) {
            map.remove(key);
        }
    }

    private void partnerState(String partner, Consumer<PartnerState> change) {
        PartnerState s = states.get(partner);
        if (s != null) {
            change.accept(s);
            if (s.isEmpty()) {
                states.remove(partner);
            }
        }
    }

    @Override
    public void forgetEvents(int bucket) {
        events.remove(bucket);
    }

    @Override
    public void forEach(Consumer<StateRecord> each) {
        List<StateRecord> all = new ArrayList<>();
        forEachUnordered(all::add);
        List<byte[]> keys = new ArrayList<>(all.size());
        Integer[] order = new Integer[all.size()];
        for (int i = 0; i < all.size(); i++) {
            keys.add(RecordCodec.key(all.get(i)));
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> RecordCodec.compare(keys.get(a), keys.get(b)));
        for (Integer i : order) {
            each.accept(all.get(i));
        }
    }

    /**
     * Gives every record, like {@link #forEach}, but in no particular order and without collecting them
     * first: for a consumer that only copies them (a durable store's checkpoint), the whole state is then
     * never held twice and no keys are sorted. The consumer must not change this store.
     *
     * @param each receives each record once
     */
    public void forEachUnordered(Consumer<StateRecord> each) {
        if (engine != null) {
            each.accept(engine);
        }
        events.forEach((bucket, set) -> set.forEach((hash, fp) -> each.accept(new EventRecord(bucket, hash, fp))));
        partners.values().forEach(each);
        customers.forEachRow(row -> each.accept(customers.get(row, soleCredit)));
        payments.forEachRow(row -> each.accept(payments.get(row)));
        payments.forEachInline((row, index) -> each.accept(payments.inline(row, byIndex.get(index).id())));
        earnings.values().forEach(each);
        registrations.values().forEach(each);
        prospects.values().forEach(each);
        for (PartnerState s : states.values()) {
            if (s.book != null) {
                each.accept(s.book);
            }
            s.volumes.values().forEach(each);
            s.retros.values().forEach(each);
            s.caps.values().forEach(each);
            if (s.open != null) {
                s.open.values().forEach(o -> o.forEach(each::accept));
            }
            if (s.holds != null) {
                s.holds.values().forEach(each);
            }
            s.payouts.values().forEach(each);
            if (s.tax != null) {
                each.accept(s.tax);
            }
            if (s.risk != null) {
                each.accept(s.risk);
            }
        }
        clicks.values().forEach(each);
        identities.values().forEach(each);
    }

    /** @return the bytes of the remembered event ids' tables, for harnesses that measure state by kind */
    public long eventIdBytes() {
        long bytes = 0;
        for (IdSet s : events.values()) {
            bytes += s.bytes();
        }
        return bytes;
    }

    /** @return the number of customers, payments and remembered event ids, for harnesses */
    public String sizes() {
        int ids = 0;
        for (IdSet s : events.values()) {
            ids += s.size();
        }
        return "customers=" + customers.size() + " payments=" + payments.size() + " eventIds=" + ids + " sideEarnings=" + earnings.size();
    }
}
