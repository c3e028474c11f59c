package dev.referralkit.reports;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.referralkit.Ids;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.ledger.Binding;
import dev.referralkit.ledger.Credit;
import dev.referralkit.ledger.ImmutableBinding;
import dev.referralkit.ledger.Entry;
import dev.referralkit.ledger.EntryKind;
import dev.referralkit.money.Currencies;
import dev.referralkit.money.Decimals;
import dev.referralkit.money.Ratio;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Feeds a {@link ReportBuilder} from files, without running the engine: a <b>journal</b> of the
 * accepted events (JSON Lines, in the order the engine accepted them), the <b>entries</b> the engine
 * made (JSON Lines, in the order made: what {@code run --entries} writes) and the <b>bindings</b> it
 * made (JSON Lines, one binding object a line, in the order made, with exact weights: see
 * {@link #bindingLine} and {@link #weight}).
 *
 * <p>The three are read in step. An entry belongs to the journal's current event when it names
 * that event; during a payout run also a {@code TRUE_UP} (which names its payment) and a
 * {@code PARENT_SHARE} of one. A binding belongs to the event it names. An entry or binding that
 * belongs to no event, in this order, means the files do not match: an error naming file and line.
 *
 * <p>A rejected event has no place in a journal: its figures would count. Hosts that keep only the
 * raw event stream re-run the engine instead ({@link Reports#run}).
 */
public final class LedgerFiles {
    private static final BigInteger TEN_TO_DECIMALS = BigInteger.TEN.pow(Ratio.DISPLAY_DECIMALS);
    private static final BigInteger MAX_DENOMINATOR = BigInteger.valueOf(1_000);

    private LedgerFiles() {
    }

    /** Told how far reading has come, every {@value #EVERY} events and at the end. */
    @FunctionalInterface
    public interface Progress {
        /** How often progress is told, in events. */
        int EVERY = 65_536;

        /**
         * @param events     events read so far
         * @param bytesRead  bytes of the journal read so far
         * @param bytesTotal the journal's size
         */
        void at(long events, long bytesRead, long bytesTotal);
    }

    /**
     * Reads the three files into the builder.
     *
     * @param builder  the builder
     * @param journal  the accepted events
     * @param entries  the entries
     * @param bindings the bindings
     * @param progress told how far reading has come
     * @return the builder
     * @throws ReferralKitException naming file and line when a line is unreadable or the files do not match
     * @throws UncheckedIOException when a file cannot be read
     */
    public static ReportBuilder feed(ReportBuilder builder, Path journal, Path entries, Path bindings, Progress progress) {
        long total;
        try {
            total = Files.size(journal);
        } catch (IOException e) {
            throw cannotRead(journal, e);
        }
        try (Source events = new Source(journal); Source entryLines = new Source(entries);
             Source bindingLines = new Source(bindings)) {
            EntryLine entry = new EntryLine();
            boolean moreEntries = entryLines.entry(entry, builder);
            Binding binding = bindingLines.binding();
            EventLine event = new EventLine();
            long count = 0;
            while (events.event(event)) {
                builder.advance(Instant.ofEpochSecond(event.seconds, event.nanos));
                if (binding != null && binding.event().equals(event.id)) {
                    builder.bind(binding);
                    binding = bindingLines.binding();
                }
                try {
                    event.apply(builder);
                } catch (ReferralKitException e) {
                    throw events.error(e.getMessage());
                }
                while (moreEntries && entry.belongsTo(event)) {
                    builder.entry(event.id, entry.partner, entry.payout, entry.event, entry.currency, entry.minor, entry.availableAt);
                    moreEntries = entryLines.entry(entry, builder);
                }
                if (++count % Progress.EVERY == 0) {
                    progress.at(count, events.chars(), total);
                }
            }
            if (moreEntries) {
                throw entryLines.error("entry names event " + entry.event + ", which is not next in the journal " + journal
                        + ": the files do not match");
            }
            if (binding != null) {
                throw bindingLines.error("binding of customer " + binding.customer() + " names event " + binding.event()
                        + ", which is not next in the journal " + journal + ": the files do not match");
            }
            progress.at(count, total, total);
            return builder;
        }
    }

    /**
     * A binding as one line of a bindings file, with exact weights: a weight that has a finite
     * decimal form as a decimal ({@code "0.4"}), any other as a fraction ({@code "1/3"}). (Result
     * JSON, FORMATS.md §3, shows such a weight rounded to 10 decimals, which a report cannot use.)
     *
     * @param binding a binding
     * @return its JSON, one line, without the explanation
     */
    public static String bindingLine(Binding binding) {
        StringBuilder b = new StringBuilder(96);
        try (JsonGenerator g = ReferralKitJson.mapper().getFactory().createGenerator(new java.io.StringWriter() {
            @Override
            public void write(String str) {
                b.append(str);
            }

            @Override
            public void write(char[] cbuf, int off, int len) {
                b.append(cbuf, off, len);
            }

            @Override
            public void write(int c) {
                b.append((char) c);
            }
        })) {
            g.writeStartObject();
            g.writeStringField("customer", binding.customer());
            g.writeStringField("event", binding.event());
            g.writeArrayFieldStart("credits");
            for (Credit c : binding.credits()) {
                g.writeStartObject();
                g.writeStringField("partner", c.partner());
                Ratio w = c.weight();
                String decimal = w.isTerminating() ? w.toDecimalString() : null;
                boolean plain = decimal != null && (decimal.indexOf('.') < 0
                        || decimal.length() - decimal.indexOf('.') - 1 < Ratio.DISPLAY_DECIMALS);
                g.writeStringField("weight", plain ? decimal : w.numerator() + "/" + w.denominator());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toString();
    }

    /**
     * A weight of a bindings file: a fraction {@code "n/d"}, or a decimal. A decimal of exactly
     * {@value Ratio#DISPLAY_DECIMALS} places may be a weight with no finite decimal form rounded for
     * display (⅓ as {@code "0.3333333333"}): it is read as the simplest fraction within half a unit of
     * its last place when one has a denominator of at most 1,000 (splits over up to a thousand touches),
     * and refused otherwise.
     */
    static Ratio weight(String text) {
        int slash = text.indexOf('/');
        if (slash > 0) {
            String n = text.substring(0, slash);
            String d = text.substring(slash + 1);
            if (n.length() > 40 || d.length() > 40 || !n.matches("\\d+") || !d.matches("[1-9]\\d*")) {
                throw ReferralKitException.invalid(RejectionCode.INVALID_AMOUNT, "weight", text, "is not a fraction n/d");
            }
            return Ratio.of(new BigInteger(n), new BigInteger(d));
        }
        BigDecimal v = Decimals.parsePlain(RejectionCode.INVALID_AMOUNT, "weight", text);
        Ratio w = Ratio.of(v);
        if (v.scale() == Ratio.DISPLAY_DECIMALS) {
            Ratio snapped = simplest(w);
            if (snapped.equals(w)) {
                throw ReferralKitException.invalid(RejectionCode.INVALID_AMOUNT, "weight", text,
                        "looks rounded to " + Ratio.DISPLAY_DECIMALS + " decimals; give the exact weight as a fraction n/d");
            }
            return snapped;
        }
        return w;
    }

    /** The simplest fraction within ±½·10^−10 of a 10-decimal value, by its continued fraction's convergents. */
    static Ratio simplest(Ratio x) {
        BigInteger n = x.numerator();
        BigInteger d = x.denominator();
        BigInteger p0 = BigInteger.ZERO;
        BigInteger q0 = BigInteger.ONE;
        BigInteger p1 = BigInteger.ONE;
        BigInteger q1 = BigInteger.ZERO;
        Ratio tolerance = Ratio.of(BigInteger.ONE, TEN_TO_DECIMALS.shiftLeft(1));
        while (d.signum() != 0) {
            BigInteger[] qr = n.divideAndRemainder(d);
            BigInteger p2 = qr[0].multiply(p1).add(p0);
            BigInteger q2 = qr[0].multiply(q1).add(q0);
            if (q2.compareTo(MAX_DENOMINATOR) > 0) {
                break;
            }
            Ratio candidate = Ratio.of(p2, q2);
            Ratio off = candidate.minus(x);
            if ((off.signum() < 0 ? off.negated() : off).compareTo(tolerance) <= 0) {
                return candidate;
            }
            p0 = p1;
            q0 = q1;
            p1 = p2;
            q1 = q2;
            n = d;
            d = qr[1];
        }
        return x;
    }

    private static UncheckedIOException cannotRead(Path path, IOException e) {
        String why = e instanceof NoSuchFileException ? "no such file" : "cannot be read: " + e.getMessage();
        return new UncheckedIOException(path + ": " + why, e);
    }

    private static final Map<String, Integer> BINDING_KEYS = indexed("customer", "event", "credits", "explanation");
    private static final Map<String, Integer> CREDIT_KEYS = indexed("partner", "weight");
    private static final Map<String, Integer> EVENT_KEYS = indexed("type", "id", "at", "partner", "customer", "channel", "amount",
            "currency", "tax", "product", "attributes", "payment", "status", "group", "parent", "stage", "prospect", "registration", "decision",
            "reason", "level",
            // partner events (docs/payouts.md): nothing a report reads; their entries name them
            "entry", "note", "payout", "reference", "form");
    private static final Map<String, Integer> ENTRY_KEYS = indexed("id", "kind", "partner", "customer", "event", "amount", "currency",
            "availableAt", "explanation");

    private static Map<String, Integer> indexed(String... keys) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < keys.length; i++) {
            index.put(keys[i], i);
        }
        return Map.copyOf(index);
    }

    /** An accepted event as the journal holds it: only what the report reads, checked as it is read. */
    static final class EventLine {
        String type;
        String id;
        long seconds;
        int nanos;
        String partner;
        String customer;
        String channel;
        String amount;
        String currency;
        String tax;
        String payment;
        String business;
        boolean attributes;

        void clear() {
            type = id = partner = customer = channel = amount = currency = tax = payment = business = null;
            attributes = false;
            seconds = Long.MIN_VALUE;
        }

        void apply(ReportBuilder b) {
            switch (type) {
                case "touch" -> {
                    require("partner", partner);
                    require("customer", customer);
                    require("channel", channel);
                    b.touch(partner, customer, channel.equals("link"), seconds);
                }
                case "lead" -> b.lead(require("customer", customer), "lead " + id);
                case "payment" -> {
                    require("customer", customer);
                    int cur = b.currency(Currencies.of("currency", require("currency", currency)));
                    long minor = amount(b, "amount", require("amount", amount), cur);
                    long taxMinor = tax == null ? 0 : amount(b, "tax", tax, cur);
                    b.payment(id, customer, cur, minor, taxMinor, seconds, "payment " + id);
                }
                case "refund" -> b.refund(require("payment", payment), require("amount", amount));
                case "partner" -> b.partnerChange(require("partner", partner),
                        attributes ? Optional.of(business == null ? partner : business) : Optional.empty());
                case "payout_run", "lead_stage", "registration", "registration_decision", "review", "payout_confirmed", "payout_failed",
                     "tax_form" -> {
                    // no figure of their own (docs/reports.md): their entries count through the ledger
                }
                default -> throw ReferralKitException.invalid(RejectionCode.INVALID_EVENT, "type", type, "is not an event type");
            }
        }

        private static String require(String field, String value) {
            if (value == null) {
                throw ReferralKitException.invalid(RejectionCode.INVALID_EVENT, field, null, "is required");
            }
            return value;
        }
    }

    static long amount(ReportBuilder b, String field, String text, int cur) {
        return minorUnits(field, text, b.scale(cur));
    }

    /**
     * A plain decimal string ({@code -?digits[.digits]}, at most 40 characters, at most
     * {@code digits} decimals) in minor units, without making a {@code BigDecimal}; what
     * {@code Decimals.parsePlain} and {@code Money} refuse is refused here too.
     */
    static long minorUnits(String field, String text, int digits) {
        int n = text.length();
        int i = 0;
        boolean negative = n > 0 && text.charAt(0) == '-';
        if (negative) {
            i++;
        }
        long value = 0;
        int integer = 0;
        int decimals = -1;
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c == '.' && decimals < 0 && integer > 0) {
                decimals = 0;
                continue;
            }
            if (c < '0' || c > '9') {
                return fallback(field, text, digits);
            }
            if (decimals >= 0) {
                decimals++;
            } else {
                integer++;
            }
            if (integer + Math.max(decimals, 0) > 18) {
                return fallback(field, text, digits);
            }
            value = value * 10 + (c - '0');
        }
        if (integer == 0 || decimals == 0 || decimals > digits || n > Decimals.MAX_LENGTH) {
            return fallback(field, text, digits);
        }
        for (int k = Math.max(decimals, 0); k < digits; k++) {
            value *= 10;
        }
        return negative ? -value : value;
    }

    private static long fallback(String field, String text, int digits) {
        BigDecimal v = Decimals.parsePlain(RejectionCode.INVALID_AMOUNT, field, text);
        if (v.stripTrailingZeros().scale() > digits || v.scale() > digits) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_AMOUNT, field, text, "has more decimals than its currency");
        }
        try {
            return v.setScale(digits).movePointRight(digits).longValueExact();
        } catch (ArithmeticException e) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_AMOUNT, field, text, "is too large");
        }
    }

    /** An entry as the entries file holds it: only what the report reads. */
    static final class EntryLine {
        boolean payout;
        boolean trueUpOrShare;
        String partner;
        String event;
        int currency;
        long minor;
        Instant availableAt;

        /** During a payout run, also a true-up (which names its payment) and a parent's share of one. */
        boolean belongsTo(EventLine e) {
            return event.equals(e.id) || trueUpOrShare && e.type.equals("payout_run");
        }
    }

    /**
     * One of the three files, read as a sequence of JSON objects (one a line) by one streaming parser
     * of the hardened mapper (size limits, duplicate keys refused), naming file and line in errors.
     */
    private static final class Source implements AutoCloseable {
        private final Path path;
        private final JsonParser parser;
        private final Map<String, Currency> currencies = new HashMap<>();

        Source(Path path) {
            this.path = path;
            try {
                parser = ReferralKitJson.mapper().getFactory().createParser(Files.newInputStream(path)); // UTF-8 bytes
                // duplicate keys are still refused, by a bit per known key (no set per line)
                parser.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            } catch (IOException e) {
                throw cannotRead(path, e);
            }
        }

        /** Reads the next event into {@code e}; false at the end. */
        boolean event(EventLine e) {
            try {
                if (!object()) {
                    return false;
                }
                e.clear();
                long seen = 0;
                String key;
                while ((key = parser.nextFieldName()) != null) {
                    seen = once(EVENT_KEYS, key, seen);
                    switch (key) {
                        case "attributes" -> {
                            e.attributes = true;
                            e.business = attributes(key);
                        }
                        case "at" -> {
                            Instant at = ReferralKitJson.parseInstant(key, text(key));
                            e.seconds = at.getEpochSecond();
                            e.nanos = at.getNano();
                        }
                        case "product", "status", "group", "parent", "stage", "registration", "decision", "reason", "level", "entry", "note",
                             "payout", "reference", "form" -> skipString(key);
                        case "prospect" -> {
                            if (parser.nextToken() != JsonToken.START_OBJECT) {
                                throw error("\"" + key + "\" must be an object");
                            }
                            parser.skipChildren();
                        }
                        default -> {
                            String v = text(key);
                            switch (key) {
                                case "type" -> e.type = v;
                                case "id" -> e.id = v;
                                case "partner" -> e.partner = v;
                                case "customer" -> e.customer = v;
                                case "channel" -> e.channel = v;
                                case "amount" -> e.amount = v;
                                case "currency" -> e.currency = v;
                                case "tax" -> e.tax = v;
                                case "payment" -> e.payment = v;
                                default -> throw new IllegalStateException(key);
                            }
                        }
                    }
                }
                if (e.type == null || e.id == null || e.seconds == Long.MIN_VALUE) {
                    throw error("an event needs \"type\", \"id\" and \"at\"");
                }
                return true;
            } catch (IOException x) {
                throw unreadable(x);
            } catch (ReferralKitException x) {
                throw error(x.getMessage());
            }
        }

        /** Reads the next entry into {@code e}; false at the end. */
        boolean entry(EntryLine e, ReportBuilder b) {
            try {
                if (!object()) {
                    return false;
                }
                String kind = null;
                String amount = null;
                String currency = null;
                e.partner = null;
                e.event = null;
                e.availableAt = null;
                long seen = 0;
                String key;
                while ((key = parser.nextFieldName()) != null) {
                    seen = once(ENTRY_KEYS, key, seen);
                    if (key.equals("id") || key.equals("customer") || key.equals("explanation")) {
                        skipString(key);
                        continue;
                    }
                    String v = text(key);
                    switch (key) {
                        case "kind" -> kind = v;
                        case "partner" -> e.partner = v;
                        case "event" -> e.event = v;
                        case "amount" -> amount = v;
                        case "currency" -> currency = v;
                        case "availableAt" -> e.availableAt = ReferralKitJson.parseInstant(key, v);
                        default -> {
                            // id, customer, explanation: the report does not read them
                        }
                    }
                }
                if (kind == null || e.partner == null || e.event == null || amount == null || currency == null
                        || e.availableAt == null) {
                    throw error("an entry needs kind, partner, event, amount, currency and availableAt");
                }
                EntryKind k = EntryKind.valueOf(kindName(kind));
                e.payout = k == EntryKind.PAYOUT || k == EntryKind.PAYOUT_REVERSAL;
                e.trueUpOrShare = k == EntryKind.TRUE_UP || k == EntryKind.PARENT_SHARE;
                e.currency = b.currency(currency(currency));
                e.minor = amount(b, "amount", amount, e.currency);
                return true;
            } catch (IOException x) {
                throw unreadable(x);
            } catch (ReferralKitException x) {
                throw error(x.getMessage());
            }
        }

        Binding binding() {
            try {
                if (!object()) {
                    return null;
                }
                String customer = null;
                String event = null;
                List<Credit> credits = null;
                long seen = 0;
                String key;
                while ((key = parser.nextFieldName()) != null) {
                    seen = once(BINDING_KEYS, key, seen);
                    switch (key) {
                        case "customer" -> customer = text(key);
                        case "event" -> event = text(key);
                        case "explanation" -> skipString(key);
                        default -> credits = credits();
                    }
                }
                if (customer == null || event == null || credits == null) {
                    throw error("a binding needs customer, event and credits");
                }
                Ids.check("customer", customer);
                Ratio sum = Ratio.ZERO;
                for (Credit c : credits) {
                    sum = sum.plus(c.weight());
                }
                if (!credits.isEmpty() && !sum.equals(Ratio.ONE)) {
                    throw error("the weights of customer " + customer + "'s credits sum to " + sum + ", not 1");
                }
                return ImmutableBinding.builder().customer(customer).event(event).credits(credits).build();
            } catch (IOException x) {
                throw unreadable(x);
            } catch (ReferralKitException x) {
                throw error(x.getMessage());
            }
        }

        private List<Credit> credits() throws IOException {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw error("\"credits\" must be an array");
            }
            List<Credit> credits = new ArrayList<>(1);
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                String partner = null;
                String weight = null;
                long seen = 0;
                String key;
                while ((key = parser.nextFieldName()) != null) {
                    seen = once(CREDIT_KEYS, key, seen);
                    if (key.equals("partner")) {
                        partner = text(key);
                    } else {
                        weight = text(key);
                    }
                }
                if (partner == null || weight == null) {
                    throw error("a credit needs partner and weight");
                }
                Ratio w = weight.equals("1") ? Ratio.ONE : weight(weight);
                if (w.signum() <= 0 || w.compareTo(Ratio.ONE) > 0) {
                    throw error("a credit's weight is in (0, 1]: " + weight);
                }
                credits.add(Credit.of(partner, w));
            }
            if (parser.currentToken() != JsonToken.END_ARRAY) {
                throw error("\"credits\" holds objects");
            }
            return credits;
        }

        /** Refuses an unknown or repeated key; returns the keys seen with this one. */
        private long once(Map<String, Integer> keys, String key, long seen) {
            Integer index = keys.get(key);
            if (index == null) {
                throw error("unknown key \"" + key + "\"; expected one of " + new java.util.TreeSet<>(keys.keySet()));
            }
            int i = index;
            if ((seen & (1L << i)) != 0) {
                throw error("duplicate key \"" + key + "\"");
            }
            return seen | 1L << i;
        }

        private static String kindName(String kind) {
            for (EntryKind k : EntryKind.values()) {
                if (k.name().equals(kind)) {
                    return kind;
                }
            }
            throw ReferralKitException.invalid(RejectionCode.INVALID_EVENT, "kind", kind, "is not an entry kind");
        }

        private Currency currency(String code) {
            Currency c = currencies.get(code);
            if (c == null) {
                c = Currencies.of("currency", code);
                currencies.put(code, c);
            }
            return c;
        }

        /** Moves to the next object; false at the end of the file. */
        private boolean object() throws IOException {
            JsonToken t = parser.nextToken();
            if (t == null) {
                return false;
            }
            if (t != JsonToken.START_OBJECT) {
                throw error("a line is a JSON object");
            }
            return true;
        }

        /** Passes over a string value without making it a {@code String}. */
        private void skipString(String key) throws IOException {
            if (parser.nextToken() != JsonToken.VALUE_STRING) {
                throw error("\"" + key + "\" must be a string");
            }
        }

        private String text(String key) throws IOException {
            String v = parser.nextTextValue();
            if (v == null) {
                throw error("\"" + key + "\" must be a string");
            }
            return v;
        }

        /** Skips an attributes object of strings, keeping its {@code business}. */
        private String attributes(String key) throws IOException {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw error("\"" + key + "\" must be an object of strings");
            }
            String business = null;
            String name;
            java.util.Set<String> names = new java.util.HashSet<>();
            while ((name = parser.nextFieldName()) != null) {
                if (!names.add(name)) {
                    throw error("duplicate key \"" + key + "." + name + "\"");
                }
                String v = text(key + "." + name);
                if (name.equals("business")) {
                    business = v;
                }
            }
            return business;
        }

        long chars() {
            return parser.currentLocation().getByteOffset();
        }

        private ReferralKitException unreadable(IOException x) {
            return error(ReferralKitJson.translate(x, RejectionCode.INVALID_EVENT).getMessage());
        }

        ReferralKitException error(String message) {
            String where = path + ":" + parser.currentLocation().getLineNr();
            return ReferralKitException.of(RejectionCode.INVALID_EVENT, where, null, where + ": " + message);
        }

        @Override
        public void close() {
            try {
                parser.close();
            } catch (IOException e) {
                throw cannotRead(path, e);
            }
        }
    }
}
