package dev.referralkit.engine;

import static dev.referralkit.engine.EngineRulesTest.pay;
import static dev.referralkit.engine.EngineRulesTest.run;
import static dev.referralkit.engine.EngineRulesTest.touch;
import static dev.referralkit.engine.LedgerRulesTest.ledger;
import static dev.referralkit.engine.LedgerRulesTest.payoutRun;
import static dev.referralkit.engine.LedgerRulesTest.refund;
import static dev.referralkit.engine.MoneyEvents.coupon;
import static dev.referralkit.engine.MoneyEvents.lead;
import static dev.referralkit.engine.MoneyEvents.payWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.ledger.Result;
import dev.referralkit.ledger.RiskDecision;
import dev.referralkit.program.Program;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** docs/payouts.md §1: each built-in check fires where it should, with its code, and not where it should not. */
class RiskChecksTest {
    static String program(String risk) {
        return "{\"currency\":\"USD\",\"holdDays\":0,\"rewards\":{\"payment\":{\"type\":\"recurring\",\"reward\":"
                + "{\"type\":\"percent\",\"percent\":\"20\"}},\"lead\":{\"type\":\"flat\",\"amount\":\"5.00\"}},\"risk\":[" + risk + "]}";
    }

    static List<String> decisions(Result r) {
        return r.decisions().stream().map(RiskChecksTest::show).collect(Collectors.toList());
    }

    static String show(RiskDecision d) {
        return d.entry() + " " + d.action() + " " + d.code();
    }

    static final String PARTNERS = "[{\"id\":\"p1\",\"attributes\":{\"email\":\"Alice.Smith@GMail.com\",\"payment_fingerprint\":\"fp_A\"}},"
            + "{\"id\":\"p2\",\"attributes\":{\"email\":\"bob@acme.io\"}}]";

    @Test
    void a_self_referral_under_a_second_address_is_caught_after_normalising_it() {
        String p = program("{\"type\":\"self_referral_identity\",\"attributes\":[\"email\",\"email_domain\",\"payment_fingerprint\"]}");
        Result r = run(p, PARTNERS,
                touch("t1", "2026-01-01T00:00:00Z", "p1", "c1"), lead("l1", "2026-01-01T01:00:00Z", "c1", " alicesmith+deals@googlemail.com"),
                pay("i1", "2026-01-02T00:00:00Z", "c1", "100.00", "USD"),
                touch("t2", "2026-01-01T00:00:00Z", "p2", "c2"), lead("l2", "2026-01-01T01:00:00Z", "c2", "carol@acme.io"),
                touch("t3", "2026-01-01T00:00:00Z", "p2", "c3"), lead("l3", "2026-01-01T01:00:00Z", "c3", "dave@gmail.com"),
                touch("t4", "2026-01-01T00:00:00Z", "p1", "c4"), lead("l4", "2026-01-01T01:00:00Z", "c4", "erin@example.com"),
                payWith("i4", "2026-01-02T00:00:00Z", "c4", "50.00", "fp_A"));
        assertThat(decisions(r)).containsExactly(
                "l1/p1/lead HOLD SELF_REFERRAL_EMAIL", "i1/p1/commission HOLD SELF_REFERRAL_EMAIL",
                "l2/p2/lead HOLD SELF_REFERRAL_EMAIL_DOMAIN",
                // dave@gmail.com shares only a public domain with nobody; erin pays with p1's card
                "i4/p1/commission HOLD SELF_REFERRAL_PAYMENT_FINGERPRINT");
        assertThat(r.decisions().get(0).explanation()).isEqualTo("customer c1's e-mail alicesmith@gmail.com is partner p1's");
    }

    @Test
    void a_reject_is_no_entry_for_that_partner_from_that_event_and_the_event_is_accepted() {
        String p = "{\"currency\":\"USD\",\"holdDays\":0,\"attribution\":{\"model\":\"linear\"},\"rewards\":{\"payment\":"
                + "{\"type\":\"tiered\",\"metric\":\"conversions\",\"period\":\"month\",\"mode\":\"volume\",\"tiers\":["
                + "{\"above\":\"0\",\"reward\":{\"type\":\"percent\",\"percent\":\"10\"}},{\"above\":\"1\",\"reward\":{\"type\":\"percent\",\"percent\":\"50\"}}]}},"
                + "\"risk\":[{\"type\":\"self_referral_identity\",\"attributes\":[\"email\"],\"action\":\"reject\"}]}";
        Result r = run(p, PARTNERS,
                touch("t1", "2026-01-01T00:00:00Z", "p1", "c1"), touch("t2", "2026-01-01T00:01:00Z", "p2", "c1"),
                lead("l1", "2026-01-01T01:00:00Z", "c1", "alice.smith@gmail.com"),
                pay("i1", "2026-01-02T00:00:00Z", "c1", "100.00", "USD"),
                touch("t3", "2026-01-03T00:00:00Z", "p1", "c2"), pay("i2", "2026-01-04T00:00:00Z", "c2", "100.00", "USD"));
        assertThat(r.rejected()).isEmpty();
        assertThat(decisions(r)).containsExactly("i1/p1/commission REJECT SELF_REFERRAL_EMAIL");
        // p2 earns its half; p1 earns nothing from i1 and its volume did not count: i2 is its first conversion (10 %)
        assertThat(ledger(r)).containsExactly("i1/p2/commission 5.00 USD 2026-01-02T00:00:00Z",
                "i2/p1/commission 10.00 USD 2026-01-04T00:00:00Z");
        Result refunded = run(p, PARTNERS,
                touch("t1", "2026-01-01T00:00:00Z", "p1", "c1"), lead("l1", "2026-01-01T01:00:00Z", "c1", "alice.smith@gmail.com"),
                pay("i1", "2026-01-02T00:00:00Z", "c1", "100.00", "USD"), refund("r1", "2026-01-03T00:00:00Z", "i1", "100.00"));
        assertThat(refunded.entries()).isEmpty();
    }

