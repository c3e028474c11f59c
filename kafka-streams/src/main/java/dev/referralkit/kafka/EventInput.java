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
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The input topic's contract: what a record on it may be, and how the topology reads it.
 *
 * <ul>
 *   <li><b>An event</b>: the value is one event as JSON (FORMATS.md §2, UTF-8). An event that names
 *       a customer is keyed by that customer's id (UTF-8), so that all of a customer's events are in
 *       one partition, in order; a key that differs from the event's customer is refused.</li>
 *   <li><b>A payout run</b> is an event too, but it concerns every partner: the host writes it to
 *       <em>every</em> partition ({@link #sendToEveryPartition}), at its place in each partition's
 *       order, so that every customer partition has seen everything before it.</li>
 *   <li><b>A clock</b> (a control record, not an event): header {@value #CONTROL_HEADER} =
 *       {@value #CLOCK}, value an ISO-8601 instant, written to every partition. It promises that no
 *       event before that instant follows in the partition; the partner stage needs such promises
 *       from every customer partition before it may process anything in event-time order (see the
 *       package documentation). Build one with {@link #clock}.</li>
 * </ul>
 *
 * <p>{@link #read} never throws: a record that is none of these (missing value, bytes that are not
 * UTF-8, not JSON, not a valid event, a wrong key, an unreadable clock) becomes a
 * {@link Rejection} with code {@code INVALID_EVENT} (or the more precise code the event check gave)
 * and a message in ReferralKit's words, for the rejections topic. It never stops the application.
 */
public final class EventInput {
    /** The header that marks a control record. */
    public static final String CONTROL_HEADER = "referralkit-control";
    /** The {@value #CONTROL_HEADER} value of a clock record. */
    public static final String CLOCK = "clock";

    private EventInput() {
    }

    /** What an input record turned out to be. */
    public sealed interface Read permits Accepted, Clock, Refused {
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
     * A clock record: no event before {@code at} follows in this partition.
     *
     * @param at the instant
     */
    public record Clock(Instant at) implements Read {
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
     * @param key     the record key, may be null
     * @param value   the record value, may be null
     * @param headers the record headers, may be null
     * @return what it is, never null; never throws
     */
    public static Read read(byte[] key, byte[] value, Headers headers) {
        Optional<String> keyText = key == null ? Optional.empty() : utf8(key);
        String k = keyText.orElse(null);
        if (key != null && keyText.isEmpty()) {
            return refused(null, "?", "key", "is not UTF-8 text");
        }
        Header control = headers == null ? null : headers.lastHeader(CONTROL_HEADER);
        if (control != null) {
            return control(k, control, value);
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

    private static Read control(String key, Header control, byte[] value) {
        Optional<String> kind = control.value() == null ? Optional.empty() : utf8(control.value());
        if (kind.isEmpty() || !kind.get().equals(CLOCK)) {
            return refused(key, "?", CONTROL_HEADER, "header \"" + kind.orElse("") + "\" is not a known control record; "
                    + "known: " + CLOCK);
        }
        Optional<String> text = value == null ? Optional.empty() : utf8(value);
        if (text.isEmpty()) {
            return refused(key, "?", "value", "of a clock record must be an ISO-8601 instant");
        }
        try {
            return new Clock(Instant.parse(text.get().strip()));
        } catch (DateTimeParseException e) {
            return refused(key, "?", "value", "of a clock record must be an ISO-8601 instant, not \""
                    + abbreviate(text.get()) + "\"");
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

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    /**
     * The headers of a clock record.
     *
     * @return fresh headers holding {@value #CONTROL_HEADER} = {@value #CLOCK}
     */
    public static Headers clockHeaders() {
        return new RecordHeaders().add(CONTROL_HEADER, CLOCK.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The value of a clock record.
     *
     * @param at the instant promised
     * @return its bytes
     */
    public static byte[] clock(Instant at) {
        return at.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes one record to every partition of a topic, for payout runs and clock records. With a
     * transactional producer, call it inside the transaction so that every partition gets it or none.
     *
     * @param producer the host's producer
     * @param topic    the input topic
     * @param key      the key (payout runs and clocks need none), may be null
     * @param value    the value
     * @param headers  the headers, may be null
     * @return one future per partition, in partition order
     */
    public static List<Future<RecordMetadata>> sendToEveryPartition(Producer<byte[], byte[]> producer, String topic,
            byte[] key, byte[] value, Headers headers) {
        List<PartitionInfo> partitions = producer.partitionsFor(topic);
        return partitions.stream().map(PartitionInfo::partition).sorted()
                .map(p -> producer.send(new ProducerRecord<>(topic, p, key, value,
                        headers == null ? null : new RecordHeaders(headers.toArray()))))
                .toList();
    }
}
