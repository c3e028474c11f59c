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

    private MessageCodec() {
    }

    /**
     * @param message a message
     * @return its binary form
     */
    public static byte[] encode(PartnerMessage message) {
        Bytes.Writer w = new Bytes.Writer().u8(VERSION);
        if (message instanceof PartnerMessage.Click m) {
            w.u8(CLICK).text(m.partner()).text(m.touch()).text(m.customer()).var(m.at());
        } else if (message instanceof PartnerMessage.LeadEarned m) {
            w.u8(LEAD).text(m.partner()).text(m.lead()).text(m.customer()).var(m.at()).ratio(m.weight());
            attributes(w, m.attributes());
        } else if (message instanceof PartnerMessage.PaymentEarned m) {
            w.u8(PAYMENT).text(m.partner()).text(ReferralKitJson.write(m.payment())).i64(m.paymentHi()).i64(m.paymentLo())
                    .var(m.share()).ratio(m.weight()).var(m.number()).var(m.firstPaymentAt()).bool(m.conversion()).bool(m.lockedOut());
            attributes(w, m.attributes());
        } else if (message instanceof PartnerMessage.Refunded m) {
            w.u8(REFUNDED).text(m.partner()).text(m.refund()).var(m.at()).optText(m.customer()).text(m.payment()).i64(m.paymentHi())
                    .i64(m.paymentLo()).currency(m.currency()).var(m.amount()).var(m.refundedBefore()).var(m.refundedAfter());
        } else if (message instanceof PartnerMessage.Booked m) {
            w.u8(BOOKED).text(m.partner()).text(ReferralKitJson.write(m.entry()));
        } else if (message instanceof PartnerMessage.Close m) {
            w.u8(CLOSE).text(m.partner()).text(m.run()).var(m.at());
        } else if (message instanceof PartnerMessage.Pay m) {
            w.u8(PAY).text(m.partner()).text(m.run()).var(m.at());
        }
        return w.bytes();
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
        Bytes.Reader r = new Bytes.Reader(bytes, 2);
        PartnerMessage m = switch (bytes[1]) {
            case CLICK -> new PartnerMessage.Click(r.text(), r.text(), r.text(), r.var());
            case LEAD -> new PartnerMessage.LeadEarned(r.text(), r.text(), r.text(), r.var(), r.ratio(), attributes(r));
            case PAYMENT -> new PartnerMessage.PaymentEarned(r.text(),
                    ReferralKitJson.read(r.text(), Payment.class, RejectionCode.INVALID_EVENT), r.i64(), r.i64(), r.var(), r.ratio(),
                    r.varInt(), r.var(), r.bool(), r.bool(), attributes(r));
            case REFUNDED -> new PartnerMessage.Refunded(r.text(), r.text(), r.var(), r.optText(), r.text(), r.i64(), r.i64(),
                    r.currency(), r.var(), r.var(), r.var());
            case BOOKED -> new PartnerMessage.Booked(r.text(), ReferralKitJson.read(r.text(), Entry.class, RejectionCode.INVALID_EVENT));
            case CLOSE -> new PartnerMessage.Close(r.text(), r.text(), r.var());
            case PAY -> new PartnerMessage.Pay(r.text(), r.text(), r.var());
            default -> throw new IllegalArgumentException("unknown partner message kind " + bytes[1]);
        };
        r.end();
        return m;
    }
}
