package dev.referralkit.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.referralkit.engine.Outcome;
import dev.referralkit.engine.ReferralEngine;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.program.Partner;
import dev.referralkit.program.Program;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The single-JVM answer the topology must give, and the input records that carry a history to it.
 */
final class Reference {
    private Reference() {
    }

    /**
     * One ingest record; without a key it goes to every customer partition.
     *
     * @param key   the key bytes or null
     * @param value the value bytes or null
     */
    record Input(byte[] key, byte[] value) {
        static Input of(String key, String value) {
            return new Input(key == null ? null : utf8(key), value == null ? null : utf8(value));
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * What came out, as FORMATS.md §3 JSON.
     *
     * @param entries    entries
     * @param payouts    payouts
     * @param rejections rejections
     * @param bindings      bindings
     * @param notifications partner notifications, as on the notifications topic
     */
    record Outputs(List<String> entries, List<String> payouts, List<String> rejections, List<String> bindings,
                   List<String> notifications) {
        Outputs(List<String> entries, List<String> payouts, List<String> rejections, List<String> bindings) {
            this(entries, payouts, rejections, bindings, new ArrayList<>());
        }

        /** @return the same outputs without notifications (a run that did not read them) */
        Outputs withoutNotifications() {
            return new Outputs(entries, payouts, rejections, bindings, List.of());
        }

        /** @return the notifications sorted: a message's notifications come together, an event's may span messages */
        List<String> sortedNotifications() {
            return sortedCopy(notifications);
        }

        /**
         * Every list sorted, and the entries of each payout sorted: with several partitions each output
         * partition has its own order, and a payout lists the entries it settles in booking order, which
         * may differ where a share crossed partitions.
         *
         * @return the normalised outputs
         */
        Outputs normalized() {
            List<String> p = new ArrayList<>();
            for (String payout : payouts) {
                ObjectNode node = (ObjectNode) ReferralKitJson.readTree(payout, dev.referralkit.RejectionCode.INVALID_EVENT);
                List<String> ids = new ArrayList<>();
                node.get("entries").forEach(e -> ids.add(e.textValue()));
                ids.sort(null);
                ArrayNode sorted = node.putArray("entries");
                ids.forEach(sorted::add);
                p.add(node.toString());
            }
            List<String> n = new ArrayList<>();
            for (String notification : notifications) {
                ObjectNode node = (ObjectNode) ReferralKitJson.readTree(notification, dev.referralkit.RejectionCode.INVALID_EVENT);
                if (node.has("payout")) { // a payout lists its entries in booking order, as above
                    ObjectNode payout = (ObjectNode) node.get("payout");
                    List<String> ids = new ArrayList<>();
                    payout.get("entries").forEach(e -> ids.add(e.textValue()));
                    ids.sort(null);
                    ArrayNode sorted = payout.putArray("entries");
                    ids.forEach(sorted::add);
                }
                n.add(node.toString());
            }
            return new Outputs(sortedCopy(entries), sortedCopy(p), sortedCopy(rejections), sortedCopy(bindings), sortedCopy(n));
        }

        private static List<String> sortedCopy(List<String> list) {
            List<String> copy = new ArrayList<>(list);
            copy.sort(null);
            return copy;
        }

        /** @return how many records in all */
        int size() {
            return entries.size() + payouts.size() + rejections.size() + bindings.size() + notifications.size();
        }
    }

    /**
     * A history as the topology needs it: every refund names its payment's customer (the topology's
     * input contract; the engine accepts it too and checks it against the payment). A refund of a
     * payment the history never made gets a customer of its own (it is {@code UNKNOWN_PAYMENT} either way).
     *
     * @param events the events
     * @return the events with customers on refunds
     */
    static List<JsonNode> withRefundCustomers(List<JsonNode> events) {
        Map<String, String> customerOf = new HashMap<>();
        List<JsonNode> out = new ArrayList<>(events.size());
        for (JsonNode e : events) {
            String type = e.path("type").asText();
            if ("payment".equals(type) && e.path("id").isTextual() && e.path("customer").isTextual()) {
                customerOf.putIfAbsent(e.get("id").textValue(), e.get("customer").textValue());
            }
            if ("refund".equals(type) && e.isObject() && !e.has("customer")) {
                ObjectNode copy = ((ObjectNode) e).deepCopy();
                copy.put("customer", customerOf.getOrDefault(e.path("payment").asText(), "no-such-customer"));
                out.add(copy);
            } else {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * The ingest records of a history: keyed by the event's customer, if it names one; unkeyed otherwise.
     *
     * @param events the events (refunds naming their customer)
     * @return the records
     */
    static List<Input> inputs(List<JsonNode> events) {
        List<Input> out = new ArrayList<>(events.size());
        for (JsonNode e : events) {
            String customer = e.path("customer").isTextual() ? e.get("customer").textValue() : null;
            out.add(Input.of(customer, e.toString()));
        }
        return out;
    }

    /**
     * The single engine's outputs, in the order it made them.
     *
     * @param program  the program
     * @param partners its partners
     * @param events   the events
     * @return entries, payouts, rejections and bindings as FORMATS.md §3 JSON
     */
    static Outputs engine(Program program, List<Partner> partners, List<JsonNode> events) {
        ReferralEngine engine = ReferralEngine.create(program, partners);
        Outputs out = new Outputs(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (JsonNode e : events) {
            Outcome o = engine.process(e);
            o.entries().forEach(x -> out.entries().add(ReferralKitJson.write(x)));
            o.payouts().forEach(x -> out.payouts().add(ReferralKitJson.write(x)));
            o.rejection().ifPresent(x -> out.rejections().add(ReferralKitJson.write(x)));
            o.binding().ifPresent(x -> out.bindings().add(ReferralKitJson.write(x)));
            o.notifications().forEach(x -> out.notifications().add(Notifications.json(x)));
        }
        return out;
    }
}
