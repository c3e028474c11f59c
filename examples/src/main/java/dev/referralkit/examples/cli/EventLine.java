package dev.referralkit.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.engine.Outcome;
import dev.referralkit.engine.ReferralEngine;
import dev.referralkit.event.Event;
import dev.referralkit.json.ReferralKitJson;

/**
 * One non-blank line of an events file, read the same way by every command that streams one ({@code run},
 * {@code report}, {@code payouts}): a well-formed event is read once, straight into an {@link Event};
 * anything else is read again as a tree, to tell an input error (not JSON, or not a JSON object: exit 2,
 * naming the file and line) from an event the engine rejects with its code. Before all that, the common
 * event types are tried on {@link EventReader}'s fast path (over the line's bytes when they are ASCII),
 * which gives the same event or declines, leaving the line to the path above.
 *
 * @param event the event, or null when the line is a JSON object that is not a valid event
 * @param node  that object, for the engine to reject (null when {@code event} is set)
 */
record EventLine(Event event, JsonNode node) {
    /** Off only in tests, which compare what the commands do with and without the fast path. */
    static boolean fastPath = true;

    /**
     * Reads the current line of {@code lines}: first on the fast path, then, if it declines, as {@link #read(String, JsonLines)}.
     *
     * @param lines the file, at a line that is not blank
     * @return the event, or the object the engine will reject
     * @throws InputException when the line is not a JSON object
     */
    static EventLine read(JsonLines lines) {
        if (!fastPath) {
            return read(lines.text(), lines);
        }
        Event fast;
        if (lines.ascii()) {
            fast = EventReader.readPlain(lines.bytes(), lines.offset(), lines.length());
            if (fast == null) {
                fast = EventReader.read(lines.bytes(), lines.offset(), lines.length());
            }
        } else {
            fast = EventReader.read(lines.text());
        }
        return fast != null ? new EventLine(fast, null) : read(lines.text(), lines);
    }

    /**
     * @param line  the line, not blank
     * @param lines the file it came from, for the location of an error
     * @return the event, or the object the engine will reject
     * @throws InputException when the line is not a JSON object
     */
    static EventLine read(String line, JsonLines lines) {
        try {
            return new EventLine(ReferralKitJson.mapper().readValue(line, Event.class), null);
        } catch (JsonProcessingException | RuntimeException e) {
            // read again as a tree below, to tell bad input from a rejected event
        }
        JsonNode node;
        try {
            node = ReferralKitJson.readTree(line, RejectionCode.INVALID_EVENT);
        } catch (ReferralKitException e) {
            throw new InputException(lines.file() + ":" + lines.number(), e.getMessage());
        }
        if (!node.isObject()) {
            throw new InputException(lines.file() + ":" + lines.number(), "an event is a JSON object");
        }
        return new EventLine(null, node);
    }

    /** @return the engine's outcome for this line */
    Outcome processBy(ReferralEngine engine) {
        return event != null ? engine.process(event) : engine.process(node);
    }
}
