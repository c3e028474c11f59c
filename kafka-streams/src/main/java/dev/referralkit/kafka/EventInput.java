package dev.referralkit.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.event.Event;
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
 * a key that differs from the event's customer is refused. A record without a key goes to every
 * customer partition: payout runs and partner changes, which concern every customer and partner.
 *
 * <p>{@link #read} never throws: a record that is not a valid event (missing value, bytes that are not
 * UTF-8, not JSON, not a valid event, a wrong key) becomes a {@link Rejection} with code
 * {@code INVALID_EVENT} (or the more precise code the event check gave) and a message in
 * ReferralKit's words, for the rejections topic. It never stops the application.
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
            return refused(null, "?", "key", "is not UTF-8 text");
        }
        if (value == null) {
            return refused(k, "?", "value", "is missing: an input record holds one event as JSON");
        }
        Optional<String> json = utf8(value);
        if (json.isEmpty()) {
            return refused(k, "?", "value", "is not UTF-8 text: an input record holds one event as JSON");
        }
        String id = "?";
        try {
            JsonNode tree = ReferralKitJson.readTree(json.get(), RejectionCode.INVALID_EVENT);
            JsonNode idNode = tree.path("id");
            if (idNode.isTextual() && !idNode.textValue().isEmpty() && idNode.textValue().length() <= 128) {
                id = idNode.textValue();
            }
            Event event = ReferralKitJson.read(tree, Event.class, RejectionCode.INVALID_EVENT);
            Optional<String> customer = event.customerId();
            if (customer.isPresent() && !customer.get().equals(k)) {
                return refused(k, id, "key", k == null
                        ? "is missing: a " + event.typeName() + " is keyed by its customer \"" + customer.get() + "\""
                        : "\"" + k + "\" differs from the " + event.typeName() + "'s customer \"" + customer.get()
                                + "\": a customer's events are keyed by its id");
            }
            return new Accepted(k, event);
        } catch (ReferralKitException e) {
            return new Refused(k, Rejection.of(id, e));
        }
    }

    private static Refused refused(String key, String id, String field, String problem) {
        return new Refused(key, ImmutableRejection.builder().event(id).code(RejectionCode.INVALID_EVENT)
                .message(field + " " + problem).build());
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
