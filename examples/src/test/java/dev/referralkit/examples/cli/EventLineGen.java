package dev.referralkit.examples.cli;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Events-file lines for the fast-path properties, made from one seed (QuickTheories gives the seed, so a
 * failure names it and is reproduced by it): the four event types the fast path reads (optional fields
 * present or absent, attributes, keys in any order, unicode and escaped strings, amounts at the edge of
 * their currency's scale, instants in every accepted shape and some refused ones), a few types it leaves to
 * data binding, and, when asked, one mutation (a key removed, added, duplicated; a value of the wrong type; a
 * bad amount, instant, currency, channel or type; the text truncated, cut, added to).
 */
final class EventLineGen {
    /**
     * @param text    the line
     * @param plain   whether the plain scanner is expected to read it when data binding does (ASCII, no escapes, spaces and tabs)
     * @param handled whether the Jackson fast path is expected to read it when data binding does (a type and keys it handles)
     */
    record Line(String text, boolean plain, boolean handled) {
    }

    private static final String[] CURRENCIES = {"USD", "USD", "EUR", "JPY", "BHD", "KWD", "CLF"};
    private static final String[] BAD_CURRENCIES = {"usd", "XXX", "XAU", "US", "USDD", "", "ZZZ"};
    private static final String[] CHANNELS = {"link", "coupon", "manual"};
    private static final String[] BAD_CHANNELS = {"LINK", "Link", "email", ""};
    private static final String[] UNKNOWN_KEYS = {"extra", "Type", "ID", "typeName", "customerId", "money", "base", "", "amount "};
    private static final String[] NON_STRINGS = {"1", "-0", "1.5", "1e3", "null", "true", "false", "[]", "{}", "[\"x\"]",
        "{\"a\":\"b\"}"};
    private static final String INSERTED = "{}[],:\" \\x1\t\u0000\u0001é\r-.e";

    private final Random r;
    /** Partners a touch may name (declared in the CLI property's partners file); others are refused by the engine. */
    private final int partners;
    private boolean plain = true;
    private boolean handled = true;
    private final List<String[]> members = new ArrayList<>();

    private EventLineGen(long seed, int partners) {
        this.r = new Random(seed);
        this.partners = partners;
    }

    /** @return a line that data binding may accept or refuse (random ids, amounts and instants can be out of range) */
    static Line valid(long seed) {
        return new EventLineGen(seed, 3).event(false);
    }

    /** @return a line with one mutation */
    static Line mutated(long seed) {
        return new EventLineGen(seed, 3).event(true);
    }

    /**
     * @param at the line's instant (a file's lines come in time order, as the engine wants them)
     * @return a line for a file the command line reads: mostly events the engine accepts (customers from a small
     *         pool, so that touches and payments meet), one in six mutated, rarely in a way that is not a JSON object
     */
    static Line forFile(long seed, Instant at) {
        return forFile(seed, at, 5);
    }

    /** @param customers the size of the pool of customers */
    static Line forFile(long seed, Instant at, int customers) {
        EventLineGen g = new EventLineGen(seed, 3);
        g.fixedAt = at;
        g.customers = customers;
        return g.event(g.r.nextInt(6) == 0);
    }

    private int customers;

    /** In a file: the instant of every event, and customers from a small pool. */
    private Instant fixedAt;

    private Line event(boolean mutate) {
        int kind = r.nextInt(20);
        String type = kind < 6 ? "touch" : kind < 12 ? "payment" : kind < 15 ? "refund" : kind < 18 ? "lead" : "other";
        switch (type) {
            case "touch" -> {
                add("type", "touch");
                add("id", id("t"));
                add("at", instant());
                add("partner", r.nextInt(8) == 0 ? id("p") : "p" + r.nextInt(partners));
                add("customer", id("c"));
                add("channel", pick(CHANNELS));
            }
            case "payment" -> {
                add("type", "payment");
                add("id", id("i"));
                add("at", instant());
                add("customer", id("c"));
                String currency = pick(CURRENCIES);
                add("amount", amount(currency));
                add("currency", currency);
                if (r.nextBoolean()) {
                    add("tax", amount(currency));
                }
                if (r.nextInt(3) == 0) {
                    add("product", pick(new String[] {"pro", "team", "basic"}));
                }
                if (r.nextBoolean()) {
                    addRaw("attributes", attributes());
                }
            }
            case "refund" -> {
                add("type", "refund");
                add("id", id("r"));
                add("at", instant());
                add("payment", id("i"));
                add("amount", amount("USD"));
                if (r.nextBoolean()) {
                    add("customer", id("c"));
                }
            }
            case "lead" -> {
                add("type", "lead");
                add("id", id("l"));
                add("at", instant());
                add("customer", id("c"));
                if (r.nextBoolean()) {
                    addRaw("attributes", attributes());
                }
            }
            default -> {
                handled = false;    // types the fast path leaves to data binding
                if (r.nextBoolean()) {
                    add("type", "partner");
                    add("id", id("x"));
                    add("at", instant());
                    add("partner", "p" + r.nextInt(partners));
                    add("status", "suspended");
                } else {
                    add("type", "payout_run");
                    add("id", id("run"));
                    add("at", instant());
                }
            }
        }
        if (r.nextInt(4) == 0) {
            shuffle();
        }
        if (!mutate) {
            return new Line(render(), plain, handled);
        }
        int m = fixedAt != null && r.nextInt(8) != 0 ? r.nextInt(9) : r.nextInt(13);
        if (m == 1 || m == 2 || m == 3 || m == 7 || m == 8) {
            handled = false;    // a key or value type the fast path leaves to data binding (which may well accept it: "product": null)
        }
        switch (m) {
            case 0 -> members.remove(r.nextInt(members.size()));
            case 1 -> {
                members.add(r.nextInt(members.size() + 1), new String[] {quote(pick(UNKNOWN_KEYS)), quote(id("v"))});
            }
            case 2 -> {
                String[] copy = members.get(r.nextInt(members.size()));
                String value = r.nextBoolean() ? copy[1] : quote(id("d"));
                members.add(r.nextInt(members.size() + 1), new String[] {copy[0], value});
            }
            case 3 -> members.get(r.nextInt(members.size()))[1] = pick(NON_STRINGS);
            case 4 -> replace("amount", quote(pick(new String[] {"1.001", "-5.00", "1e3", "abc", " 1", "+1", "01.50", "1.", ".5",
                "1000000000000000", "999999999999999.99", "0", "-0", "0.00", "1,00", ""})));
            case 5 -> replace("at", quote(pick(new String[] {"2026-02-30T00:00:00Z", "2026-01-01 00:00:00Z", "2026-01-01T00:00:00",
                "1899-12-31T23:59:59Z", "2200-01-01T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T00:00:00+19:00",
                "2026-01-01T00:00:00.1234567890Z", "", "2026-01-01T00:00:00z"})));
            case 6 -> {
                replace("currency", quote(pick(BAD_CURRENCIES)));
                replace("channel", quote(pick(BAD_CHANNELS)));
            }
            case 7 -> replace("type", quote(pick(new String[] {"Touch", "PAYMENT", "refunds", "", "lead_stage", "registration"})));
            case 8 -> replace("attributes", pick(new String[] {"{\"a\":1}", "{\"a\":null}", "{\"a\":{\"b\":\"c\"}}", "{\"a\":\"b\",\"a\":\"c\"}",
                "[]", "\"x\"", "{\"a\":[\"b\"]}", "{,}", "{\"a\":\"b\",}"}));
            default -> {
                String text = render();
                plain = false;
                return new Line(switch (m) {
                    case 9 -> text.substring(0, r.nextInt(text.length()));
                    case 10 -> {
                        int at = r.nextInt(text.length() + 1);
                        yield text.substring(0, at) + INSERTED.charAt(r.nextInt(INSERTED.length())) + text.substring(at);
                    }
                    case 11 -> {
                        int at = r.nextInt(text.length());
                        yield text.substring(0, at) + text.substring(at + 1);
                    }
                    default -> text + pick(new String[] {" x", "{}", ",", " 1", "]", "}", " \"a\"", " null"});
                }, false, handled);
            }
        }
        return new Line(render(), plain, handled);
    }

    private void add(String key, String value) {
        members.add(new String[] {quote(key), quote(value)});
    }

    private void addRaw(String key, String json) {
        members.add(new String[] {quote(key), json});
    }

    private void replace(String key, String json) {
        String quoted = quote(key);
        for (String[] member : members) {
            if (member[0].equals(quoted)) {
                member[1] = json;
            }
        }
    }

    private void shuffle() {
        for (int i = members.size() - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            String[] t = members.get(i);
            members.set(i, members.get(j));
            members.set(j, t);
        }
    }

    private String render() {
        StringBuilder out = new StringBuilder();
        out.append(space()).append('{');
        for (int i = 0; i < members.size(); i++) {
            if (i > 0) {
                out.append(space()).append(',');
            }
            out.append(space()).append(members.get(i)[0]).append(space()).append(':').append(space()).append(members.get(i)[1]);
        }
        return out.append(space()).append('}').append(space()).toString();
    }

    private String space() {
        int k = r.nextInt(12);
        if (k == 0 && r.nextInt(20) == 0) {
            plain = false;
            return "\r";        // JSON whitespace the plain scanner leaves to Jackson
        }
        return k < 8 ? "" : pick(new String[] {" ", "  ", "\t", " \t "});
    }

    private String attributes() {
        int n = r.nextInt(4);
        StringBuilder out = new StringBuilder("{");
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String key = r.nextInt(3) == 0 ? text(1 + r.nextInt(6))
                    : r.nextInt(6) == 0 ? "k".repeat(200 + r.nextInt(120))     // around the mapper's limit on names, 256
                    : pick(new String[] {"plan", "country", "seats", "ref", ""});
            if (keys.contains(key)) {
                continue;
            }
            if (key.length() > 128) {
                plain = false;      // the plain scanner leaves long keys to Jackson
            }
            keys.add(key);
            if (out.length() > 1) {
                out.append(space()).append(',');
            }
            out.append(space()).append(quote(key)).append(space()).append(':').append(space())
                    .append(quote(r.nextBoolean() ? text(r.nextInt(8)) : "v" + r.nextInt(10)));
        }
        return out.append(space()).append('}').toString();
    }

    /** An id: mostly short and plain; sometimes any text, which {@code Ids.check} may refuse (empty, too long, control characters). */
    private String id(String prefix) {
        if (fixedAt != null && prefix.equals("c") && r.nextInt(10) != 0) {
            return "c" + r.nextInt(customers);
        }
        int k = r.nextInt(10);
        if (k < 7) {
            return prefix + r.nextInt(1000);
        }
        if (k < 9) {
            return prefix + text(1 + r.nextInt(10));
        }
        return r.nextBoolean() ? "" : text(120 + r.nextInt(20));
    }

    private static final String ALPHABET = "abcXYZ019-_.:/ @+#";
    private static final String[] SPECIAL = {"é", "中", "😀", "\"", "\\", "\n", "\t", "\u0001", "\u007f", "\u2028", "ß", "/"};

    private String text(int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            if (r.nextInt(8) == 0) {
                s.append(pick(SPECIAL));
            } else {
                s.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
            }
        }
        return s.toString();
    }

    /** An amount for a currency: usually at its scale, sometimes beyond it or with trailing zeros, up to the edge of 10^15. */
    private String amount(String currency) {
        int digits = java.util.Currency.getInstance(currency).getDefaultFractionDigits();
        int scale = r.nextInt(8) == 0 ? r.nextInt(6) : digits;
        BigInteger unscaled = switch (r.nextInt(12)) {
            case 0 -> BigInteger.ZERO;
            case 1 -> BigInteger.TEN.pow(15 + scale).subtract(BigInteger.ONE);      // just below 10^15
            case 2 -> BigInteger.TEN.pow(15 + scale);                                // 10^15, refused
            default -> BigInteger.valueOf(r.nextInt(1_000_000));
        };
        BigDecimal value = new BigDecimal(unscaled, scale);
        if (r.nextInt(20) == 0) {
            value = value.negate();
        }
        return value.toPlainString();
    }

    /** An instant in one of the shapes FORMATS.md allows (Z, an offset, a fraction), mostly within [1900, 2200). */
    private String instant() {
        if (fixedAt != null) {
            return r.nextInt(4) == 0 ? OffsetDateTime.ofInstant(fixedAt, ZoneOffset.ofHours(r.nextInt(25) - 12)).toString() : fixedAt.toString();
        }
        long low = Instant.parse("1899-12-31T00:00:00Z").getEpochSecond();
        long high = Instant.parse("2200-01-02T00:00:00Z").getEpochSecond();
        long second = r.nextInt(10) == 0 ? r.nextLong(low, high)
                : Instant.parse("2026-01-01T00:00:00Z").getEpochSecond() + r.nextInt(365 * 86_400);
        int nanos = switch (r.nextInt(6)) {
            case 0 -> r.nextInt(1000) * 1_000_000;
            case 1 -> r.nextInt(1_000_000_000);
            default -> 0;
        };
        Instant at = Instant.ofEpochSecond(second, nanos);
        if (r.nextInt(4) == 0) {
            ZoneOffset offset = ZoneOffset.ofTotalSeconds((r.nextInt(36) - 18) * 1800);
            return OffsetDateTime.ofInstant(at, offset).toString();
        }
        return at.toString();
    }

    private String pick(String[] values) {
        return values[r.nextInt(values.length)];
    }

    /** A JSON string, escaped as JSON needs and, now and then, where it does not (a {@code \\uXXXX} for any char, {@code \/}). */
    private String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                plain = false;
                out.append(r.nextBoolean() ? "\\" + c : String.format("\\u%04x", (int) c));
            } else if (c < 0x20) {
                plain = false;
                out.append(c == '\n' && r.nextBoolean() ? "\\n" : c == '\t' && r.nextBoolean() ? "\\t" : String.format("\\u%04X", (int) c));
            } else if (r.nextInt(150) == 0) {
                plain = false;
                out.append(c == '/' ? "\\/" : String.format("\\u%04x", (int) c));
                if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
                    out.append(String.format("\\u%04x", (int) s.charAt(++i)));    // a pair is escaped whole
                }
            } else {
                if (c > 0x7e) {
                    plain = false;
                }
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