    @Test
    void a_conversion_too_soon_after_the_click_is_held_whether_the_customer_bound_at_the_lead_or_the_payment() {
        String p = program("{\"type\":\"fast_conversion\",\"seconds\":30}");
        Result r = run(p, PARTNERS,
                touch("t1", "2026-01-01T00:00:00Z", "p1", "c1"), lead("l1", "2026-01-01T00:00:05Z", "c1", null),
                pay("i1", "2026-01-01T00:00:20Z", "c1", "100.00", "USD"), pay("i1b", "2026-01-01T00:00:25Z", "c1", "100.00", "USD"),
                touch("t2", "2026-01-01T00:00:00Z", "p2", "c2"), pay("i2", "2026-01-01T00:00:10Z", "c2", "100.00", "USD"),
                touch("t3", "2026-01-01T00:00:00Z", "p2", "c3"), lead("l3", "2026-01-01T00:01:00Z", "c3", null),
                pay("i3", "2026-01-01T00:02:00Z", "c3", "100.00", "USD"),
                coupon("t4", "2026-01-01T00:00:00Z", "p2", "c4"), pay("i4", "2026-01-01T00:00:01Z", "c4", "100.00", "USD"));
        // l1 5 s and i1 20 s after t1 (i1b is not a conversion); i2 10 s after t2; c3 took a minute; c4 used a coupon
        assertThat(decisions(r)).containsExactly("l1/p1/lead HOLD FAST_CONVERSION", "i1/p1/commission HOLD FAST_CONVERSION",
                "i2/p2/commission HOLD FAST_CONVERSION");
        assertThat(r.decisions().get(1).explanation())
                .isEqualTo("first payment i1 came 20 s after partner p1's click at 2026-01-01T00:00:00Z, under 30 s");
    }

    @Test
    void more_conversions_in_an_hour_than_allowed_are_held_from_the_one_over_the_limit() {
        String p = program("{\"type\":\"conversion_velocity\",\"max\":2,\"action\":\"flag\"}");
        Result r = run(p, PARTNERS,
                touch("t1", "2026-01-01T10:00:00Z", "p1", "c1"), pay("i1", "2026-01-01T10:00:00Z", "c1", "10.00", "USD"),
                touch("t2", "2026-01-01T10:10:00Z", "p1", "c2"), pay("i2", "2026-01-01T10:10:00Z", "c2", "10.00", "USD"),
                pay("i2b", "2026-01-01T10:15:00Z", "c2", "10.00", "USD"),
                touch("t3", "2026-01-01T10:20:00Z", "p1", "c3"), pay("i3", "2026-01-01T10:20:00Z", "c3", "10.00", "USD"),
                touch("t4", "2026-01-01T11:10:00Z", "p1", "c4"), pay("i4", "2026-01-01T11:10:00Z", "c4", "10.00", "USD"),
                touch("t5", "2026-01-01T11:20:00Z", "p1", "c5"), pay("i5", "2026-01-01T11:20:00Z", "c5", "10.00", "USD"));
        // i3 is the third in the hour to 10:20; at 11:10 only i3 is within the hour; at 11:20 i4 and i5 (i3 left at 11:20 exactly)
        assertThat(decisions(r)).containsExactly("i3/p1/commission FLAG CONVERSION_VELOCITY");
        assertThat(r.holds()).isEmpty();
    }

    @Test
    void one_identity_referred_by_another_partner_through_another_customer_is_flagged() {
        String p = program("{\"type\":\"shared_identity\",\"attributes\":[\"email\",\"payment_fingerprint\"],\"action\":\"flag\"}");
        Result r = run(p, PARTNERS,
                touch("t1", "2026-01-01T00:00:00Z", "p1", "c1"), lead("l1", "2026-01-01T01:00:00Z", "c1", "Zed@example.com"),
                touch("t2", "2026-01-02T00:00:00Z", "p2", "c2"), lead("l2", "2026-01-02T01:00:00Z", "c2", "zed+2@example.com"),
                touch("t3", "2026-01-03T00:00:00Z", "p2", "c3"), payWith("i3", "2026-01-03T01:00:00Z", "c3", "10.00", "fp_Z"),
                touch("t4", "2026-01-04T00:00:00Z", "p2", "c4"), payWith("i4", "2026-01-04T01:00:00Z", "c4", "10.00", "fp_Z"),
                touch("t5", "2026-01-05T00:00:00Z", "p1", "c5"), payWith("i5", "2026-01-05T01:00:00Z", "c5", "10.00", "fp_Z"));
        // c1 and c2 are one e-mail through p1 and p2; fp_Z came through p2 twice (same partner: not shared), then p1
        assertThat(decisions(r)).containsExactly("l2/p2/lead FLAG SHARED_IDENTITY", "i5/p1/commission FLAG SHARED_IDENTITY");
        assertThat(r.decisions().get(0).explanation())
                .isEqualTo("customer c2's e-mail was also referred by p1 through another customer");
    }

