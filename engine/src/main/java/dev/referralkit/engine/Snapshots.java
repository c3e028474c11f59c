package dev.referralkit.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.event.Event;
import dev.referralkit.event.Touch;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.ledger.Credit;
import dev.referralkit.ledger.EntryKind;
import dev.referralkit.money.Currencies;
import dev.referralkit.money.Money;
import dev.referralkit.money.Ratio;
import dev.referralkit.program.Metric;
import dev.referralkit.program.Partner;
import dev.referralkit.program.Period;
import dev.referralkit.reward.TierPricing;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;

/**
 * The snapshot format (version 1): the engine's whole state as one JSON document with sorted keys,
 * exact ratios ({@code "1/3"}) and entries in FORMATS.md §3 form. Restoring rebuilds the same state;
 * explanations come back as their text, which is all that entries ever show.
 */
final class Snapshots {
    static final String FORMAT = "referralkit-snapshot/1";

    private Snapshots() {
    }

    // ------------------------------------------------------------------ writing

    static String write(ReferralEngine engine) {
        ObjectNode root = ReferralKitJson.mapper().createObjectNode();
        root.put("format", FORMAT);
        root.put("program", Long.toHexString(programFingerprint(engine)));
        root.put("lastPayoutRun", engine.lastPayoutRun == null ? null : engine.lastPayoutRun.toString());
        ObjectNode accepted = root.putObject("accepted");
        engine.accepted.forEachSortedLong((key, f) -> accepted.put(key, Long.toHexString(f)));
        ArrayNode partners = root.putArray("partners");
        engine.partners.partners.values().forEach(p -> partners.add(tree(p)));
        ObjectNode changes = root.putObject("partnerChanges");
        new TreeMap<>(engine.partners.lastChange).forEach((id, at) -> changes.put(id, at.toString()));
        ObjectNode customers = root.putObject("customers");
        new TreeMap<>(engine.customers.customers).forEach((id, c) -> customers.set(id, customer(c)));
        ObjectNode refundable = root.putObject("refundable");
        engine.customers.payments.forEachSorted((key, r) -> {
            ObjectNode n = refundable.putObject(key);
            n.put("customer", r.customer);
            n.put("currency", r.currency.getCurrencyCode());
            n.put("amount", r.amount().amount().toPlainString());
            n.put("refunded", r.refunded().amount().toPlainString());
        });
        ObjectNode books = root.putObject("books");
        new TreeMap<>(engine.ledger.books).forEach((id, b) -> books.set(id, book(b)));
        ObjectNode payments = root.putObject("payments");
        engine.ledger.payments.forEachSorted((key, p) -> payments.set(key, paymentBook(p)));
        return ReferralKitJson.write(root);
    }

    private static JsonNode tree(Object value) {
        return ReferralKitJson.mapper().valueToTree(value);
    }

    private static String ratio(Ratio r) {
        return r.numerator() + "/" + r.denominator();
    }

    private static ObjectNode customer(CustomerStage.CustomerState c) {
        ObjectNode n = ReferralKitJson.mapper().createObjectNode();
        n.put("lastAt", c.lastAt() == null ? null : c.lastAt().toString());
        if (c.touches != null) {
            ArrayNode touches = n.putArray("touches");
            c.touches.forEach(t -> touches.add(tree(t)));
        }
        if (c.manual != null) {
            ArrayNode manual = n.putArray("manual");
            c.manual.values().forEach(t -> manual.add(tree(t)));
        }
        n.put("pruned", c.pruned);
        if (c.credits != null) {
            ArrayNode credits = n.putArray("credits");
            c.credits.forEach(cr -> credits.addObject().put("partner", cr.partner()).put("weight", ratio(cr.weight())));
            n.put("boundAt", c.boundAt().toString());
        }
        n.put("leadSeen", c.leadSeen);
        n.put("payments", c.payments);
        n.put("firstPaymentAt", c.firstPaymentAt() == null ? null : c.firstPaymentAt().toString());
        if (c.attributes != null) {
            ObjectNode attributes = n.putObject("attributes");
            c.attributes.forEach(attributes::put);
        }
        return n;
    }

