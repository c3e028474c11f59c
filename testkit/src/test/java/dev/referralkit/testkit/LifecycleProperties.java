package dev.referralkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.referralkit.RejectionCode;
import dev.referralkit.engine.Outcome;
import dev.referralkit.engine.ReferralEngine;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.ledger.Entry;
import dev.referralkit.ledger.EntryKind;
import dev.referralkit.money.Percent;
import dev.referralkit.program.CapScope;
import dev.referralkit.program.ImmutableProgram;
import dev.referralkit.program.ImmutableRewards;
import dev.referralkit.program.ImmutableVersion;
import dev.referralkit.program.Partner;
import dev.referralkit.program.Program;
import dev.referralkit.program.Rewards;
import dev.referralkit.reward.Reward;
import dev.referralkit.rules.CapReward;
import dev.referralkit.rules.ImmutableFlatReward;
import dev.referralkit.rules.ImmutablePercentReward;
import dev.referralkit.rules.ImmutableRecurringReward;
import dev.referralkit.rules.TierMode;
import dev.referralkit.rules.TieredReward;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * docs/lifecycle.md over generated histories: rejected lead stages, registrations and decisions leave the
 * state byte for byte as it was; a grandfathered customer's commissions never change when a later version
 * is added, and a snapshot restored under the program with that version continues exactly as a run that
 * had it from the start. (The level rule's own properties are the engine's {@code LevelRuleProperties}.)
 */
class LifecycleProperties {
    static final long SEED = Long.getLong("referralkit.seed", 20261129L);
    static final int HISTORIES = Integer.getInteger("referralkit.lifecycleHistories", 300);
    private static final Set<String> LIFECYCLE_EVENTS = Set.of("lead_stage", "registration", "registration_decision");

    private static boolean hasLifecycle(Program p) {
        return p.lifecycle().isPresent() || !p.rewards().stages().isEmpty() || p.registrations().isPresent() || p.levels().isPresent();
    }

    @Test
    void every_rejected_lifecycle_event_leaves_the_state_byte_identical() {
        Map<RejectionCode, Integer> codes = new EnumMap<>(RejectionCode.class);
        int histories = 0;
        int accepted = 0;
        int stageCommissions = 0;
        for (long seed = SEED; histories < HISTORIES; seed++) {
            History h = Histories.standard().histories().generate(seed);
            if (!hasLifecycle(h.program())) {
                continue;
            }
            histories++;
            ReferralEngine engine = ReferralEngine.create(h.program(), h.partners());
            for (JsonNode e : h.events()) {
                if (!LIFECYCLE_EVENTS.contains(e.path("type").asText())) {
                    engine.process(e);
                    continue;
                }
                String before = engine.snapshot();
                Outcome o = engine.process(e);
                if (o.isAccepted()) {
                    accepted++;
                    stageCommissions += (int) o.entries().stream().filter(x -> x.kind() == EntryKind.COMMISSION).count();
                } else {
                    codes.merge(o.rejection().get().code(), 1, Integer::sum);
                    assertThat(engine.snapshot()).as("seed %d: rejecting %s (%s)", seed, e, o.rejection().get().message())
                            .isEqualTo(before);
                }
            }
        }
        // the property is not vacuous: every kind of refusal happened, and so did accepted stages that earned
        assertThat(codes).containsKeys(RejectionCode.INVALID_TRANSITION, RejectionCode.UNKNOWN_LEAD, RejectionCode.REGISTRATION_CONFLICT,
                RejectionCode.UNKNOWN_REGISTRATION, RejectionCode.INVALID_EVENT);
        System.out.printf("lifecycle histories %d: refused %s, accepted %d, stage commissions %d%n", histories, codes, accepted, stageCommissions);
        assertThat(codes.get(RejectionCode.INVALID_TRANSITION)).isGreaterThan(HISTORIES / 10);
        assertThat(accepted).isGreaterThan(HISTORIES);
        assertThat(stageCommissions).isGreaterThan(HISTORIES / 30);
    }

    @Test
    void a_grandfathered_customers_commissions_never_change_with_a_later_version() {
        int checked = 0;
        int grandfathered = 0;
        for (long seed = SEED; checked < HISTORIES; seed++) {
            History h = Histories.standard().histories().generate(seed);
            if (!customerLocal(h.program(), h.partners()) || h.events().size() < 4) {
                continue;
            }
            SplittableRandom r = new SplittableRandom(seed);
            List<JsonNode> events = h.events();
            Instant t = midnightAfter(at(events.get(1 + r.nextInt(events.size() - 2))));
            Optional<Instant> lastVersion = h.program().versions().stream().map(v -> v.from()).max(Instant::compareTo);
            if (lastVersion.isPresent() && !t.isAfter(lastVersion.get())) {
                t = midnightAfter(lastVersion.get());
            }
            Program base = h.program();
            Program later = ImmutableProgram.copyOf(base).withVersions(append(base, ImmutableVersion.builder().from(t).grandfather(true)
                    .rewards(ImmutableRewards.builder()
                            .payment(ImmutableRecurringReward.builder().reward(ImmutablePercentReward.of(Percent.parse("33"))).build())
                            .lead(ImmutableFlatReward.of(new BigDecimal("7.00")))
                            .putStages("won", ImmutableFlatReward.of(new BigDecimal("99.00"))).build())
                    .build()));
            checked++;
            grandfathered += check(seed, h, base, later, t);
        }
        System.out.printf("grandfathering: %d histories, %d entries of grandfathered customers compared%n", checked, grandfathered);
        assertThat(grandfathered).as("grandfathered commissions compared").isGreaterThan(HISTORIES / 3);
    }

