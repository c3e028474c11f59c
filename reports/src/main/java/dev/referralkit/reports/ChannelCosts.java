package dev.referralkit.reports;

import com.fasterxml.jackson.databind.JsonNode;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.money.Currencies;
import dev.referralkit.money.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What the host spent to acquire customers through its other channels, for the report's channel
 * comparison. JSON ({@code docs/reports.md}):
 *
 * <pre>
 * { "channels": [ { "channel": "google-ads", "currency": "USD",
 *                   "spend": { "2026-01": "1200.00", "2026-02": "950.00" },
 *                   "customers": { "2026-01": 30, "2026-02": 22 } } ] }
 * </pre>
 *
 * Periods are labelled like the report's ({@code 2026-03}, {@code 2026-Q1}, {@code 2026}); spend is
 * a string amount at most at the currency's scale; {@code customers} (optional) are whole numbers.
 * Unknown and duplicate keys are refused. {@code referral} is the program itself and may not be
 * given; {@code organic} may, to give a spend to customers bound to no partner.
 *
 * @param channels the channels, in the file's order
 */
public record ChannelCosts(List<Channel> channels) {
    private static final Pattern LABEL = Pattern.compile("\\d{4}(-\\d{2}|-Q[1-4])?");

    /** Copies the list. */
    public ChannelCosts {
        channels = List.copyOf(channels);
    }

    /**
     * One channel's costs.
     *
     * @param channel   the channel's name
     * @param currency  the currency of its spend
     * @param spend     spend by period label
     * @param customers new customers by period label, where the host knows them
     */
    public record Channel(String channel, Currency currency, SortedMap<String, BigDecimal> spend,
                          SortedMap<String, Long> customers) {
        /** Copies the maps. */
        public Channel {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(currency, "currency");
            spend = Collections.unmodifiableSortedMap(new TreeMap<>(spend));
            customers = Collections.unmodifiableSortedMap(new TreeMap<>(customers));
        }
    }

    /**
     * Reads a costs file's text.
     *
     * @param json the JSON
     * @return the costs
     * @throws ReferralKitException {@code INVALID_PROGRAM} naming the JSON pointer and field
     */
    public static ChannelCosts parse(String json) {
        JsonNode root = ReferralKitJson.readTree(json, RejectionCode.INVALID_PROGRAM);
        if (!root.isObject()) {
            throw fail("", "costs are a JSON object with \"channels\"");
        }
        onlyKeys(root, "", Set.of("channels"));
        JsonNode list = root.path("channels");
        if (!list.isArray()) {
            throw fail("/channels", "must be an array");
        }
        List<Channel> channels = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String at = "/channels/" + i;
            JsonNode c = list.get(i);
            if (!c.isObject()) {
                throw fail(at, "must be an object");
            }
            onlyKeys(c, at, Set.of("channel", "currency", "spend", "customers"));
            String name = text(c, at, "channel");
            if (name.equals("referral")) {
                throw fail(at + "/channel", "\"referral\" is this program; its spend is its commissions");
            }
            if (!names.add(name)) {
                throw fail(at + "/channel", "\"" + name + "\" is given twice");
            }
            Currency currency;
            try {
                currency = Currencies.of("currency", text(c, at, "currency"));
                Money.digits(currency);
            } catch (ReferralKitException e) {
                throw fail(at + "/currency", e.getMessage());
            }
            SortedMap<String, BigDecimal> spend = new TreeMap<>();
            JsonNode s = c.path("spend");
            if (!s.isObject()) {
                throw fail(at + "/spend", "must be an object of period label to amount");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String where = at + "/spend/" + e.getKey();
                label(where, e.getKey());
                if (!e.getValue().isTextual()) {
                    throw fail(where, "an amount is a string, like \"1200.00\"");
                }
                try {
                    spend.put(e.getKey(), Money.parse("spend", e.getValue().textValue(), currency)
                            .requireNonNegative("spend").amount());
                } catch (ReferralKitException x) {
                    throw fail(where, x.getMessage());
                }
            }
            SortedMap<String, Long> customers = new TreeMap<>();
            if (c.has("customers")) {
                JsonNode k = c.get("customers");
                if (!k.isObject()) {
                    throw fail(at + "/customers", "must be an object of period label to a whole number");
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = k.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String where = at + "/customers/" + e.getKey();
                    label(where, e.getKey());
                    if (!e.getValue().canConvertToLong() || !e.getValue().isIntegralNumber() || e.getValue().longValue() < 0) {
                        throw fail(where, "must be a whole number of customers, 0 or more");
                    }
                    customers.put(e.getKey(), e.getValue().longValue());
                }
            }
            channels.add(new Channel(name, currency, spend, customers));
        }
        return new ChannelCosts(channels);
    }

    private static void label(String where, String label) {
        if (!LABEL.matcher(label).matches()) {
            throw fail(where, "\"" + label + "\" is not a period label like 2026-03, 2026-Q1 or 2026");
        }
    }

    private static String text(JsonNode node, String at, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.textValue().isBlank()) {
            throw fail(at + "/" + field, "is required, a non-empty string");
        }
        return v.textValue();
    }

    private static void onlyKeys(JsonNode node, String at, Set<String> keys) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!keys.contains(k)) {
                throw fail(at + "/" + k, "unknown key \"" + k + "\"; expected one of " + keys.stream().sorted().toList());
            }
        }
    }

    private static ReferralKitException fail(String pointer, String message) {
        String p = pointer.isEmpty() ? "/" : pointer;
        return ReferralKitException.of(RejectionCode.INVALID_PROGRAM, p, null, p + ": " + message);
    }
}