    private static ObjectNode book(PartnerStage.Book b) {
        ObjectNode n = ReferralKitJson.mapper().createObjectNode();
        ObjectNode periods = n.putObject("periods");
        new TreeMap<>(b.periods).forEach((label, p) -> {
            ObjectNode pn = periods.putObject(label);
            pn.put("period", p.period.jsonName());
            pn.put("end", p.end.toString());
            pn.put("conversions", ratio(p.conversions));
            pn.put("revenue", p.revenue.toPlainString());
            ArrayNode retro = pn.putArray("retro");
            for (PartnerStage.Retro r : p.retro) {
                ObjectNode rn = retro.addObject();
                rn.put("payment", r.paymentId);
                rn.put("customer", r.customer);
                rn.put("at", r.paymentAt.toString());
                rn.put("currency", r.currency.getCurrencyCode());
                rn.put("key", r.pricing.key());
                rn.put("metric", r.pricing.metric().jsonName());
                rn.put("period", r.pricing.period().jsonName());
                ArrayNode aboves = rn.putArray("aboves");
                r.pricing.aboves().forEach(a -> aboves.add(a.toPlainString()));
                ArrayNode amounts = rn.putArray("amounts");
                r.pricing.amountsByTier().forEach(a -> amounts.add(a.toPlainString()));
                rn.put("tier", r.pricing.tier());
            }
        });
        ObjectNode caps = n.putObject("caps");
        new TreeMap<>(b.capUsed).forEach((k, v) -> caps.put(k, v.toPlainString()));
        ObjectNode unsettled = n.putObject("unsettled");
        b.unsettled.forEach((code, entries) -> {
            ArrayNode list = unsettled.putArray(code);
            entries.forEach(e -> list.addObject().put("id", e.id).put("amount", e.amountMinor).put("availableAt", e.availableAt.toString()));
        });
        ArrayNode bonuses = n.putArray("lifetimeBonuses");
        new java.util.TreeSet<>(b.lifetimeBonuses).forEach(bonuses::add);
        ObjectNode paid = n.putObject("paid");
        b.paid.forEach((code, v) -> paid.put(code, v.toPlainString()));
        return n;
    }

    private static ObjectNode paymentBook(PartnerStage.PaymentBook p) {
        ObjectNode n = ReferralKitJson.mapper().createObjectNode();
        n.put("refunded", ratio(p.refunded));
        ArrayNode entries = n.putArray("entries");
        for (PartnerStage.Reversible r : p.entries) {
            ObjectNode e = entries.addObject();
            e.put("partner", r.partner);
            e.put("suffix", r.suffix);
            e.put("kind", r.kind.name());
            e.put("customer", r.customer);
            e.put("currency", r.currency.getCurrencyCode());
            e.put("amount", r.amountMinor);
            e.put("availableAt", r.availableAt().toString());
            e.put("baseFraction", ratio(r.baseFraction));
            e.put("reversed", r.reversedMinor);
        }
        ArrayNode volumes = n.putArray("volumes");
        for (PartnerStage.VolumeShare v : p.volumes()) {
            ObjectNode vn = volumes.addObject();
            vn.put("partner", v.partner);
            vn.put("at", v.at.toString());
            vn.put("conversions", ratio(v.conversions));
            vn.put("revenue", v.revenue == null ? null : v.revenue.toPlainString());
        }
        return n;
    }

