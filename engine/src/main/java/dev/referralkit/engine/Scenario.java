package dev.referralkit.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.ledger.Balances;
import dev.referralkit.ledger.Binding;
import dev.referralkit.ledger.Entry;
import dev.referralkit.ledger.HoldChange;
import dev.referralkit.ledger.RiskDecision;
import dev.referralkit.ledger.Withheld;
import dev.referralkit.program.Period;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole story in one file (FORMATS.md §2): a program, its partners, its events, optionally
 * {@code asOf} and what must come out ({@code expect}). Events stay JSON until processed, so a
 * malformed event is rejected by the engine like any other rather than failing the whole file.
 */
public final class Scenario {
    private static final Set<String> KEYS = Set.of("name", "program", "partners", "events", "asOf", "expect", "statements");

    private final String name;
    private final Program program;
    private final List<Partner> partners;
    private final List<JsonNode> events;
    private final Optional<Instant> asOf;
    private final Optional<JsonNode> expect;
    private final List<String> warnings;
    private final Optional<Period> statements;

    private Scenario(String name, Program program, List<Partner> partners, List<JsonNode> events,
                     Optional<Instant> asOf, Optional<JsonNode> expect, List<String> warnings, Optional<Period> statements) {
        this.statements = statements;
        this.name = name;
        this.program = program;
        this.partners = partners;
        this.events = events;
        this.asOf = asOf;
        this.expect = expect;
        this.warnings = warnings;
    }

    /**
     * Reads a scenario. Every refusal is located in the scenario's text by line, column and JSON pointer,
     * like {@code line 3, column 41: /program/rewards/payment/percent: percent "1001" must be between 0 and
     * 1000} or {@code /partners/2/parent: parent "p9" is not a partner}; the caller adds the file name.
     * Warnings (see {@link #warnings()}) are logged at WARN.
     *
     * @param json the scenario's JSON text
     * @return the scenario
     * @throws ReferralKitException {@code INVALID_PROGRAM}, located
     */
    public static Scenario parse(String json) {
        String text = ReferralKitJson.withoutByteOrderMark(json);
        JsonNode root = ReferralKitJson.readTree(text, RejectionCode.INVALID_PROGRAM);
        if (!root.isObject()) {
            throw refusal(text, "", "a scenario is a JSON object with program, partners and events");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw refusal(text, "/" + key.replace("~", "~0").replace("/", "~1"),
                        "\"" + key + "\" is not a known key; allowed: asOf, events, expect, name, partners, program, statements");
            }
        }
        String name = root.path("name").asText("");
        if (!root.has("program")) {
            throw refusal(text, "", "missing required key(s): program");
        }
        Program program;
        try {
            program = ReferralKitJson.read(root.get("program"), Program.class, RejectionCode.INVALID_PROGRAM).validate();
        } catch (ReferralKitException e) {
            throw ReferralKitJson.locate(e, text, "/program");
        }
        List<Partner> partners = new ArrayList<>();
        JsonNode list = root.path("partners");
        if (!list.isMissingNode() && !list.isArray()) {
            throw refusal(text, "/partners", "must be an array of partners");
        }
        for (int i = 0; i < list.size(); i++) {
            try {
                partners.add(ReferralKitJson.read(list.get(i), Partner.class, RejectionCode.INVALID_PROGRAM));
            } catch (ReferralKitException e) {
                throw ReferralKitJson.locate(e, text, "/partners/" + i);
            }
        }
        List<String> warnings = new ArrayList<>();
        program.warnings().forEach(w -> warnings.add("/program" + w));
        warnings.addAll(PartnerChecks.check(program, partners, text, "/partners"));
        JsonNode eventList = root.path("events");
        if (!eventList.isArray()) {
            throw refusal(text, "/events", "must be an array of events");
        }
        List<JsonNode> events = new ArrayList<>();
        eventList.forEach(events::add);
        Optional<Instant> asOf = Optional.empty();
        if (root.hasNonNull("asOf")) {
            try {
                asOf = Optional.of(Instant.from(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(root.get("asOf").asText())));
            } catch (java.time.DateTimeException e) {
                throw ReferralKitJson.locate(ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "asOf", root.get("asOf").asText(),
                        "is not an ISO-8601 instant with Z or an offset"), text, "");
            }
        }
        Optional<Period> statements = Optional.empty();
        if (root.has("statements")) {
            JsonNode p = root.get("statements");
            String by = p.isTextual() ? p.textValue() : "";
            if (!by.equals("month") && !by.equals("quarter") && !by.equals("year")) {
                throw refusal(text, "/statements", "statements are by \"month\", \"quarter\" or \"year\", not " + p);
            }
            statements = Optional.of(Period.fromJson(by));
        }
        Optional<JsonNode> expect = Optional.ofNullable(root.get("expect")).filter(n -> !n.isNull());
        try {
            expect.ifPresent(ScenarioCheck::validate);
        } catch (ReferralKitException e) {
            throw ReferralKitJson.locate(e, text, "");
        }
        Logger log = LoggerFactory.getLogger(Scenario.class);
        warnings.forEach(w -> log.warn("scenario{}: {}", name.isEmpty() ? "" : " " + name, w));
        return new Scenario(name, program, List.copyOf(partners), List.copyOf(events), asOf, expect, List.copyOf(warnings), statements);
    }

    private static ReferralKitException refusal(String text, String pointer, String what) {
        return ReferralKitJson.locate(ReferralKitException.of(RejectionCode.INVALID_PROGRAM, "", null, what).at(pointer), text, "");
    }

    /**
     * What loads but deserves a look: the program's warnings and those on partners' own rewards (see
     * {@link Program#warnings()}), each starting with its JSON pointer in the scenario, like
     * {@code /program/rewards/payment/rules/0/when/field: ...}.
     *
     * @return the warnings, empty when there are none
     */
    public List<String> warnings() {
        return warnings;
    }

    /** @return the period of the statements the scenario asks for (extension, docs/payouts.md §5), if any */
    public Optional<Period> statements() {
        return statements;
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
        List<RiskDecision> decisions = new ArrayList<>();
        List<HoldChange> holds = new ArrayList<>();
        List<Withheld> withheld = new ArrayList<>();
        Statements statements = this.statements.map(p -> Statements.of(program, p)).orElse(null);
        for (JsonNode node : events) {
            Outcome outcome = engine.process(node);
            entries.addAll(outcome.entries());
            payouts.addAll(outcome.payouts());
            outcome.binding().ifPresent(bindings::add);
            outcome.rejection().ifPresent(rejected::add);
            decisions.addAll(outcome.decisions());
            holds.addAll(outcome.holds());
            withheld.addAll(outcome.withheld());
            if (statements != null && outcome.isAccepted()) {
                statements.accept(instantOf(node), outcome);
            }
        }
        Instant when = asOf();
        return ImmutableResult.builder().entries(entries).payouts(payouts)
                .balances(Balances.derive(entries, payouts, holds, when)).bindings(bindings).rejected(rejected)
                .decisions(decisions).holds(holds).withheld(withheld)
                .statements(statements == null ? List.of() : statements.build()).build();
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