    /** @return how many entries of grandfathered customers after the version were compared */
    private static int check(long seed, History h, Program base, Program later, Instant t) {
        ReferralEngine a = ReferralEngine.create(base, h.partners());
        ReferralEngine b = ReferralEngine.create(later, h.partners());
        ReferralEngine restored = null;
        Map<String, Instant> boundAt = new HashMap<>();
        Map<String, String> types = new HashMap<>();
        Map<String, Entry> entriesA = new TreeMap<>();
        Map<String, Entry> entriesB = new TreeMap<>();
        int compared = 0;
        for (JsonNode e : h.events()) {
            Instant at = at(e);
            if (restored == null && !at.isBefore(t)) {
                // every event so far is before t: a snapshot of the run without the version restores under it
                restored = ReferralEngine.restore(later, a.snapshot());
            }
            Outcome oa = a.process(e);
            Outcome ob = b.process(e);
            if (restored != null) {
                Outcome or = restored.process(e);
                assertThat(outcome(or)).as("seed %d: restored under the added version, %s", seed, e).isEqualTo(outcome(ob));
            }
            if (at.isBefore(t)) {
                assertThat(outcome(ob)).as("seed %d: %s is before the version", seed, e).isEqualTo(outcome(oa));
            }
            if (ob.isAccepted()) {
                types.put(e.get("id").asText(), e.get("type").asText());
                ob.binding().ifPresent(binding -> boundAt.put(binding.customer(), at));
            }
            oa.entries().forEach(x -> entriesA.put(x.id(), x));
            ob.entries().forEach(x -> entriesB.put(x.id(), x));
        }
        for (Map.Entry<String, Entry> x : entriesB.entrySet()) {
            if (grandfathered(x.getValue(), boundAt, types, t)) {
                compared++;
                assertThat(ReferralKitJson.write(x.getValue())).as("seed %d: entry %s of a customer bound before %s", seed, x.getKey(), t)
                        .isEqualTo(entriesA.containsKey(x.getKey()) ? ReferralKitJson.write(entriesA.get(x.getKey())) : "(none without the version)");
            }
        }
        for (Map.Entry<String, Entry> x : entriesA.entrySet()) {
            if (grandfathered(x.getValue(), boundAt, types, t)) {
                assertThat(entriesB).as("seed %d: entry %s of a customer bound before %s", seed, x.getKey(), t).containsKey(x.getKey());
            }
        }
        return compared;
    }

    /** An entry of a customer bound before t, for an event at or after t, that its own terms price (not a click). */
    private static boolean grandfathered(Entry entry, Map<String, Instant> boundAt, Map<String, String> types, Instant t) {
        if (entry.customer().isEmpty() || !boundAt.containsKey(entry.customer().get()) || !boundAt.get(entry.customer().get()).isBefore(t)) {
            return false;
        }
        if (entry.kind() != EntryKind.COMMISSION && entry.kind() != EntryKind.REVERSAL && entry.kind() != EntryKind.PARENT_SHARE) {
            return false;
        }
        return !"touch".equals(types.get(entry.event()));
    }

    private static String outcome(Outcome o) {
        return o.isAccepted() ? ReferralKitJson.write(o.entries()) + ReferralKitJson.write(o.payouts()) + o.notifications()
                : "rejected " + o.rejection().get().code() + ": " + o.rejection().get().message();
    }

    private static List<dev.referralkit.program.Version> append(Program p, dev.referralkit.program.Version v) {
        List<dev.referralkit.program.Version> all = new ArrayList<>(p.versions());
        all.add(v);
        return all;
    }

    private static Instant at(JsonNode e) {
        return Instant.parse(e.get("at").asText());
    }

    private static Instant midnightAfter(Instant at) {
        return at.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
    }

    /**
     * Whether a customer's commissions depend on that customer's own history only: no cap shared by a
     * partner's customers and no retroactive tier (whose true-ups pool a period), in any tree. Where
     * commissions are pooled, the old terms' pool holds only what the old terms paid, so other customers'
     * new terms change what is left in it: that is the pool's meaning, not a change of a customer's terms.
     */
    private static boolean customerLocal(Program program, List<Partner> partners) {
        List<Rewards> all = new ArrayList<>();
        all.add(program.rewards());
        program.groups().values().forEach(g -> g.rewards().ifPresent(all::add));
        program.versions().forEach(v -> {
            v.rewards().ifPresent(all::add);
            v.groups().values().forEach(g -> g.rewards().ifPresent(all::add));
        });
        partners.forEach(p -> p.rewards().ifPresent(all::add));
        return all.stream().flatMap(rw -> rw.trees().stream()).allMatch(tree -> local(tree.reward()));
    }

    private static boolean local(Reward reward) {
        if (reward instanceof CapReward cap && (cap.per() == CapScope.PARTNER_MONTH || cap.per() == CapScope.PARTNER_LIFETIME)) {
            return false;
        }
        if (reward instanceof TieredReward tiered && tiered.mode() == TierMode.RETROACTIVE) {
            return false;
        }
        return reward.children().stream().allMatch(c -> local(c.reward()));
    }
}