    static long programFingerprint(ReferralEngine engine) {
        String json = ReferralKitJson.write(engine.program);
        long hash = 0xcbf29ce484222325L;
        for (byte b : json.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    // ------------------------------------------------------------------ reading

    static void read(ReferralEngine engine, String snapshot) {
        try {
            JsonNode root = ReferralKitJson.readTree(snapshot, RejectionCode.INVALID_PROGRAM);
            if (!FORMAT.equals(root.path("format").asText())) {
                throw invalid("format", "is not " + FORMAT);
            }
            if (!Long.toHexString(programFingerprint(engine)).equals(root.path("program").asText())) {
                throw invalid("program", "the snapshot was made with another program");
            }
            engine.lastPayoutRun = instant(root.get("lastPayoutRun"));
            root.path("accepted").fields().forEachRemaining(e ->
                    engine.accepted.putHashedLong(e.getKey(), Long.parseUnsignedLong(e.getValue().asText(), 16)));
            for (JsonNode p : root.path("partners")) {
                engine.partners.put(ReferralKitJson.read(p, Partner.class, RejectionCode.INVALID_PROGRAM));
            }
            root.path("partnerChanges").fields().forEachRemaining(e -> engine.partners.lastChange.put(e.getKey(), instant(e.getValue())));
            engine.ledger.declareVolumes();
            root.path("customers").fields().forEachRemaining(e -> engine.customers.customers.put(e.getKey(), customer(e.getKey(), e.getValue())));
            root.path("refundable").fields().forEachRemaining(e -> {
                JsonNode n = e.getValue();
                Currency currency = Currencies.of("currency", n.get("currency").asText());
                CustomerStage.PaymentRecord r = new CustomerStage.PaymentRecord(n.get("customer").asText(),
                        Money.of(new BigDecimal(n.get("amount").asText()), currency));
                r.refundedMinor = Money.of(new BigDecimal(n.get("refunded").asText()), currency).toMinorUnits();
                engine.customers.payments.putHashed(e.getKey(), r);
            });
            root.path("books").fields().forEachRemaining(e -> engine.ledger.books.put(e.getKey(), book(e.getValue())));
            root.path("payments").fields().forEachRemaining(e -> engine.ledger.payments.putHashed(e.getKey(), paymentBook(e.getValue())));
        } catch (ReferralKitException e) {
            throw e.recoded(RejectionCode.INVALID_PROGRAM, "snapshot");
        } catch (RuntimeException e) {
            throw invalid("snapshot", "is malformed: " + e);
        }
    }

    private static ReferralKitException invalid(String field, String problem) {
        return ReferralKitException.of(RejectionCode.INVALID_PROGRAM, field, null, field + " " + problem);
    }

    private static Instant instant(JsonNode n) {
        return n == null || n.isNull() ? null : Instant.parse(n.asText());
    }

    private static Ratio ratio(String text) {
        int slash = text.indexOf('/');
        return Ratio.of(new BigInteger(text.substring(0, slash)), new BigInteger(text.substring(slash + 1)));
    }

    private static Touch touch(JsonNode n) {
        return (Touch) ReferralKitJson.read(n, Event.class, RejectionCode.INVALID_PROGRAM);
    }

    private static CustomerStage.CustomerState customer(String id, JsonNode n) {
        CustomerStage.CustomerState c = new CustomerStage.CustomerState();
        c.id = id;
        Instant lastAt = instant(n.get("lastAt"));
        if (lastAt != null) {
            c.lastAt(lastAt);
        }
        if (n.has("touches")) {
            c.touches = new ArrayList<>();
            for (JsonNode t : n.get("touches")) {
                c.touches.add(touch(t));
            }
        }
        if (n.has("manual")) {
            c.manual = new LinkedHashMap<>();
            for (JsonNode t : n.get("manual")) {
                Touch m = touch(t);
                c.manual.put(m.partner(), m);
            }
        }
        c.pruned = n.path("pruned").asInt();
        if (n.has("credits")) {
            List<Credit> credits = new ArrayList<>();
            for (JsonNode cr : n.get("credits")) {
                credits.add(Credit.of(cr.get("partner").asText(), ratio(cr.get("weight").asText())));
            }
            c.credits = List.copyOf(credits);
            c.boundAt(instant(n.get("boundAt")));
        }
        c.leadSeen = n.path("leadSeen").asBoolean();
        c.payments = n.path("payments").asInt();
        Instant firstPayment = instant(n.get("firstPaymentAt"));
        if (firstPayment != null) {
            c.firstPaymentAt(firstPayment);
        }
        if (n.has("attributes")) {
            c.attributes = new LinkedHashMap<>();
            n.get("attributes").fields().forEachRemaining(e -> c.attributes.put(e.getKey(), e.getValue().asText()));
        }
        return c;
    }

    private static PartnerStage.Book book(JsonNode n) {
        PartnerStage.Book b = new PartnerStage.Book();
        n.path("periods").fields().forEachRemaining(e -> {
            JsonNode pn = e.getValue();
            PartnerStage.PeriodState p = new PartnerStage.PeriodState(Period.fromJson(pn.get("period").asText()), e.getKey(),
                    Instant.parse(pn.get("end").asText()));
            p.conversions = ratio(pn.get("conversions").asText());
            p.revenue = new BigDecimal(pn.get("revenue").asText());
            for (JsonNode rn : pn.path("retro")) {
                List<BigDecimal> aboves = new ArrayList<>();
                rn.path("aboves").forEach(a -> aboves.add(new BigDecimal(a.asText())));
                List<BigDecimal> amounts = new ArrayList<>();
                rn.path("amounts").forEach(a -> amounts.add(new BigDecimal(a.asText())));
                TierPricing pricing = new TierPricing(rn.get("key").asText(), Metric.fromJson(rn.get("metric").asText()),
                        Period.fromJson(rn.get("period").asText()), aboves, amounts, rn.get("tier").asInt());
                p.retro.add(new PartnerStage.Retro(rn.get("payment").asText(), rn.get("customer").asText(),
                        Instant.parse(rn.get("at").asText()), Currency.getInstance(rn.get("currency").asText()), pricing));
            }
            b.periods.put(e.getKey(), p);
        });
        n.path("caps").fields().forEachRemaining(e -> b.capUsed.put(e.getKey(), new BigDecimal(e.getValue().asText())));
        n.path("unsettled").fields().forEachRemaining(e -> {
            List<PartnerStage.Unsettled> entries = new ArrayList<>();
            for (Iterator<JsonNode> it = e.getValue().elements(); it.hasNext();) {
                JsonNode u = it.next();
                entries.add(new PartnerStage.Unsettled(u.get("id").asText(), u.get("amount").asLong(), Instant.parse(u.get("availableAt").asText())));
            }
            b.unsettled.put(e.getKey(), entries);
        });
        n.path("lifetimeBonuses").forEach(i -> b.lifetimeBonuses.add(i.asInt()));
        n.path("paid").fields().forEachRemaining(e -> b.paid.put(e.getKey(), new BigDecimal(e.getValue().asText())));
        return b;
    }

    private static PartnerStage.PaymentBook paymentBook(JsonNode n) {
        PartnerStage.PaymentBook p = new PartnerStage.PaymentBook();
        p.refunded = ratio(n.get("refunded").asText());
        for (JsonNode e : n.path("entries")) {
            PartnerStage.Reversible r = new PartnerStage.Reversible(e.get("partner").asText(),
                    e.get("suffix").isNull() ? null : e.get("suffix").asText(), EntryKind.valueOf(e.get("kind").asText()),
                    e.get("customer").isNull() ? null : e.get("customer").asText(), Currency.getInstance(e.get("currency").asText()),
                    e.get("amount").asLong(), Instant.parse(e.get("availableAt").asText()), ratio(e.get("baseFraction").asText()));
            r.reversedMinor = e.get("reversed").asLong();
            p.entries.add(r);
        }
        for (JsonNode v : n.path("volumes")) {
            if (p.volumes == null) {
                p.volumes = new ArrayList<>(1);
            }
            p.volumes.add(new PartnerStage.VolumeShare(v.get("partner").asText(), Instant.parse(v.get("at").asText()),
                    ratio(v.get("conversions").asText()), v.get("revenue").isNull() ? null : new BigDecimal(v.get("revenue").asText())));
        }
        return p;
    }

}
