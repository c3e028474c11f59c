package dev.referralkit.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.referralkit.engine.Scenario;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.program.Partner;
import dev.referralkit.program.Program;
import java.util.List;
import java.util.Objects;

/**
 * A program, its partners and an event history (events as JSON, so malformed events can be part of
 * it). Immutable; {@link #toScenarioJson()} writes it as a FORMATS.md scenario for a bug report.
 */
public final class History {
    private final Program program;
    private final List<Partner> partners;
    private final List<JsonNode> events;

    /**
     * @param program  the program
     * @param partners its partners
     * @param events   the events in order
     */
    public History(Program program, List<Partner> partners, List<JsonNode> events) {
        this.program = Objects.requireNonNull(program, "program");
        this.partners = List.copyOf(partners);
        this.events = List.copyOf(events);
    }

    /**
     * Reads a scenario's program, partners and events.
     *
     * @param scenario a scenario
     * @return its history
     */
    public static History of(Scenario scenario) {
        return new History(scenario.program(), scenario.partners(), scenario.events());
    }

    /** @return the program */
    public Program program() {
        return program;
    }

    /** @return the partners */
    public List<Partner> partners() {
        return partners;
    }

    /** @return the events */
    public List<JsonNode> events() {
        return events;
    }

    /**
     * @param newEvents other events
     * @return this history with them
     */
    public History withEvents(List<JsonNode> newEvents) {
        return new History(program, partners, newEvents);
    }

    /** @return the history as scenario JSON, to paste into a test or an issue */
    public String toScenarioJson() {
        ObjectNode root = ReferralKitJson.mapper().createObjectNode();
        root.put("name", "generated history");
        root.set("program", ReferralKitJson.mapper().valueToTree(program));
        root.set("partners", ReferralKitJson.mapper().valueToTree(partners));
        ArrayNode list = root.putArray("events");
        events.forEach(list::add);
        return root.toPrettyString();
    }

    @Override
    public String toString() {
        return toScenarioJson();
    }
}
