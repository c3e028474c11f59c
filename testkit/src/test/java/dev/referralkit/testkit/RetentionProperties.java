package dev.referralkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.referralkit.RejectionCode;
import dev.referralkit.engine.Outcome;
import dev.referralkit.engine.ReferralEngine;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.ledger.Entry;
import dev.referralkit.program.EventIdRetention;
import dev.referralkit.program.ImmutableProgram;
import dev.referralkit.program.ImmutableRetention;
import dev.referralkit.program.Program;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Retention (docs/engine.md §4): whatever the engine forgets, no re-delivery ever credits twice. Generated
 * histories run under each event-id retention, with earlier accepted events re-delivered at random points:
 * every re-delivery is refused ({@code DUPLICATE}; once forgotten {@code LATE_EVENT}, or {@code DUPLICATE_CONFLICT}
 * when a later event reused the forgotten id), the other outcomes are
 * those of the run without re-deliveries, and (keeping every id) no entry id appears twice.
 */
class RetentionProperties {
    static final long SEED = Long.getLong("referralkit.seed", 20261129L);
    static final int HISTORIES = Integer.getInteger("referralkit.retentionHistories", 500);

    @Test
    void no_re_delivery_ever_credits_twice() {
        for (long seed = SEED; seed < SEED + HISTORIES; seed++) {
            History h = Histories.standard().histories().generate(seed);
            for (EventIdRetention kept : EventIdRetention.values()) {
                Program program = ImmutableProgram.copyOf(h.program())
                        .withRetention(ImmutableRetention.copyOf(h.program().retention()).withEventIds(kept));
                check(seed, program, h);
            }
        }
    }

    private static void check(long seed, Program program, History h) {
        ReferralEngine clean = ReferralEngine.create(program, h.partners());
        ReferralEngine noisy = ReferralEngine.create(program, h.partners());
        SplittableRandom random = new SplittableRandom(seed);
        List<JsonNode> accepted = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int redelivered = 0;
        for (JsonNode e : h.events()) {
            Outcome expected = clean.process(e);
            Outcome got = noisy.process(e);
            assertThat(ReferralKitJson.write(got.entries())).as("seed %d, %s", seed, e).isEqualTo(ReferralKitJson.write(expected.entries()));
            if (got.isAccepted()) {
                accepted.add(e);
                for (Entry entry : got.entries()) {
                    // a history may reuse an id with other content (a host error SPEC §3 forbids): once the id is
                    // forgotten the engine cannot see it, so only a program that keeps every id is held to this
                    boolean unique = ids.add(entry.id());
                    if (program.retention().eventIds() == EventIdRetention.ALL) {
                        assertThat(unique).as("seed %d: entry %s made twice", seed, entry.id()).isTrue();
                    }
                }
            }
            if (!accepted.isEmpty() && random.nextInt(3) == 0) {
                JsonNode again = accepted.get(random.nextInt(accepted.size()));
                Outcome o = noisy.process(again);
                redelivered++;
                assertThat(o.isAccepted()).as("seed %d: re-delivery of %s accepted", seed, again).isFalse();
                RejectionCode code = o.rejection().get().code();
                if (program.retention().eventIds() == EventIdRetention.ALL) {
                    assertThat(code).as("seed %d: %s", seed, again).isEqualTo(RejectionCode.DUPLICATE);
                } else {
                    // a forgotten id may be taken by a later event with other content: then a re-delivery conflicts
                    assertThat(code).as("seed %d: %s", seed, again).isIn(RejectionCode.DUPLICATE, RejectionCode.LATE_EVENT,
                            RejectionCode.DUPLICATE_CONFLICT);
                }
            }
        }
        assertThat(noisy.snapshot()).as("seed %d after %d re-deliveries", seed, redelivered).isEqualTo(clean.snapshot());
    }
}
