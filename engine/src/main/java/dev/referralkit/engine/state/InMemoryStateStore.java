package dev.referralkit.engine.state;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The default store: records in memory. (Interim object maps; replaced by the compact layout.)
 */
public final class InMemoryStateStore implements StateStore {
    private EngineRecord engine;
    private final Map<Object, StateRecord> records = new HashMap<>();
    private final TreeMap<String, PartnerRecord> partners = new TreeMap<>();
    private final Map<String, TreeMap<String, OpenEntryRecord>> open = new HashMap<>();

    private record K(RecordKind kind, Object a, Object b, Object c) {
    }

    @Override
    public EngineRecord engine() {
        return engine == null ? EngineRecord.INITIAL : engine;
    }

    @Override
    public EventRecord event(int bucket, long hash) {
        return (EventRecord) records.get(new K(RecordKind.EVENT, bucket, hash, null));
    }

    @Override
    public PartnerRecord partner(String id) {
        return partners.get(id);
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
        return (CustomerRecord) records.get(new K(RecordKind.CUSTOMER, hi, lo, null));
    }

    @Override
    public PaymentRecord payment(long hi, long lo) {
        return (PaymentRecord) records.get(new K(RecordKind.PAYMENT, hi, lo, null));
    }

    @Override
    public void forEachPaymentBefore(long cutoff, Consumer<PaymentRecord> each) {
        List<PaymentRecord> found = new ArrayList<>();
        for (StateRecord r : records.values()) {
            if (r instanceof PaymentRecord p && p.at() < cutoff) {
                found.add(p);
            }
        }
        found.sort(Comparator.comparing(RecordCodec::key, RecordCodec::compare));
        found.forEach(each);
    }

    @Override
    public EarningRecord earning(String partner, long paymentHi, long paymentLo) {
        return (EarningRecord) records.get(new K(RecordKind.EARNING, partner, paymentHi, paymentLo));
    }

    @Override
    public BookRecord book(String partner) {
        return (BookRecord) records.get(new K(RecordKind.BOOK, partner, null, null));
    }

    @Override
    public VolumeRecord volume(String partner, String label) {
        return (VolumeRecord) records.get(new K(RecordKind.VOLUME, partner, label, null));
    }

    @Override
    public RetroRecord retro(String partner, String label, int index) {
        return (RetroRecord) records.get(new K(RecordKind.RETRO, partner, label, index));
    }

    @Override
    public CapRecord cap(String partner, String cap, String scope) {
        return (CapRecord) records.get(new K(RecordKind.CAP, partner, cap, scope));
    }

    @Override
    public void forEachOpenEntry(String partner, Consumer<OpenEntryRecord> each) {
        TreeMap<String, OpenEntryRecord> entries = open.get(partner);
        if (entries != null) {
            new ArrayList<>(entries.values()).forEach(each);
        }
    }

    private static String openKey(OpenEntryRecord o) {
        return o.currency().getCurrencyCode() + String.format("%020d", o.seq());
    }

    private static K key(StateRecord r) {
        return switch (r.kind()) {
            case ENGINE -> new K(RecordKind.ENGINE, null, null, null);
            case EVENT -> new K(RecordKind.EVENT, ((EventRecord) r).bucket(), ((EventRecord) r).hash(), null);
            case PARTNER -> new K(RecordKind.PARTNER, ((PartnerRecord) r).id(), null, null);
            case CUSTOMER -> new K(RecordKind.CUSTOMER, ((CustomerRecord) r).hi(), ((CustomerRecord) r).lo(), null);
            case PAYMENT -> new K(RecordKind.PAYMENT, ((PaymentRecord) r).hi(), ((PaymentRecord) r).lo(), null);
            case EARNING -> {
                EarningRecord e = (EarningRecord) r;
                yield new K(RecordKind.EARNING, e.partner(), e.paymentHi(), e.paymentLo());
            }
            case BOOK -> new K(RecordKind.BOOK, ((BookRecord) r).partner(), null, null);
            case VOLUME -> new K(RecordKind.VOLUME, ((VolumeRecord) r).partner(), ((VolumeRecord) r).label(), null);
            case RETRO -> {
                RetroRecord x = (RetroRecord) r;
                yield new K(RecordKind.RETRO, x.partner(), x.label(), x.index());
            }
            case CAP -> {
                CapRecord c = (CapRecord) r;
                yield new K(RecordKind.CAP, c.partner(), c.cap(), c.scope());
            }
            case OPEN -> new K(RecordKind.OPEN, ((OpenEntryRecord) r).partner(), openKey((OpenEntryRecord) r), null);
        };
    }

    @Override
    public void put(StateRecord record) {
        if (record instanceof EngineRecord e) {
            engine = e;
        } else if (record instanceof PartnerRecord p) {
            partners.put(p.id(), p);
        } else if (record instanceof OpenEntryRecord o) {
            open.computeIfAbsent(o.partner(), p -> new TreeMap<>()).put(openKey(o), o);
        } else {
            records.put(key(record), record);
        }
    }

    @Override
    public void remove(StateRecord record) {
        if (record instanceof EngineRecord) {
            engine = null;
        } else if (record instanceof PartnerRecord p) {
            partners.remove(p.id());
        } else if (record instanceof OpenEntryRecord o) {
            TreeMap<String, OpenEntryRecord> entries = open.get(o.partner());
            if (entries != null) {
                entries.remove(openKey(o));
                if (entries.isEmpty()) {
                    open.remove(o.partner());
                }
            }
        } else {
            records.remove(key(record));
        }
    }

    @Override
    public void forgetEvents(int bucket) {
        records.values().removeIf(r -> r instanceof EventRecord e && e.bucket() == bucket);
    }

    @Override
    public void forEach(Consumer<StateRecord> each) {
        List<StateRecord> all = new ArrayList<>(records.values());
        if (engine != null) {
            all.add(engine);
        }
        all.addAll(partners.values());
        open.values().forEach(m -> all.addAll(m.values()));
        all.sort(Comparator.comparing(RecordCodec::key, RecordCodec::compare));
        all.forEach(each);
    }
}
