package dev.referralkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.referralkit.RejectionCode;
import dev.referralkit.engine.Outcome;
import dev.referralkit.engine.ReferralEngine;
import dev.referralkit.engine.Statements;
import dev.referralkit.event.Event;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.ledger.Statement;
import dev.referralkit.program.ImmutablePartner;
import dev.referralkit.program.Period;
import dev.referralkit.program.Program;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Mirrors the statements example of README.md ("Holds, payouts and statements") line for line. */
class ReadmeStatementsTest {
    @Test
    void the_readme_statements_example_reports_a_hold_and_reconciles() {
        Program program = Program.parse("""
                {"currency": "USD", "holdDays": 0, "rewards": {"payment": {"type": "percent", "percent": "20"}},
                 "risk": [{"type": "approval_threshold", "amount": {"USD": "10.00"}}]}""");
        ReferralEngine engine = ReferralEngine.create(program, List.of(ImmutablePartner.builder().id("p1").build()));
        List<Event> events = new ArrayList<>();
        for (String json : List.of(
                "{\"type\":\"touch\",\"id\":\"t1\",\"at\":\"2026-03-01T10:00:00Z\",\"partner\":\"p1\",\"customer\":\"c1\",\"channel\":\"link\"}",
                "{\"type\":\"payment\",\"id\":\"i1\",\"at\":\"2026-03-02T10:00:00Z\",\"customer\":\"c1\",\"amount\":\"100.00\",\"currency\":\"USD\"}")) {
            events.add(ReferralKitJson.read(json, Event.class, RejectionCode.INVALID_EVENT));
        }
        List<String> alerts = new ArrayList<>();
        // --- README: statements ---
        Statements statements = Statements.of(program, Period.MONTH);
        for (Event event : events) {
            Outcome outcome = engine.process(event);
            outcome.decisions().forEach(d -> alerts.add(d.code() + ": " + d.explanation()));   // flagged, held, rejected
            statements.accept(event, outcome);
        }
        List<Statement> march = statements.build();
        // --- end ---
        assertThat(alerts).containsExactly("NEEDS_APPROVAL: commission 20.00 USD is above 10.00 USD, which needs approval");
        assertThat(march).singleElement().satisfies(s -> {
            assertThat(s.period()).isEqualTo("2026-03");
            assertThat(s.closing()).isEqualByComparingTo("20.00");
            assertThat(s.held()).isEqualByComparingTo("20.00");
        });
    }
}
