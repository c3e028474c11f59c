package dev.referralkit.reports;

import com.fasterxml.jackson.databind.JsonNode;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.engine.ReferralEngine;
import dev.referralkit.engine.ReferralProgram;
import dev.referralkit.event.Event;
import dev.referralkit.json.ReferralKitJson;

/** Reports of a program re-run from its events: the engine decides, the builder counts. */
public final class Reports {
    private Reports() {
    }

    /**
     * Runs a fresh engine over the events and reports what it made of them.
     *
     * @param program the program and its partners
     * @param events  the events, in order
     * @param options the report's options
     * @return the report, with balances at the last accepted event's instant
     */
    public static Report run(ReferralProgram program, Iterable<? extends Event> events, ReportOptions options) {
        ReferralEngine engine = ReferralEngine.create(program);
        ReportBuilder builder = ReportBuilder.create(program, options);
        for (Event e : events) {
            builder.accept(e, engine.process(e));
        }
        return builder.build();
    }

    /**
     * Like {@link #run}, from events as JSON (a scenario's, or lines of a JSON Lines file): an
     * unreadable event is rejected by the engine and counts as rejected.
     *
     * @param program the program and its partners
     * @param events  the events' JSON, in order
     * @param options the report's options
     * @return the report, with balances at the last accepted event's instant
     */
    public static Report runJson(ReferralProgram program, Iterable<JsonNode> events, ReportOptions options) {
        ReferralEngine engine = ReferralEngine.create(program);
        ReportBuilder builder = ReportBuilder.create(program, options);
        for (JsonNode node : events) {
            Event event;
            try {
                event = ReferralKitJson.read(node, Event.class, RejectionCode.INVALID_EVENT);
            } catch (ReferralKitException e) {
                builder.accept(null, engine.process(node));
                continue;
            }
            builder.accept(event, engine.process(event));
        }
        return builder.build();
    }
}
