package dev.referralkit.engine.stage;

import dev.referralkit.RejectionCode;
import dev.referralkit.engine.state.Bytes;
import dev.referralkit.event.Payment;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.ledger.Entry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The versioned binary form of {@link PartnerMessage}s, for a stream processor that repartitions them
 * from the customer stage to the partner stage: a format version byte ({@value #VERSION}), a kind byte,
 * then the message's fields (as {@link Bytes}; a payment event and a booked entry as their FORMATS.md
 * JSON). {@link #decode} refuses an unknown version or kind, and anything truncated or left over.
 */
public final class MessageCodec {
    /** The version of every message written by this code. */
    public static final int VERSION = 1;

    private static final int CLICK = 1;
    private static final int LEAD = 2;
    private static final int PAYMENT = 3;
    private static final int REFUNDED = 4;
    private static final int BOOKED = 5;
    private static final int CLOSE = 6;
    private static final int PAY = 7;
    private static final int STAGE = 8;
    private static final int NOTIFIED = 9;
    // docs/payouts.md; kinds from 32 on, leaving 10-31 to other messages
    private static final int SCREENED = 32;
    private static final int BOOKED_HELD = 33;
    private static final int HOLD_ENDED = 34;
    private static final int KEYED = 35;

    private MessageCodec() {
    }

    /**
     * @param message a message
     * @return its binary form
     */
    public static byte[] encode(PartnerMessage message) {
        Bytes.Writer w = new Bytes.Writer().u8(VERSION);
        write(w, message);
        return w.bytes();
    }

    private static void write(Bytes.Writer w, PartnerMessage message) {
        if (message instanceof PartnerMessage.Click m) {
            w.u8(CLICK).text(m.partner()).text(m.touch()).text(m.customer()).var(m.at());
        } else if (message instanceof PartnerMessage.LeadEarned m) {
            w.u8(LEAD).text(m.partner()).text(m.lead()).text(m.customer()).var(m.at()).ratio(m.weight()).var(m.boundAt());
            attributes(w, m.attributes());
        } else if (message instanceof PartnerMessage.PaymentEarned m) {
            w.u8(PAYMENT).text(m.partner()).text(ReferralKitJson.write(m.payment())).i64(m.paymentHi()).i64(m.paymentLo())
                    .var(m.share()).ratio(m.weight()).var(m.number()).var(m.firstPaymentAt()).bool(m.conversion()).bool(m.lockedOut())
                    .var(m.boundAt()).var(m.previousPaymentAt());
            attributes(w, m.attributes());
        } else if (message instanceof PartnerMessage.Refunded m) {
            w.u8(REFUNDED).text(m.partner()).text(m.refund()).var(m.at()).optText(m.customer()).text(m.payment()).i64(m.paymentHi())
                    .i64(m.paymentLo()).currency(m.currency()).var(m.amount()).var(m.refundedBefore()).var(m.refundedAfter());
        } else if (message instanceof PartnerMessage.Booked m) {
            w.u8(BOOKED).text(m.partner()).text(ReferralKitJson.write(m.entry()));
        } else if (message instanceof PartnerMessage.StageEarned m) {
            w.u8(STAGE).text(m.partner()).text(ReferralKitJson.write(m.event())).var(m.share()).ratio(m.weight()).bool(m.conversion())
                    .var(m.boundAt());
            attributes(w, m.attributes());
        } else if (message instanceof PartnerMessage.Notified m) {
            w.u8(NOTIFIED).text(m.partner());
            notification(w, m.notification());
        } else if (message instanceof PartnerMessage.Close m) {
            w.u8(CLOSE).text(m.partner()).text(m.run()).var(m.at());
        } else if (message instanceof PartnerMessage.Pay m) {
            w.u8(PAY).text(m.partner()).text(m.run()).var(m.at());
        } else if (message instanceof PartnerMessage.Screened m) {
            w.u8(SCREENED).text(m.partner()).var(m.touchAt());
            texts(w, m.sharedEmail());
            texts(w, m.sharedFingerprint());
            write(w, m.inner());
        } else if (message instanceof PartnerMessage.BookedHeld m) {
            w.u8(BOOKED_HELD).text(m.partner()).text(ReferralKitJson.write(m.entry())).text(m.owner()).text(m.hold()).text(m.check())
                    .text(m.code());
        } else if (message instanceof PartnerMessage.HoldEnded m) {
            w.u8(HOLD_ENDED).text(m.partner()).text(m.owner()).text(m.hold()).text(m.review()).var(m.at()).bool(m.voided());
        } else if (message instanceof PartnerMessage.Keyed m) {
            w.u8(KEYED).text(m.partner()).text(ReferralKitJson.write(m.event()));
        }
    }

    private static void texts(Bytes.Writer w, java.util.List<String> texts) {
        w.var(texts.size());
        texts.forEach(w::text);
    }

    private static java.util.List<String> texts(Bytes.Reader r) {
        java.util.List<String> list = new java.util.ArrayList<>();
        for (int i = r.varInt(); i > 0; i--) {
            list.add(r.text());
        }
        return list;
    }

    private static void attributes(Bytes.Writer w, Map<String, String> attributes) {
        w.var(attributes.size());
        new TreeMap<>(attributes).forEach((k, v) -> w.text(k).text(v));
    }

    private static Map<String, String> attributes(Bytes.Reader r) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = r.varInt(); i > 0; i--) {
            map.put(r.text(), r.text());
        }
        return map;
    }

    private static final int LEAD_RECEIVED = 1;
    private static final int STAGE_CHANGED = 2;
    private static final int LEVEL_CHANGED = 3;

    /** The notifications one stage sends another: lead received, stage changed, level changed. */
    private static void notification(Bytes.Writer w, Notification n) {
        if (n instanceof Notification.LeadReceived x) {
            w.u8(LEAD_RECEIVED).text(x.partner()).text(x.customer()).text(x.lead()).var(dev.referralkit.engine.state.Nanos.of(x.at()));
        } else if (n instanceof Notification.StageChanged x) {
            w.u8(STAGE_CHANGED).text(x.partner()).text(x.customer()).text(x.event()).text(x.from()).text(x.to())
                    .var(dev.referralkit.engine.state.Nanos.of(x.at()));
        } else if (n instanceof Notification.LevelChanged x) {
            w.u8(LEVEL_CHANGED).text(x.partner()).optText(x.from()).text(x.to()).text(x.why())
                    .var(dev.referralkit.engine.state.Nanos.of(x.at()));
        } else {
            throw new IllegalArgumentException("a " + n.getClass().getSimpleName() + " is not sent between stages");
        }
    }

    private static Notification notification(Bytes.Reader r) {
        return switch (r.u8()) {
            case LEAD_RECEIVED -> new Notification.LeadReceived(r.text(), r.text(), r.text(),
                    dev.referralkit.engine.state.Nanos.instant(r.var()));
            case STAGE_CHANGED -> new Notification.StageChanged(r.text(), r.text(), r.text(), r.text(), r.text(),
                    dev.referralkit.engine.state.Nanos.instant(r.var()));
            case LEVEL_CHANGED -> new Notification.LevelChanged(r.text(), r.optText(), r.text(), r.text(),
                    dev.referralkit.engine.state.Nanos.instant(r.var()));
            default -> throw new IllegalArgumentException("unknown notification kind");
        };
    }

    /**
     * @param bytes a message's binary form
     * @return the message
     * @throws IllegalArgumentException for an unknown version or kind, or malformed bytes
     */
    public static PartnerMessage decode(byte[] bytes) {
        if (bytes.length < 2) {
            throw new IllegalArgumentException("a partner message needs at least 2 bytes, has " + bytes.length);
        }
        if (bytes[0] != VERSION) {
            throw new IllegalArgumentException("partner message of version " + bytes[0] + "; this code reads version " + VERSION);
        }
        Bytes.Reader r = new Bytes.Reader(bytes, 1);
        PartnerMessage m = read(r);
        r.end();
        return m;
    }

    private static PartnerMessage read(Bytes.Reader r) {
        int kind = r.u8();
        return switch (kind) {
            case CLICK -> new PartnerMessage.Click(r.text(), r.text(), r.text(), r.var());
            case LEAD -> new PartnerMessage.LeadEarned(r.text(), r.text(), r.text(), r.var(), r.ratio(), r.var(), attributes(r));
            case PAYMENT -> new PartnerMessage.PaymentEarned(r.text(),
                    ReferralKitJson.read(r.text(), Payment.class, RejectionCode.INVALID_EVENT), r.i64(), r.i64(), r.var(), r.ratio(),
                    r.varInt(), r.var(), r.bool(), r.bool(), r.var(), r.var(), attributes(r));
            case REFUNDED -> new PartnerMessage.Refunded(r.text(), r.text(), r.var(), r.optText(), r.text(), r.i64(), r.i64(),
                    r.currency(), r.var(), r.var(), r.var());
            case BOOKED -> new PartnerMessage.Booked(r.text(), ReferralKitJson.read(r.text(), Entry.class, RejectionCode.INVALID_EVENT));
            case STAGE -> new PartnerMessage.StageEarned(r.text(),
                    ReferralKitJson.read(r.text(), dev.referralkit.event.LeadStage.class, RejectionCode.INVALID_EVENT), r.var(), r.ratio(),
                    r.bool(), r.var(), attributes(r));
            case NOTIFIED -> new PartnerMessage.Notified(r.text(), notification(r));
            case CLOSE -> new PartnerMessage.Close(r.text(), r.text(), r.var());
            case PAY -> new PartnerMessage.Pay(r.text(), r.text(), r.var());
            case SCREENED -> {
                String partner = r.text();
                long touchAt = r.var();
                java.util.List<String> email = texts(r);
                java.util.List<String> fingerprint = texts(r);
                yield new PartnerMessage.Screened(partner, read(r), touchAt, email, fingerprint);
            }
            case BOOKED_HELD -> new PartnerMessage.BookedHeld(r.text(), ReferralKitJson.read(r.text(), Entry.class,
                    RejectionCode.INVALID_EVENT), r.text(), r.text(), r.text(), r.text());
            case HOLD_ENDED -> new PartnerMessage.HoldEnded(r.text(), r.text(), r.text(), r.text(), r.var(), r.bool());
            case KEYED -> {
                String partner = r.text();
                dev.referralkit.event.Event event = ReferralKitJson.read(r.text(), dev.referralkit.event.Event.class, RejectionCode.INVALID_EVENT);
                if (!(event instanceof dev.referralkit.event.PartnerEvent e)) {
                    throw new IllegalArgumentException("a keyed partner message holds a partner event, not a " + event.typeName());
                }
                yield new PartnerMessage.Keyed(partner, e);
            }
            default -> throw new IllegalArgumentException("unknown partner message kind " + kind);
        };
    }
}