    @Test
    void a_refund_rate_above_the_limit_over_the_last_conversions_holds_the_next_commissions() {
        String p = program("{\"type\":\"refund_rate\",\"percent\":\"50\",\"conversions\":2}");
        Result r = run(p, PARTNERS,
                touch("t1", "2026-01-01T00:00:00Z", "p1", "c1"), pay("i1", "2026-01-01T01:00:00Z", "c1", "10.00", "USD"),
                touch("t2", "2026-01-02T00:00:00Z", "p1", "c2"), pay("i2", "2026-01-02T01:00:00Z", "c2", "10.00", "USD"),
                refund("r1", "2026-01-03T00:00:00Z", "i1", "1.00"),
                pay("i2b", "2026-01-04T00:00:00Z", "c2", "10.00", "USD"),
                refund("r2", "2026-01-05T00:00:00Z", "i2", "10.00"),
                pay("i2c", "2026-01-06T00:00:00Z", "c2", "10.00", "USD"));
        // 1 of 2 refunded is 50 %, not above; 2 of 2 is
        assertThat(decisions(r)).containsExactly("i2c/p1/commission HOLD REFUND_RATE");
        assertThat(r.decisions().get(0).explanation()).isEqualTo("2 of partner p1's last 2 conversions were refunded, above 50%");
    }

    @Test
    void a_first_payout_waits_for_enough_paying_customers() {
        String p = program("{\"type\":\"minimum_paying_customers\",\"customers\":2}");
        Result r = run(p, PARTNERS,
                touch("t1", "2026-01-01T00:00:00Z", "p1", "c1"), pay("i1", "2026-01-02T00:00:00Z", "c1", "100.00", "USD"),
                pay("i1b", "2026-01-03T00:00:00Z", "c1", "100.00", "USD"),
                payoutRun("run1", "2026-01-31T00:00:00Z"),
                touch("t2", "2026-02-01T00:00:00Z", "p1", "c2"), pay("i2", "2026-02-02T00:00:00Z", "c2", "100.00", "USD"),
                payoutRun("run2", "2026-02-28T00:00:00Z"),
                pay("i2b", "2026-03-02T00:00:00Z", "c2", "100.00", "USD"),
                payoutRun("run3", "2026-03-31T00:00:00Z"));
        assertThat(r.withheld()).extracting(w -> w.run() + " " + w.amount() + " " + w.code() + ": " + w.explanation())
                .containsExactly("run1 40.00 FEW_PAYING_CUSTOMERS: partner p1 has 1 paying customer; a first payout needs 2");
        assertThat(r.payouts()).extracting(x -> x.run() + " " + x.amount()).containsExactly("run2 60.00", "run3 20.00");
    }

    @Test
    void a_check_that_reads_the_commission_may_not_reject_and_bad_settings_are_located() {
        assertThatThrownBy(() -> Program.parse(program("{\"type\":\"approval_threshold\",\"amount\":{\"USD\":\"10.00\"},\"action\":\"reject\"}")))
                .isInstanceOfSatisfying(ReferralKitException.class, e -> assertThat(e.code()).isEqualTo(RejectionCode.INVALID_PROGRAM))
                .hasMessageContaining("/risk/0")
                .hasMessageContaining("the approval_threshold check reads the commission, so it may allow, flag or hold, not reject");
        assertThatThrownBy(() -> Program.parse(program("{\"type\":\"fast_conversion\",\"seconds\":0}")))
                .hasMessageContaining("/risk/0").hasMessageContaining("seconds").hasMessageContaining("between 1 and 86400");
        assertThatThrownBy(() -> Program.parse(program("{\"type\":\"approval_threshold\",\"amount\":{\"USD\":\"10.001\"}}")))
                .hasMessageContaining("/risk/0");
        assertThatThrownBy(() -> Program.parse(program("{\"type\":\"shared_identity\",\"attributes\":[\"email_domain\"]}")))
                .hasMessageContaining("a domain is shared by many people");
        assertThatThrownBy(() -> Program.parse(program("{\"type\":\"velocity\",\"max\":1}")))
                .hasMessageContaining("/risk/0").hasMessageContaining("\"velocity\" is not a known type");
        assertThatThrownBy(() -> Program.parse("{\"currency\":\"USD\",\"tax\":{\"threshold\":{\"USD\":\"600.001\"}}}"))
                .hasMessageContaining("/tax");
    }
}
