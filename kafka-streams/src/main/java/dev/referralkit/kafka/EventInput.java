package dev.referralkit.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.event.Event;
import dev.referralkit.event.Refund;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.ledger.ImmutableRejection;
import dev.referralkit.ledger.Rejection;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The input contract: what a record on the ingest topic may be, and how the topology reads it.
 *
 * <p>The value is one event as JSON (FORMATS.md §2, UTF-8). An event that names a customer is keyed
 * by that customer's id (UTF-8), so that all of a customer's events are in one customer partition;
 * a key that differs from the event's customer is refused. An event that names no customer (a payout
 * run, a partner change) has no key: it goes to every customer partition, because it concerns every
 * customer and partner; a key on it is refused (it would reach one partition only).
 *
 * <p><b>A refund names its customer</b> (extension of FORMATS.md §2, docs/engine.md §5): the payment it
 * refunds lives in its customer's partition, and the router does not parse events to look it up. A
 * refund without {@code customer} is refused ({@code INVALID_EVENT}, field {@code customer}) rather
 * than broadcast to every partition. The single engine finds the customer from the payment; here the
 * host, which wrote the payment, names it.
 *
 * <p>{@link #read} never throws: a record that is not a valid event (missing value, bytes that are not
 * UTF-8, not JSON, not a valid event, a wrong or missing key, a refund without its customer) becomes a
 * {@link Rejection} with code {@code INVALID_EVENT} (or the more precise code the event check gave) and
 * a message in ReferralKit's words, for the rejections topic. A record that is not a valid event gets
 * the rejection the single engine gives for the same JSON ({@code ReferralEngine.process(JsonNode)}):
 * the same code and message, {@code <type> <id>: } first. It never stops the application.
 */
public final class EventInput {
    private EventInput() {
    }

    /** What an input record turned out to be. */
    public sealed interface Read permits Accepted, Refused {
    }

    /**
     * A valid event.
     *
     * @param key   the record key as text, null when the record had none
     * @param event the event
     */
    public record Accepted(String key, Event event) implements Read {
    }

    /**
     * A refused record, for the rejections topic.
     *
     * @param key       the record key as text (null when absent or not UTF-8)
     * @param rejection the event id as far as readable, the code and the message
     */
    public record Refused(String key, Rejection rejection) implements Read {
    }

    /**
     * Reads one input record.
     *
     * @param key   the record key, may be null
     * @param value the record value, may be null
     * @return what it is, never null; never throws
     */
    public static Read read(byte[] key, byte[] value) {
        Optional<String> keyText = key == null ? Optional.empty() : utf8(key);
        String k = keyText.orElse(null);
        if (key != null && keyText.isEmpty()) {
            return refused(null, "?", "key is not UTF-8 text");
        }
        if (value == null) {
            return refused(k, "?", "value is missing: an input record holds one event as JSON");
        }
        Optional<String> json = utf8(value);
        if (json.isEmpty()) {
            return refused(k, "?", "value is not UTF-8 text: an input record holds one event as JSON");
        }
        String id = "?";
        String type = "event";
        try {
            JsonNode tree = ReferralKitJson.readTree(json.get(), RejectionCode.INVALID_EVENT);
            if (tree.path("id").isTextual()) {
                id = tree.get("id").textValue();
            }
            if (tree.path("type").isTextual()) {
                type = tree.get("type").textValue();
            }
            Event event = ReferralKitJson.read(tree, Event.class, RejectionCode.INVALID_EVENT);
            String context = event.typeName() + " " + event.id();
            Optional<String> customer = event.customerId();
            if (customer.isEmpty() && event instanceof Refund) {
                return refused(k, event.id(), context + ": customer is missing: on Kafka a refund names its payment's customer, "
                        + "whose partition holds the payment");
            }
            if (customer.isPresent() && !customer.get().equals(k)) {
                return refused(k, event.id(), context + ": " + (k == null
                        ? "key is missing: a " + event.typeName() + " is keyed by its customer \"" + customer.get() + "\""
                        : "key \"" + k + "\" differs from the " + event.typeName() + "'s customer \"" + customer.get()
                                + "\": a customer's events are keyed by its id"));
            }
            if (customer.isEmpty() && k != null) {
                return refused(k, event.id(), context + ": key \"" + k + "\" must be absent: a " + event.typeName()
                        + " names no customer and goes to every partition");
            }
            return new Accepted(k, event);
        } catch (ReferralKitException e) {
            return new Refused(k, Rejection.of(id, e.withContext(type + " " + id)));
        }
    }

    private static Refused refused(String key, String id, String message) {
        return new Refused(key, ImmutableRejection.builder().event(id).code(RejectionCode.INVALID_EVENT).message(message).build());
    }

    private static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
