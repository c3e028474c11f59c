package dev.referralkit.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.ledger.Balances;
import dev.referralkit.ledger.Binding;
import dev.referralkit.ledger.Entry;
import dev.referralkit.ledger.ImmutableResult;
import dev.referralkit.ledger.Payout;
import dev.referralkit.ledger.Rejection;
import dev.referralkit.ledger.Result;
import dev.referralkit.program.Partner;
import dev.referralkit.program.Program;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A whole story in one file (FORMATS.md §2): a program, its partners, its events, optionally
 * {@code asOf} and what must come out ({@code expect}). Events stay JSON until processed, so a
 * malformed event is rejected by the engine like any other rather than failing the whole file.
 */
public final class Scenario {
    private static final Set<String> KEYS = Set.of("name", "program", "partners", "events", "asOf", "expect");

    private final String name;
    private final Program program;
    private final List<Partner> partners;
    private final List<JsonNode> events;
    private final Optional<Instant> asOf;
    private final Optional<JsonNode> expect;

    private Scenario(String name, Program program, List<Partner> partners, List<JsonNode> events,
                     Optional<Instant> asOf, Optional<JsonNode> expect) {
        this.name = name;
        this.program = program;
        this.partners = partners;
        this.events = events;
        this.asOf = asOf;
        this.expect = expect;
    }

    /**
     * Reads a scenario.
     *
     * @param json the scenario's JSON text
     * @return the scenario
     * @throws ReferralKitException {@code INVALID_PROGRAM} naming the JSON path of what is wrong
     */
    public static Scenario parse(String json) {
        JsonNode root = ReferralKitJson.readTree(json, RejectionCode.INVALID_PROGRAM);
        if (!root.isObject()) {
            throw ReferralKitException.of(RejectionCode.INVALID_PROGRAM, "/", null, "a scenario is a JSON object");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw ReferralKitException.of(RejectionCode.INVALID_PROGRAM, "/" + key, null,
                        "/" + key + " is not a known key; allowed: asOf, events, expect, name, partners, program");
            }
        }
        String name = root.path("name").asText("");
        if (!root.has("program")) {
            throw ReferralKitException.of(RejectionCode.INVALID_PROGRAM, "/program", null, "/program is required");
        }
        Program program;
        try {
            program = ReferralKitJson.read(root.get("program"), Program.class, RejectionCode.INVALID_PROGRAM).validate();
        } catch (ReferralKitException e) {
            throw e.recoded(RejectionCode.INVALID_PROGRAM, "/program");
        }
        List<Partner> partners = new ArrayList<>();
        JsonNode list = root.path("partners");
        if (!list.isMissingNode() && !list.isArray()) {
            throw ReferralKitException.of(RejectionCode.INVALID_PROGRAM, "/partners", null, "/partners must be an array");
        }
        for (int i = 0; i < list.size(); i++) {
            try {
                partners.add(ReferralKitJson.read(list.get(i), Partner.class, RejectionCode.INVALID_PROGRAM));
            } catch (ReferralKitException e) {
                throw e.recoded(RejectionCode.INVALID_PROGRAM, "/partners/" + i);
            }
        }
        JsonNode eventList = root.path("events");
        if (!eventList.isArray()) {
            throw ReferralKitException.of(RejectionCode.INVALID_PROGRAM, "/events", null, "/events must be an array");
        }
        List<JsonNode> events = new ArrayList<>();
        eventList.forEach(events::add);
        Optional<Instant> asOf = Optional.empty();
        if (root.hasNonNull("asOf")) {
            try {
                asOf = Optional.of(Instant.from(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(root.get("asOf").asText())));
            } catch (java.time.DateTimeException e) {
                throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "/asOf", root.get("asOf").asText(),
                        "is not an ISO-8601 instant with Z or an offset");
            }
        }
        Optional<JsonNode> expect = Optional.ofNullable(root.get("expect")).filter(n -> !n.isNull());
        expect.ifPresent(ScenarioCheck::validate);
        return new Scenario(name, program, List.copyOf(partners), List.copyOf(events), asOf, expect);
    }

    /** @return the scenario's name */
    public String name() {
        return name;
    }

    /** @return the program */
    public Program program() {
        return program;
    }

    /** @return the partners */
    public List<Partner> partners() {
        return partners;
    }

    /** @return the events as JSON, in order */
    public List<JsonNode> events() {
        return events;
    }

    /** @return the instant of the balances: {@code asOf}, or the last event's {@code at} */
    public Instant asOf() {
        if (asOf.isPresent()) {
            return asOf.get();
        }
        Instant last = null;
        for (JsonNode node : events) {
            Instant at = instantOf(node);
            if (at != null) {
                last = at;
            }
        }
        return last == null ? Instant.EPOCH : last;
    }

    /** @return the expectations, if any */
    public Optional<JsonNode> expect() {
        return expect;
    }

    /**
     * Runs the events through a new engine.
     *
     * @return everything that came out, with balances at {@code asOf} (default: the last event's {@code at})
     */
    public Result run() {
        ReferralEngine engine = ReferralEngine.create(program, partners);
        List<Entry> entries = new ArrayList<>();
        List<Payout> payouts = new ArrayList<>();
        List<Binding> bindings = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        for (JsonNode node : events) {
            Outcome outcome = engine.process(node);
            entries.addAll(outcome.entries());
            payouts.addAll(outcome.payouts());
            outcome.binding().ifPresent(bindings::add);
            outcome.rejection().ifPresent(rejected::add);
        }
        Instant when = asOf();
        return ImmutableResult.builder().entries(entries).payouts(payouts)
                .balances(Balances.derive(entries, payouts, when)).bindings(bindings).rejected(rejected).build();
    }

    private static Instant instantOf(JsonNode node) {
        if (node == null || !node.path("at").isTextual()) {
            return null;
        }
        try {
            return Instant.from(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(node.get("at").textValue()));
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /**
     * Runs the scenario and compares with its {@code expect} (FORMATS.md §3, "Checking").
     *
     * @return the comparison
     */
    public ScenarioCheck check() {
        Result result = run();
        return ScenarioCheck.compare(name, (ObjectNode) ReferralKitJson.mapper().valueToTree(result), expect);
    }
}
