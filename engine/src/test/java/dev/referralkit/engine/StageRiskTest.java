package dev.referralkit.engine;

import static dev.referralkit.engine.EngineRulesTest.run;
import static dev.referralkit.engine.EngineRulesTest.touch;
import static dev.referralkit.engine.LedgerRulesTest.ledger;
import static dev.referralkit.engine.LedgerRulesTest.payoutRun;
import static dev.referralkit.engine.MoneyEvents.lead;
import static dev.referralkit.engine.MoneyEvents.review;
import static org.assertj.core.api.Assertions.assertThat;

import dev.referralkit.ledger.Result;
import org.junit.jupiter.api.Test;

/**
 * docs/payouts.md §1.2: a lead stage's commission (docs/lifecycle.md §1) is screened like a payment's: held until a
 * review, or not made at all when a check rejects it; a won deal that converts counts in the risk windows.
 */
class StageRiskTest {
    static String program(String risk) {
        return "{\"currency\":\"USD\",\"holdDays\":0,\"rewards\":{\"stages\":{\"won\":{\"type\":\"percent\",\"percent\":\"10\"}}},"
                + "\"risk\":[" + risk + "]}";
    }

    static final String PARTNERS = "[{\"id\":\"p0\"},{\"id\":\"p1\",\"parent\":\"p0\",\"attributes\":{\"email\":\"alice@shop.example\"}}]";

    static String qualified(String id, String at, String customer) {
        return "{\"type\":\"lead_stage\",\"id\":\"" + id + "\",\"at\":\"" + at + "\",\"customer\":\"" + customer
                + "\",\"stage\":\"qualified\"}";
    }

    static String won(String id, String at, String customer, String amount) {
        return "{\"type\":\"lead_stage\",\"id\":\"" + id + "\",\"at\":\"" + at + "\",\"customer\":\"" + customer
                + "\",\"stage\":\"won\",\"amount\":\"" + amount + "\",\"currency\":\"USD\"}";
    }

    @Test
    void a_won_deal_commission_above_the_approval_threshold_is_held_until_released() {
        String p = program("{\"type\":\"approval_threshold\",\"amount\":{\"USD\":\"50.00\"}}");
        Result r = run(p, PARTNERS,
                touch("t1", "2026-01-01T00:00:00Z", "p1", "c1"), lead("l1", "2026-01-01T01:00:00Z", "c1", null),
                qualified("q1", "2026-01-02T00:00:00Z", "c1"), won("s1", "2026-01-05T00:00:00Z", "c1", "1000.00"),
                touch("t2", "2026-01-01T00:00:00Z", "p1", "c2"), lead("l2", "2026-01-01T01:00:00Z", "c2", null),
                qualified("q2", "2026-01-02T00:00:00Z", "c2"), won("s2", "2026-01-06T00:00:00Z", "c2", "300.00"),
                payoutRun("run1", "2026-01-31T00:00:00Z"),
                review("rv1", "2026-02-01T00:00:00Z", "p1", "s1/p1/won", "release"),
                payoutRun("run2", "2026-02-28T00:00:00Z"));
        assertThat(r.rejected()).isEmpty();
        assertThat(r.decisions()).extracting(d -> d.entry() + " " + d.action() + " " + d.code())
                .containsExactly("s1/p1/won HOLD NEEDS_APPROVAL");
        assertThat(ledger(r)).contains("s1/p1/won 100.00 USD 2026-01-05T00:00:00Z", "s2/p1/won 30.00 USD 2026-01-06T00:00:00Z");
        // run1 pays the 30.00 that was not held; run2 the released 100.00
        assertThat(r.payouts()).extracting(x -> x.run() + " " + x.partner() + " " + x.amount() + " " + x.entries())
                .containsExactly("run1 p1 30.00 [s2/p1/won]", "run2 p1 100.00 [s1/p1/won]");
    }

    @Test
    void a_rejected_won_deal_makes_no_entry_for_that_partner_and_the_event_is_accepted() {
        String p = program("{\"type\":\"self_referral_identity\",\"attributes\":[\"email\"],\"action\":\"reject\"}");
        Result r = run(p, PARTNERS,
                touch("t1", "2026-01-01T00:00:00Z", "p1", "c1"), lead("l1", "2026-01-01T01:00:00Z", "c1", "Alice+2nd@shop.example"),
                qualified("q1", "2026-01-02T00:00:00Z", "c1"), won("s1", "2026-01-05T00:00:00Z", "c1", "1000.00"),
                touch("t2", "2026-01-01T00:00:00Z", "p1", "c2"), lead("l2", "2026-01-01T01:00:00Z", "c2", "bob@else.example"),
                qualified("q2", "2026-01-02T00:00:00Z", "c2"), won("s2", "2026-01-06T00:00:00Z", "c2", "300.00"));
        assertThat(r.rejected()).isEmpty();
        assertThat(r.decisions()).extracting(d -> d.entry() + " " + d.action() + " " + d.code())
                .containsExactly("s1/p1/won REJECT SELF_REFERRAL_EMAIL");
        assertThat(ledger(r)).containsExactly("s2/p1/won 30.00 USD 2026-01-06T00:00:00Z");
    }

    @Test
    void a_won_deal_that_converts_counts_toward_conversion_velocity() {
        String p = program("{\"type\":\"conversion_velocity\",\"max\":1,\"action\":\"flag\"}");
        Result r = run(p, PARTNERS,
                touch("t1", "2026-01-01T00:00:00Z", "p1", "c1"), lead("l1", "2026-01-01T01:00:00Z", "c1", null),
                touch("t2", "2026-01-01T00:00:00Z", "p1", "c2"), lead("l2", "2026-01-01T01:00:00Z", "c2", null),
                qualified("q1", "2026-01-02T00:00:00Z", "c1"), won("s1", "2026-01-05T00:00:00Z", "c1", "100.00"), qualified("q2", "2026-01-05T00:10:00Z", "c2"), won("s2", "2026-01-05T00:10:00Z", "c2", "100.00"));
        assertThat(r.decisions()).extracting(d -> d.entry() + " " + d.action() + " " + d.code())
                .containsExactly("s2/p1/won FLAG CONVERSION_VELOCITY");
    }
}
