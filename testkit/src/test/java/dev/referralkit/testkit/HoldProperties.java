package dev.referralkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.referralkit.engine.Outcome;
import dev.referralkit.engine.ReferralEngine;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.ledger.Balance;
import dev.referralkit.ledger.Entry;
import dev.referralkit.ledger.EntryKind;
import dev.referralkit.ledger.HoldChange;
import dev.referralkit.ledger.HoldStatus;
import dev.referralkit.program.ImmutableProgram;
import dev.referralkit.program.Program;
import dev.referralkit.risk.ImmutableApprovalThresholdCheck;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Holds over generated histories (docs/payouts.md §2): a program that holds every commission, with each hold released
 * at a random later point, makes the same ledger as the program without holds, apart from timing (the same entries but
 * payouts; the same unsettled-plus-paid totals); with holds voided at random, every void nets to zero and every
 * invariant of {@link ProgramInvariants} still holds.
 */
class HoldProperties {
    static final long SEED = Long.getLong("referralkit.seed", 20261201L);
    static final int HISTORIES = Integer.getInteger("referralkit.holdHistories", 400);
    private static final Set<String> TIMING = Set.of("review", "payout_confirmed", "payout_failed");

    /** The program without risk checks, and the same holding every commission above zero for review. */
    static Program[] programs(Program generated) {
        Program none = ImmutableProgram.copyOf(generated).withRisk(List.of());
        Program holding = ImmutableProgram.copyOf(none).withRisk(List.of(ImmutableApprovalThresholdCheck.builder()
                .putAmount("USD", new BigDecimal("0.00")).putAmount("EUR", new BigDecimal("0.00")).putAmount("JPY", new BigDecimal("0"))
                .putAmount("KWD", new BigDecimal("0.000")).build()));
        return new Program[] {none, holding};
    }

    /** The history's events without those whose effect depends on payout timing or on holds (decided here instead). */
    static List<JsonNode> events(History h) {
        List<JsonNode> kept = new ArrayList<>();
        h.events().stream().filter(e -> !TIMING.contains(e.path("type").asText())).forEach(kept::add);
        return kept;
    }

    /**
     * The events with a review of each hold the holding program places, at a random later point.
     *
     * @param voids the chance in 100 that a review voids rather than releases
     */
    static List<JsonNode> reviewed(Program holding, History h, List<JsonNode> events, SplittableRandom r, int voids) {
        ReferralEngine engine = ReferralEngine.create(holding, h.partners());
        Map<Integer, List<String[]>> at = new TreeMap<>(); // insertion point: partner, entry
        for (int i = 0; i < events.size(); i++) {
            Outcome o = engine.process(events.get(i));
            for (HoldChange c : o.holds()) {
                if (c.status() == HoldStatus.HELD && c.entry().equals(c.hold())) {
                    int j = i + 1 + r.nextInt(events.size() - i);
                    at.computeIfAbsent(j, k -> new ArrayList<>()).add(new String[] {c.partner(), c.entry()});
                }
            }
        }
        List<JsonNode> out = new ArrayList<>();
        Instant latest = Instant.parse("2026-01-01T00:00:00Z");
        int n = 0;
        ReferralEngine probe = ReferralEngine.create(holding, h.partners());
        for (int i = 0; i <= events.size(); i++) {
            for (String[] review : at.getOrDefault(i, List.of())) {
                latest = latest.plusMillis(1);
                ObjectNode e = ReferralKitJson.mapper().createObjectNode();
                e.put("type", "review").put("id", "rv-" + n++).put("at", latest.toString()).put("partner", review[0])
                        .put("entry", review[1]).put("decision", r.nextInt(100) < voids ? "void" : "release");
                out.add(e);
                probe.process(e);
            }
            if (i < events.size()) {
                out.add(events.get(i));
                if (probe.process(events.get(i)).isAccepted()) {
                    Instant t = Instant.parse(events.get(i).get("at").asText());
                    latest = t.isAfter(latest) ? t : latest;
                }
            }
        }
        return out;
    }

    private static List<String> ledgerWithoutPayouts(List<Entry> entries) {
        List<String> lines = new ArrayList<>();
        for (Entry e : entries) {
            if (e.kind() != EntryKind.PAYOUT) {
                lines.add(e.id() + " " + e.kind() + " " + e.partner() + " " + e.amount().toPlainString() + " " + e.currency() + " "
                        + e.availableAt() + " " + e.event());
            }
        }
        lines.sort(null);
        return lines;
    }

    private static Map<String, BigDecimal> totals(ReferralEngine engine) {
        Map<String, BigDecimal> totals = new TreeMap<>();
        for (Balance b : engine.balances(Instant.MAX)) {
            totals.put(b.partner() + " " + b.currency(), b.pending().add(b.available()).add(b.held().orElse(BigDecimal.ZERO)).add(b.paid()));
        }
        return totals;
    }

    @Test
    void hold_then_release_gives_the_ledger_of_no_hold_apart_from_timing() {
        int holds = 0;
        for (long seed = SEED; seed < SEED + HISTORIES; seed++) {
            History h = Histories.standard().histories().generate(seed);
            Program[] p = programs(h.program());
            List<JsonNode> events = events(h);
            List<JsonNode> reviewed = reviewed(p[1], h, events, new SplittableRandom(seed), 0);
            ReferralEngine plain = ReferralEngine.create(p[0], h.partners());
            ReferralEngine held = ReferralEngine.create(p[1], h.partners());
            List<Entry> a = new ArrayList<>();
            List<Entry> b = new ArrayList<>();
            events.forEach(e -> a.addAll(plain.process(e).entries()));
            for (JsonNode e : reviewed) {
                Outcome o = held.process(e);
                if (e.path("type").asText().equals("review")) {
                    assertThat(o.rejection()).as("seed %d: %s", seed, e).isEmpty();
                    holds++;
                }
                b.addAll(o.entries());
            }
            assertThat(ledgerWithoutPayouts(b)).as("seed %d", seed).isEqualTo(ledgerWithoutPayouts(a));
            assertThat(totals(held)).as("seed %d", seed).isEqualTo(totals(plain));
            assertThat(held.balances(Instant.MAX)).as("seed %d: nothing held at the end", seed).allSatisfy(x -> assertThat(x.held()).isEmpty());
        }
        assertThat(holds).as("holds placed and released").isGreaterThan(HISTORIES);
    }

    @Test
    void a_voided_hold_nets_to_zero_and_every_invariant_still_holds() {
        int voids = 0;
        for (long seed = SEED; seed < SEED + HISTORIES / 2; seed++) {
            History h = Histories.standard().histories().generate(seed);
            Program[] p = programs(h.program());
            List<JsonNode> reviewed = reviewed(p[1], h, h.events(), new SplittableRandom(seed), 50);
            voids += (int) reviewed.stream().filter(e -> e.path("decision").asText().equals("void")).count();
            History withReviews = new History(p[1], h.partners(), reviewed);
            List<Violation> violations = ProgramInvariants.violations(withReviews);
            assertThat(violations).as("seed %d: %s", seed, withReviews).isEmpty();
        }
        assertThat(voids).as("voids").isGreaterThan(HISTORIES / 4);
    }
}
