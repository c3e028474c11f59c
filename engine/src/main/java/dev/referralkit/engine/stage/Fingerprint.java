package dev.referralkit.engine.stage;

import dev.referralkit.event.Event;
import dev.referralkit.event.Lead;
import dev.referralkit.event.PartnerChange;
import dev.referralkit.event.Payment;
import dev.referralkit.event.Refund;
import dev.referralkit.event.Touch;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A 32-bit fingerprint of an event's content, for idempotency (SPEC.md §3): equal events (amounts are
 * normalised to their currency's scale when an event is built) have equal fingerprints, on every JVM.
 * Computed from the fields directly — each value mixed in with a multiply and a rotation — without writing
 * JSON and without allocating.
 */
public final class Fingerprint {
    private static final long K = 0x9E3779B97F4A7C15L;

    private Fingerprint() {
    }

    /**
     * @param event an event
     * @return the 32-bit fingerprint of its content (the two halves of a 64-bit hash folded)
     */
    public static int of(Event event) {
        long h = 0xCBF29CE484222325L;
        h = text(h, event.typeName());
        h = text(h, event.id());
        h = instant(h, event.at());
        if (event instanceof Payment p) {
            h = text(h, p.customer());
            h = decimal(h, p.amount());
            h = text(h, p.currency().getCurrencyCode());
            h = p.tax().isPresent() ? decimal(h, p.tax().get()) : mix(h, -2L);
            h = optional(h, p.product());
            h = map(h, p.attributes());
        } else if (event instanceof Touch t) {
            h = text(h, t.partner());
            h = text(h, t.customer());
            h = mix(h, t.channel().ordinal());
        } else if (event instanceof Lead l) {
            h = text(h, l.customer());
            h = map(h, l.attributes());
        } else if (event instanceof Refund r) {
            h = text(h, r.payment());
            h = decimal(h, r.amount().stripTrailingZeros());
            h = optional(h, r.customer());
        } else if (event instanceof PartnerChange c) {
            h = text(h, c.partner());
            h = text(h, c.status().map(s -> s.jsonName()).orElse(null));
            h = optional(h, c.group());
            h = optional(h, c.parent());
            h = c.attributes().isPresent() ? map(h, c.attributes().get()) : mix(h, -3L);
        } else if (event instanceof dev.referralkit.event.Review r) {
            h = text(h, r.partner());
            h = text(h, r.entry());
            h = mix(h, r.decision().ordinal());
            h = optional(h, r.note());
        } else if (event instanceof dev.referralkit.event.PayoutConfirmed c) {
            h = text(h, c.partner());
            h = text(h, c.payout());
            h = optional(h, c.reference());
        } else if (event instanceof dev.referralkit.event.PayoutFailed f) {
            h = text(h, f.partner());
            h = text(h, f.payout());
            h = text(h, f.reason());
        } else if (event instanceof dev.referralkit.event.TaxForm t) {
            h = text(h, t.partner());
            h = optional(h, t.form());
        }
        h ^= h >>> 31;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 29;
        return (int) (h ^ (h >>> 32));
    }

    private static long mix(long h, long value) {
        return Long.rotateLeft((h ^ value) * K, 23);
    }

    private static long text(long h, String s) {
        if (s == null) {
            return mix(h, -1L);
        }
        h = mix(h, s.length());
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * K;
        }
        return Long.rotateLeft(h, 17);
    }

    private static long instant(long h, Instant at) {
        return mix(mix(h, at.getEpochSecond()), at.getNano());
    }

    private static long decimal(long h, BigDecimal value) {
        if (value.precision() <= 18) {
            long unscaled = value.scale() == 0 ? value.longValueExact() : value.movePointRight(value.scale()).longValueExact();
            return mix(mix(h, unscaled), value.scale());
        }
        return mix(text(h, value.unscaledValue().toString()), value.scale());
    }

    private static long optional(long h, Optional<String> value) {
        return text(h, value.orElse(null));
    }

    private static long map(long h, Map<String, String> map) {
        h = mix(h, map.size());
        if (map.size() == 1) {
            for (Map.Entry<String, String> e : map.entrySet()) {
                h = text(text(h, e.getKey()), e.getValue());
            }
        } else if (map.size() > 1) {
            for (Map.Entry<String, String> e : new TreeMap<>(map).entrySet()) {
                h = text(text(h, e.getKey()), e.getValue());
            }
        }
        return h;
    }
}
