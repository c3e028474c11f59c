package dev.referralkit.engine.state;

import dev.referralkit.RejectionCode;
import dev.referralkit.event.Channel;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.ledger.Credit;
import dev.referralkit.program.Metric;
import dev.referralkit.program.Partner;
import dev.referralkit.program.Period;
import dev.referralkit.reward.TierPricing;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The compact, versioned binary forms of records (docs/engine.md §1): what a durable or distributed
 * store writes, what snapshots hold and what {@code RecordChange} gives a host.
 *
 * <p>A <b>key</b> is the kind's code byte followed by the key's components: text as a length and UTF-8
 * bytes, hashes and sequence numbers as big-endian fixed-width integers, so that the keys of one
 * partner's unsettled entries share a prefix and sort in ledger order. A <b>value</b> is a format version
 * byte ({@value #VERSION}) followed by the record's other fields: integers as zig-zag variable-length
 * numbers, amounts in minor units, instants in epoch nanoseconds, ratios as numerator and denominator,
 * decimals as unscaled value and scale. {@link #decode} refuses an unknown kind or version and anything
 * truncated or left over.
 */
public final class RecordCodec {
    /** The version of every value written by this code. */
    public static final int VERSION = 1;

    private RecordCodec() {
    }

    /**
     * @param record a record
     * @return its key's binary form
     */
    public static byte[] key(StateRecord record) {
        Bytes.Writer w = new Bytes.Writer().u8(record.kind().code());
        if (record instanceof EventRecord r) {
            w.i32(r.bucket()).i64(r.hash());
        } else if (record instanceof PartnerRecord r) {
            w.text(r.id());
        } else if (record instanceof CustomerRecord r) {
            w.i64(r.hi()).i64(r.lo());
        } else if (record instanceof PaymentRecord r) {
            w.i64(r.hi()).i64(r.lo());
        } else if (record instanceof EarningRecord r) {
            w.text(r.partner()).i64(r.paymentHi()).i64(r.paymentLo());
        } else if (record instanceof BookRecord r) {
            w.text(r.partner());
        } else if (record instanceof VolumeRecord r) {
            w.text(r.partner()).text(r.label());
        } else if (record instanceof RetroRecord r) {
            w.text(r.partner()).text(r.label()).i32(r.index());
        } else if (record instanceof CapRecord r) {
            w.text(r.partner()).text(r.cap()).text(r.scope());
        } else if (record instanceof OpenEntryRecord r) {
            w.text(r.partner()).currency(r.currency()).i64(r.seq());
        } else if (record instanceof HoldRecord r) {
            w.text(r.partner()).text(r.entry());
        } else if (record instanceof PayoutRecord r) {
            w.text(r.partner()).text(r.payout());
        } else if (record instanceof TaxRecord r) {
            w.text(r.partner());
        } else if (record instanceof RiskRecord r) {
            w.text(r.partner());
        } else if (record instanceof ClicksRecord r) {
            w.i64(r.hi()).i64(r.lo());
        } else if (record instanceof IdentityRecord r) {
            w.i64(r.hi()).i64(r.lo());
        } else if (record instanceof RegistrationRecord r) {
            w.text(r.id());
        } else if (record instanceof ProspectRecord r) {
            w.text(r.key());
        }
        return w.bytes();
    }

    /**
     * The key prefix of every remembered event id of a bucket.
     *
     * @param bucket a bucket
     * @return the prefix
     */
    public static byte[] eventBucketPrefix(int bucket) {
        return new Bytes.Writer().u8(RecordKind.EVENT.code()).i32(bucket).bytes();
    }

    /**
     * @param record a record
     * @return its value's binary form
     */
    public static byte[] value(StateRecord record) {
        Bytes.Writer w = new Bytes.Writer().u8(VERSION);
        switch (record.kind()) {
            case ENGINE -> {
                EngineRecord r = (EngineRecord) record;
                w.var(r.lastPayoutRun()).var(r.eventBuckets().size());
                r.eventBuckets().forEach(w::var);
                w.var(r.seenUntil()).var(r.program().size());
                r.program().forEach(w::text);
            }
            case EVENT -> w.i32(((EventRecord) record).fingerprint());
            case PARTNER -> {
                PartnerRecord r = (PartnerRecord) record;
                w.var(r.index()).var(r.lastChange()).var(r.levelSince()).var(r.below()).var(r.reviewed())
                        .text(ReferralKitJson.write(r.partner()));
            }
            case CUSTOMER -> {
                CustomerRecord r = (CustomerRecord) record;
                w.var(r.lastAt()).var(r.boundAt()).var(r.firstPaymentAt()).var(r.lastPaymentAt()).var(r.payments()).bool(r.leadSeen())
                        .bool(r.converted()).optText(r.stage());
                if (r.credits() == null) {
                    w.var(-1);
                } else {
                    w.var(r.credits().size());
                    r.credits().forEach(c -> w.text(c.partner()).ratio(c.weight()));
                }
                touches(w, r.touches());
                touches(w, r.manual());
                w.var(r.pruned()).var(r.attributes().size());
                new TreeMap<>(r.attributes()).forEach((k, v) -> w.text(k).text(v));
            }
            case PAYMENT -> {
                PaymentRecord r = (PaymentRecord) record;
                w.i64(r.customerHi()).i64(r.customerLo()).currency(r.currency()).var(r.amount()).var(r.refunded()).var(r.at());
            }
            case EARNING -> {
                EarningRecord r = (EarningRecord) record;
                w.var(r.paymentAt()).currency(r.currency()).ratio(r.refunded()).var(r.entries().size());
                for (Earned e : r.entries()) {
                    EntryRef ref = e.ref();
                    w.text(ref.partner()).optText(ref.label()).optText(ref.ancestor()).var(e.amount()).ratio(e.f0())
                            .var(e.availableAt());
                }
                w.ratio(r.conversions()).optDecimal(r.revenue());
            }
            case BOOK -> {
                BookRecord r = (BookRecord) record;
                w.var(r.openPeriods().size());
                r.openPeriods().forEach(w::text);
                w.var(r.lifetimeBonuses().size());
                r.lifetimeBonuses().forEach(w::var);
                w.var(r.paid().size());
                new TreeMap<>(r.paid()).forEach((k, v) -> w.text(k).var(v));
                w.var(r.nextSeq()).var(r.monthCaps().size());
                r.monthCaps().forEach(w::text);
            }
            case VOLUME -> {
                VolumeRecord r = (VolumeRecord) record;
                w.var(r.period().ordinal()).var(r.end()).ratio(r.conversions()).decimal(r.revenue()).var(r.retros()).var(r.active());
            }
            case RETRO -> {
                RetroRecord r = (RetroRecord) record;
                TierPricing p = r.pricing();
                w.text(r.payment()).i64(r.paymentHi()).i64(r.paymentLo()).text(r.customer()).var(r.paymentAt())
                        .currency(r.currency()).text(p.key()).var(p.metric().ordinal()).var(p.period().ordinal())
                        .var(p.aboves().size());
                p.aboves().forEach(w::decimal);
                p.amountsByTier().forEach(w::decimal);
                w.var(p.tier());
            }
            case CAP -> w.decimal(((CapRecord) record).used());
            case OPEN -> {
                OpenEntryRecord r = (OpenEntryRecord) record;
                w.text(r.id()).var(r.amount()).var(r.availableAt());
            }
            case HOLD -> {
                HoldRecord r = (HoldRecord) record;
                w.currency(r.currency()).var(r.at()).var(r.entries().size());
                r.entries().forEach(e -> w.var(e.seq()).text(e.id()).var(e.amount()));
                w.var(r.ancestors().size());
                r.ancestors().forEach(w::text);
                w.optText(r.owner()).var(r.paymentHi()).var(r.paymentLo()).text(r.check()).text(r.code());
            }
            case PAYOUT -> {
                PayoutRecord r = (PayoutRecord) record;
                w.currency(r.currency()).var(r.amount()).var(r.runAt()).var(r.status().ordinal()).optText(r.detail());
            }
            case TAX -> {
                TaxRecord r = (TaxRecord) record;
                w.var(r.formAt()).var(r.paid().size());
                r.paid().forEach((year, byCurrency) -> {
                    w.var(year).var(byCurrency.size());
                    byCurrency.forEach((code, minor) -> w.text(code).var(minor));
                });
            }
            case RISK -> {
                RiskRecord r = (RiskRecord) record;
                w.var(r.conversions().size());
                r.conversions().forEach(w::var);
                w.var(r.last().size());
                r.last().forEach(c -> w.i64(c.paymentHi()).var(c.paymentLo()).bool(c.refunded()));
                w.var(r.payingCustomers());
            }
            case CLICKS -> {
                ClicksRecord r = (ClicksRecord) record;
                w.var(r.partners().size());
                for (int i = 0; i < r.partners().size(); i++) {
                    w.text(r.partners().get(i)).var(r.at().get(i));
                }
            }
            case IDENTITY -> {
                IdentityRecord r = (IdentityRecord) record;
                w.var(r.partners().size());
                for (int i = 0; i < r.partners().size(); i++) {
                    w.text(r.partners().get(i)).i64(r.customers().get(i));
                }
            }
            case REGISTRATION -> {
                RegistrationRecord r = (RegistrationRecord) record;
                w.text(r.partner()).var(r.keys().size());
                r.keys().forEach(w::text);
                w.var(r.at()).var(r.status().ordinal()).var(r.decidedAt()).var(r.expires());
            }
            case PROSPECT -> w.text(((ProspectRecord) record).registration());
        }
        return w.bytes();
    }

    private static void touches(Bytes.Writer w, List<TouchRecord> touches) {
        w.var(touches.size());
        for (TouchRecord t : touches) {
            w.text(t.id()).text(t.partner()).var(t.at()).var(t.channel().ordinal());
        }
    }

    private static List<TouchRecord> touches(Bytes.Reader r) {
        int n = r.varInt();
        List<TouchRecord> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(new TouchRecord(r.text(), r.text(), r.var(), Channel.values()[r.varInt()]));
        }
        return list;
    }

    /**
     * Reads a record from its binary key and value.
     *
     * @param key   the key
     * @param value the value
     * @return the record
     * @throws IllegalArgumentException for an unknown kind or version, or malformed bytes
     */
    public static StateRecord decode(byte[] key, byte[] value) {
        if (key.length == 0 || value.length == 0) {
            throw new IllegalArgumentException("empty key or value");
        }
        RecordKind kind = RecordKind.of(key[0]);
        if (value[0] != VERSION) {
            throw new IllegalArgumentException(kind.jsonName() + " record of version " + value[0] + "; this code reads version " + VERSION);
        }
        Bytes.Reader k = new Bytes.Reader(key, 1);
        Bytes.Reader v = new Bytes.Reader(value, 1);
        StateRecord record = switch (kind) {
            case ENGINE -> {
                long last = v.var();
                int n = v.varInt();
                List<Integer> buckets = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    buckets.add(v.varInt());
                }
                long seen = v.var();
                int prints = v.varInt();
                List<String> program = new ArrayList<>(prints);
                for (int i = 0; i < prints; i++) {
                    program.add(v.text());
                }
                yield new EngineRecord(last, buckets, seen, program);
            }
            case EVENT -> new EventRecord(k.i32(), k.i64(), v.i32());
            case PARTNER -> {
                String id = k.text();
                int index = v.varInt();
                long lastChange = v.var();
                long levelSince = v.var();
                int below = v.varInt();
                long reviewed = v.var();
                Partner partner = ReferralKitJson.read(v.text(), Partner.class, RejectionCode.INVALID_PROGRAM);
                if (!partner.id().equals(id)) {
                    throw new IllegalArgumentException("partner record of " + id + " holds partner " + partner.id());
                }
                yield new PartnerRecord(index, partner, lastChange, levelSince, below, reviewed);
            }
            case CUSTOMER -> {
                long hi = k.i64();
                long lo = k.i64();
                long lastAt = v.var();
                long boundAt = v.var();
                long firstPaymentAt = v.var();
                long lastPaymentAt = v.var();
                int payments = v.varInt();
                boolean leadSeen = v.bool();
                boolean converted = v.bool();
                String stage = v.optText();
                int n = v.varInt();
                List<Credit> credits = null;
                if (n >= 0) {
                    credits = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        credits.add(Credit.of(v.text(), v.ratio()));
                    }
                }
                List<TouchRecord> touches = touches(v);
                List<TouchRecord> manual = touches(v);
                int pruned = v.varInt();
                int attributes = v.varInt();
                Map<String, String> attrs = new LinkedHashMap<>();
                for (int i = 0; i < attributes; i++) {
                    attrs.put(v.text(), v.text());
                }
                yield new CustomerRecord(hi, lo, lastAt, boundAt, firstPaymentAt, lastPaymentAt, payments, leadSeen, converted, stage,
                        credits, touches, manual, pruned, attrs);
            }
            case PAYMENT -> new PaymentRecord(k.i64(), k.i64(), v.i64(), v.i64(), v.currency(), v.var(), v.var(), v.var());
            case EARNING -> {
                String partner = k.text();
                long hi = k.i64();
                long lo = k.i64();
                long at = v.var();
                Currency currency = v.currency();
                var refunded = v.ratio();
                int n = v.varInt();
                List<Earned> entries = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    String p = v.text();
                    String label = v.optText();
                    String ancestor = v.optText();
                    entries.add(new Earned(new EntryRef(p, label != null, label, ancestor), v.var(), v.ratio(), v.var()));
                }
                yield new EarningRecord(partner, hi, lo, at, currency, refunded, entries, v.ratio(), v.optDecimal());
            }
            case BOOK -> {
                String partner = k.text();
                List<String> open = new ArrayList<>();
                for (int i = v.varInt(); i > 0; i--) {
                    open.add(v.text());
                }
                List<Integer> bonuses = new ArrayList<>();
                for (int i = v.varInt(); i > 0; i--) {
                    bonuses.add(v.varInt());
                }
                Map<String, Long> paid = new TreeMap<>();
                for (int i = v.varInt(); i > 0; i--) {
                    paid.put(v.text(), v.var());
                }
                long next = v.var();
                List<String> caps = new ArrayList<>();
                for (int i = v.varInt(); i > 0; i--) {
                    caps.add(v.text());
                }
                yield new BookRecord(partner, open, bonuses, paid, next, caps);
            }
            case VOLUME -> new VolumeRecord(k.text(), k.text(), Period.values()[v.varInt()], v.var(), v.ratio(), v.decimal(), v.varInt(),
                    v.var());
            case RETRO -> {
                String partner = k.text();
                String label = k.text();
                int index = k.i32();
                String payment = v.text();
                long hi = v.i64();
                long lo = v.i64();
                String customer = v.text();
                long at = v.var();
                Currency currency = v.currency();
                String pricingKey = v.text();
                Metric metric = Metric.values()[v.varInt()];
                Period period = Period.values()[v.varInt()];
                int n = v.varInt();
                List<BigDecimal> aboves = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    aboves.add(v.decimal());
                }
                List<BigDecimal> amounts = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    amounts.add(v.decimal());
                }
                TierPricing pricing = new TierPricing(pricingKey, metric, period, aboves, amounts, v.varInt());
                yield new RetroRecord(partner, label, index, payment, hi, lo, customer, at, currency, pricing);
            }
            case CAP -> new CapRecord(k.text(), k.text(), k.text(), v.decimal());
            case OPEN -> new OpenEntryRecord(k.text(), k.currency(), k.i64(), v.text(), v.var(), v.var());
            case HOLD -> {
                String partner = k.text();
                String entry = k.text();
                Currency currency = v.currency();
                long at = v.var();
                List<HeldEntry> entries = new ArrayList<>();
                for (int i = v.varInt(); i > 0; i--) {
                    entries.add(new HeldEntry(v.var(), v.text(), v.var()));
                }
                List<String> ancestors = new ArrayList<>();
                for (int i = v.varInt(); i > 0; i--) {
                    ancestors.add(v.text());
                }
                yield new HoldRecord(partner, entry, currency, at, entries, ancestors, v.optText(), v.var(), v.var(), v.text(), v.text());
            }
            case PAYOUT -> new PayoutRecord(k.text(), k.text(), v.currency(), v.var(), v.var(), PayoutRecord.Status.values()[v.varInt()],
                    v.optText());
            case TAX -> {
                String partner = k.text();
                long formAt = v.var();
                Map<Integer, Map<String, Long>> paid = new TreeMap<>();
                for (int i = v.varInt(); i > 0; i--) {
                    int year = v.varInt();
                    Map<String, Long> byCurrency = new TreeMap<>();
                    for (int j = v.varInt(); j > 0; j--) {
                        byCurrency.put(v.text(), v.var());
                    }
                    paid.put(year, byCurrency);
                }
                yield new TaxRecord(partner, formAt, paid);
            }
            case RISK -> {
                String partner = k.text();
                List<Long> conversions = new ArrayList<>();
                for (int i = v.varInt(); i > 0; i--) {
                    conversions.add(v.var());
                }
                List<RiskRecord.Converted> last = new ArrayList<>();
                for (int i = v.varInt(); i > 0; i--) {
                    last.add(new RiskRecord.Converted(v.i64(), v.var(), v.bool()));
                }
                yield new RiskRecord(partner, conversions, last, v.varInt());
            }
            case CLICKS -> {
                long hi = k.i64();
                long lo = k.i64();
                List<String> partners = new ArrayList<>();
                List<Long> at = new ArrayList<>();
                for (int i = v.varInt(); i > 0; i--) {
                    partners.add(v.text());
                    at.add(v.var());
                }
                yield new ClicksRecord(hi, lo, partners, at);
            }
            case IDENTITY -> {
                long hi = k.i64();
                long lo = k.i64();
                List<String> partners = new ArrayList<>();
                List<Long> customers = new ArrayList<>();
                for (int i = v.varInt(); i > 0; i--) {
                    partners.add(v.text());
                    customers.add(v.i64());
                }
                yield new IdentityRecord(hi, lo, partners, customers);
            }
            case REGISTRATION -> {
                String id = k.text();
                String partner = v.text();
                List<String> keys = new ArrayList<>();
                for (int i = v.varInt(); i > 0; i--) {
                    keys.add(v.text());
                }
                yield new RegistrationRecord(id, partner, keys, v.var(), RegistrationRecord.Status.values()[v.varInt()], v.var(), v.var());
            }
            case PROSPECT -> new ProspectRecord(k.text(), v.text());
        };
        k.end();
        v.end();
        return record;
    }

    /**
     * Orders binary keys: unsigned lexicographic.
     *
     * @param a a key
     * @param b a key
     * @return negative, zero or positive
     */
    public static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }
}
