package dev.referralkit.examples.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.referralkit.RejectionCode;
import dev.referralkit.event.Channel;
import dev.referralkit.event.Event;
import dev.referralkit.event.ImmutableLead;
import dev.referralkit.event.ImmutablePayment;
import dev.referralkit.event.ImmutableRefund;
import dev.referralkit.event.ImmutableTouch;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.money.Currencies;
import dev.referralkit.money.Decimals;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The fast path for one events-file line: the common event types ({@code touch}, {@code payment},
 * {@code refund}, {@code lead}) read without a tree and without data binding, into the same value the mapper
 * gives ({@code equals}), built by the same builders and scalar readers (so their checks run). Two readers:
 * {@link #readPlain} scans an ASCII line without escapes itself (the usual line, and the fastest way);
 * {@link #read(byte[], int, int)} and {@link #read(String)} use a streaming parser of the shared mapper's factory
 * (same stream limits, duplicate keys refused) for the rest.
 *
 * <p>It <em>declines</em> (returns null) whenever it is not sure: another type, a key it does not handle or
 * gives twice, a value that is not a JSON string where one is expected (a number, null, a boolean, an array),
 * a value the scalar readers or the builder refuse, a parse error, a trailing token. The line then goes
 * through {@link EventLine}'s data-binding path unchanged, which alone decides what is refused and how the
 * refusal reads. So the fast path never accepts what that path refuses, and never gives a different value
 * (checked by {@code EventReaderProperties}).
 */
final class EventReader {
    private static final JsonFactory FACTORY = ReferralKitJson.mapper().getFactory();

    // the keys, one bit each
    private static final int TYPE = 1;
    private static final int ID = 1 << 1;
    private static final int AT = 1 << 2;
    private static final int PARTNER = 1 << 3;
    private static final int CUSTOMER = 1 << 4;
    private static final int CHANNEL = 1 << 5;
    private static final int AMOUNT = 1 << 6;
    private static final int CURRENCY = 1 << 7;
    private static final int TAX = 1 << 8;
    private static final int PRODUCT = 1 << 9;
    private static final int ATTRIBUTES = 1 << 10;
    private static final int PAYMENT = 1 << 11;

    private static final int TOUCH_KEYS = TYPE | ID | AT | PARTNER | CUSTOMER | CHANNEL;
    private static final int TOUCH_REQUIRED = TOUCH_KEYS;
    private static final int PAYMENT_KEYS = TYPE | ID | AT | CUSTOMER | AMOUNT | CURRENCY | TAX | PRODUCT | ATTRIBUTES;
    private static final int PAYMENT_REQUIRED = TYPE | ID | AT | CUSTOMER | AMOUNT | CURRENCY;
    private static final int REFUND_KEYS = TYPE | ID | AT | PAYMENT | AMOUNT | CUSTOMER;
    private static final int REFUND_REQUIRED = TYPE | ID | AT | PAYMENT | AMOUNT;
    private static final int LEAD_KEYS = TYPE | ID | AT | CUSTOMER | ATTRIBUTES;
    private static final int LEAD_REQUIRED = TYPE | ID | AT | CUSTOMER;

    private EventReader() {
    }

    /**
     * @param bytes the line's bytes, UTF-8 (the caller has checked them)
     * @return the event, or null when the fast path declines
     */
    static Event read(byte[] bytes, int offset, int length) {
        try (JsonParser p = FACTORY.createParser(bytes, offset, length)) {
            return read(p);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Reads a plain ASCII line without Jackson: printable ASCII strings without escapes, spaces and tabs between
     * tokens, nothing else (a strict subset of JSON, on which a JSON parser gives the same strings). Anything
     * else declines.
     *
     * @param bytes the line's bytes
     * @return the event, or null when this path declines
     */
    static Event readPlain(byte[] bytes, int offset, int length) {
        if (length > MAX_PLAIN_LINE) {
            return null;
        }
        try {
            return new Plain(bytes, offset, offset + length).read();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * @param line the line's text
     * @return the event, or null when the fast path declines
     */
    static Event read(String line) {
        try (JsonParser p = FACTORY.createParser(line)) {
            return read(p);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The fields of one line as read, before the builder sees them. */
    private static final class Fields {
        int seen;
        String type;
        String id;
        String at;
        String partner;
        String customer;
        String channel;
        String amount;
        String currency;
        String tax;
        String product;
        String payment;
        /** Keys and values in the order given; null when there is no {@code attributes} key. */
        List<String> attributes;
    }

    /** Longer lines are left to Jackson, which applies the mapper's string limit. */
    private static final int MAX_PLAIN_LINE = 1 << 16;
    /** Longer attribute keys are left to Jackson, which applies the mapper's limit on names (256). */
    private static final int MAX_PLAIN_KEY = 128;

    /** The scanner of {@link #readPlain}: a cursor over one line; every method returns false (or null) to decline. */
    private static final class Plain {
        private final byte[] b;
        private final int end;
        private int i;

        Plain(byte[] b, int from, int end) {
            this.b = b;
            this.i = from;
            this.end = end;
        }

        Event read() {
            Fields f = new Fields();
            space();
            if (!take('{')) {
                return null;
            }
            do {
                space();
                int keyStart = i + 1;
                int keyEnd = string();
                if (keyEnd < 0) {
                    return null;
                }
                int bit = bit(b, keyStart, keyEnd - keyStart);
                if (bit == 0 || (f.seen & bit) != 0) {
                    return null;
                }
                f.seen |= bit;
                space();
                if (!take(':')) {
                    return null;
                }
                space();
                if (bit == ATTRIBUTES) {
                    if (!attributes(f)) {
                        return null;
                    }
                } else {
                    String value = value();
                    if (value == null || !set(f, bit, value)) {
                        return null;
                    }
                }
                space();
            } while (take(','));
            if (!take('}')) {
                return null;
            }
            space();
            return i == end ? build(f) : null;
        }

        /** Skips spaces and tabs; @return true (for use in conditions) */
        private boolean space() {
            while (i < end && (b[i] == ' ' || b[i] == '\t')) {
                i++;
            }
            return true;
        }

        private boolean take(char c) {
            if (i < end && b[i] == c) {
                i++;
                return true;
            }
            return false;
        }

        /** Reads a string at the cursor: @return the index of its closing quote, or -1 to decline. */
        private int string() {
            if (!take('"')) {
                return -1;
            }
            while (i < end) {
                byte c = b[i];
                if (c == '"') {
                    return i++;
                }
                if (c < 0x20 || c > 0x7E || c == '\\') {
                    return -1;     // a control character, an escape: Jackson decides
                }
                i++;
            }
            return -1;
        }

        private String value() {
            int start = i + 1;
            int close = string();
            return close < 0 ? null : new String(b, start, close - start, StandardCharsets.ISO_8859_1);
        }

        private boolean attributes(Fields f) {
            if (!take('{')) {
                return false;
            }
            List<String> pairs = new ArrayList<>();
            space();
            if (!take('}')) {
                do {
                    space();
                    String key = value();
                    if (key == null || key.length() > MAX_PLAIN_KEY) {
                        return false;   // the mapper refuses keys over 256 characters: Jackson decides near that
                    }
                    for (int k = 0; k < pairs.size(); k += 2) {
                        if (pairs.get(k).equals(key)) {
                            return false;   // a duplicate key: the mapper refuses it
                        }
                    }
                    space();
                    if (!take(':')) {
                        return false;
                    }
                    space();
                    String value = value();
                    if (value == null) {
                        return false;
                    }
                    pairs.add(key);
                    pairs.add(value);
                    space();
                } while (take(','));
                if (!take('}')) {
                    return false;
                }
            }
            f.attributes = pairs;
            return true;
        }
    }

    /** The bit of a key given as ASCII bytes, 0 for a key not handled. */
    private static int bit(byte[] b, int from, int length) {
        return switch (length) {
            case 2 -> is(b, from, "id") ? ID : is(b, from, "at") ? AT : 0;
            case 3 -> is(b, from, "tax") ? TAX : 0;
            case 4 -> is(b, from, "type") ? TYPE : 0;
            case 6 -> is(b, from, "amount") ? AMOUNT : 0;
            case 7 -> is(b, from, "partner") ? PARTNER : is(b, from, "channel") ? CHANNEL : is(b, from, "product") ? PRODUCT
                    : is(b, from, "payment") ? PAYMENT : 0;
            case 8 -> is(b, from, "customer") ? CUSTOMER : is(b, from, "currency") ? CURRENCY : 0;
            case 10 -> is(b, from, "attributes") ? ATTRIBUTES : 0;
            default -> 0;
        };
    }

    /** @return whether the bytes from {@code from} spell {@code key} (ASCII, of the length already checked) */
    private static boolean is(byte[] b, int from, String key) {
        for (int k = 0; k < key.length(); k++) {
            if (b[from + k] != key.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** Sets a string field; false for a key that holds an object. */
    private static boolean set(Fields f, int bit, String value) {
        switch (bit) {
            case TYPE -> f.type = value;
            case ID -> f.id = value;
            case AT -> f.at = value;
            case PARTNER -> f.partner = value;
            case CUSTOMER -> f.customer = value;
            case CHANNEL -> f.channel = value;
            case AMOUNT -> f.amount = value;
            case CURRENCY -> f.currency = value;
            case TAX -> f.tax = value;
            case PRODUCT -> f.product = value;
            case PAYMENT -> f.payment = value;
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Builds the event the fields describe, or null (decline) when they are not one of the types handled. */
    private static Event build(Fields f) {
        if (f.type == null) {
            return null;
        }
        return switch (f.type) {
            case "touch" -> touch(f);
            case "payment" -> payment(f);
            case "refund" -> refund(f);
            case "lead" -> lead(f);
            default -> null;
        };
    }

    private static Event read(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        Fields f = new Fields();
        String key;
        while ((key = p.nextFieldName()) != null) {
            int bit = bit(key);
            if (bit == 0 || (f.seen & bit) != 0) {
                return null;
            }
            f.seen |= bit;
            if (bit == ATTRIBUTES) {
                if (p.nextToken() != JsonToken.START_OBJECT || !readAttributes(p, f)) {
                    return null;
                }
                continue;
            }
            if (p.nextToken() != JsonToken.VALUE_STRING) {
                return null;
            }
            if (!set(f, bit, p.getText())) {
                return null;
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
            return null;    // a trailing token: the mapper refuses it
        }
        return build(f);
    }

    private static int bit(String key) {
        return switch (key) {
            case "type" -> TYPE;
            case "id" -> ID;
            case "at" -> AT;
            case "partner" -> PARTNER;
            case "customer" -> CUSTOMER;
            case "channel" -> CHANNEL;
            case "amount" -> AMOUNT;
            case "currency" -> CURRENCY;
            case "tax" -> TAX;
            case "product" -> PRODUCT;
            case "attributes" -> ATTRIBUTES;
            case "payment" -> PAYMENT;
            default -> 0;
        };
    }

    /** Reads an object of string values; false (decline) at anything else. Duplicate keys fail in the parser. */
    private static boolean readAttributes(JsonParser p, Fields f) throws IOException {
        List<String> pairs = new ArrayList<>();
        String key;
        while ((key = p.nextFieldName()) != null) {
            if (p.nextToken() != JsonToken.VALUE_STRING) {
                return false;
            }
            pairs.add(key);
            pairs.add(p.getText());
        }
        if (p.currentToken() != JsonToken.END_OBJECT) {
            return false;
        }
        f.attributes = pairs;
        return true;
    }

    private static boolean has(Fields f, int keys, int required) {
        return (f.seen & ~keys) == 0 && (f.seen & required) == required;
    }

    private static Event touch(Fields f) {
        if (!has(f, TOUCH_KEYS, TOUCH_REQUIRED)) {
            return null;
        }
        return ImmutableTouch.builder()
                .id(f.id)
                .at(ReferralKitJson.parseInstant("at", f.at))
                .partner(f.partner)
                .customer(f.customer)
                .channel(Channel.fromJson(f.channel))
                .build();
    }

    private static Event payment(Fields f) {
        if (!has(f, PAYMENT_KEYS, PAYMENT_REQUIRED)) {
            return null;
        }
        ImmutablePayment.Builder b = ImmutablePayment.builder()
                .id(f.id)
                .at(ReferralKitJson.parseInstant("at", f.at))
                .customer(f.customer)
                .amount(decimal("amount", f.amount))
                .currency(Currencies.of("currency", f.currency));
        if (f.tax != null) {
            b.tax(decimal("tax", f.tax));
        }
        if (f.product != null) {
            b.product(f.product);
        }
        if (f.attributes != null) {
            for (int i = 0; i < f.attributes.size(); i += 2) {
                b.putAttributes(f.attributes.get(i), f.attributes.get(i + 1));
            }
        }
        return b.build();
    }

    private static Event refund(Fields f) {
        if (!has(f, REFUND_KEYS, REFUND_REQUIRED)) {
            return null;
        }
        ImmutableRefund.Builder b = ImmutableRefund.builder()
                .id(f.id)
                .at(ReferralKitJson.parseInstant("at", f.at))
                .payment(f.payment)
                .amount(decimal("amount", f.amount));
        if (f.customer != null) {
            b.customer(f.customer);
        }
        return b.build();
    }

    private static Event lead(Fields f) {
        if (!has(f, LEAD_KEYS, LEAD_REQUIRED)) {
            return null;
        }
        ImmutableLead.Builder b = ImmutableLead.builder()
                .id(f.id)
                .at(ReferralKitJson.parseInstant("at", f.at))
                .customer(f.customer);
        if (f.attributes != null) {
            for (int i = 0; i < f.attributes.size(); i += 2) {
                b.putAttributes(f.attributes.get(i), f.attributes.get(i + 1));
            }
        }
        return b.build();
    }

    private static BigDecimal decimal(String field, String text) {
        return Decimals.parsePlain(RejectionCode.INVALID_AMOUNT, field, text);
    }
}
