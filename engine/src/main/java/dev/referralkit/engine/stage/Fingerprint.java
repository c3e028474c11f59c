package dev.referralkit.engine.stage;

import dev.referralkit.event.Event;
import dev.referralkit.event.Lead;
import dev.referralkit.event.PartnerChange;
import dev.referralkit.event.Payment;
import dev.referralkit.event.PayoutRun;
import dev.referralkit.event.Refund;
import dev.referralkit.event.Touch;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A 32-bit fingerprint of an event's content, for idempotency: equal events (amounts are normalised
 * to their currency's scale when an event is built) have equal fingerprints, on every JVM. Computed
 * from the fields directly — FNV-1a over their characters and numbers — without writing JSON.
 */
public final class Fingerprint implements Event.Visitor<Void> {
    private static final long PRIME = 0x100000001b3L;
    private long hash = 0xcbf29ce484222325L;

    private Fingerprint() {
    }

    /**
     * @param event an event
     * @return the 32-bit fingerprint of its content (the two halves of a 64-bit FNV-1a hash folded)
     */
    public static int of(Event event) {
        Fingerprint f = new Fingerprint();
        f.text(event.typeName()).text(event.id()).instant(event.at());
        event.accept(f);
        return (int) (f.hash ^ (f.hash >>> 32));
    }

    private Fingerprint mix(long value) {
        for (int i = 0; i < 8; i++) {
            hash ^= (value >>> (8 * i)) & 0xff;
            hash *= PRIME;
        }
        return this;
    }

    private Fingerprint text(String s) {
        if (s == null) {
            return mix(-1L);
        }
        mix(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            hash ^= c & 0xff;
            hash *= PRIME;
            hash ^= c >>> 8;
            hash *= PRIME;
        }
        return this;
    }

    private Fingerprint instant(Instant at) {
        return mix(at.getEpochSecond()).mix(at.getNano());
    }

    private Fingerprint decimal(BigDecimal value) {
        if (value.precision() <= 18) {
            long unscaled = value.scale() == 0 ? value.longValueExact() : value.movePointRight(value.scale()).longValueExact();
            return mix(unscaled).mix(value.scale());
        }
        return text(value.unscaledValue().toString()).mix(value.scale());
    }

    private Fingerprint optional(Optional<String> value) {
        return text(value.orElse(null));
    }

    private Fingerprint map(Map<String, String> map) {
        mix(map.size());
        if (map.size() == 1) {
            map.forEach((k, v) -> text(k).text(v));
        } else if (map.size() > 1) {
            new TreeMap<>(map).forEach((k, v) -> text(k).text(v));
        }
        return this;
    }

    @Override
    public Void touch(Touch t) {
        text(t.partner()).text(t.customer()).text(t.channel().jsonName());
        return null;
    }

    @Override
    public Void lead(Lead l) {
        text(l.customer()).map(l.attributes());
        return null;
    }

    @Override
    public Void payment(Payment p) {
        text(p.customer()).decimal(p.amount()).text(p.currency().getCurrencyCode());
        if (p.tax().isPresent()) {
            decimal(p.tax().get());
        } else {
            mix(-2L);
        }
        optional(p.product()).map(p.attributes());
        return null;
    }

    @Override
    public Void refund(Refund r) {
        text(r.payment()).decimal(r.amount().stripTrailingZeros()).optional(r.customer());
        return null;
    }

    @Override
    public Void partner(PartnerChange c) {
        text(c.partner()).text(c.status().map(s -> s.jsonName()).orElse(null)).optional(c.group()).optional(c.parent());
        if (c.attributes().isPresent()) {
            map(c.attributes().get());
        } else {
            mix(-3L);
        }
        return null;
    }

    @Override
    public Void payoutRun(PayoutRun r) {
        return null;
    }
}
