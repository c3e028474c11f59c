package dev.referralkit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.engine.stage.Notification;
import dev.referralkit.engine.state.InMemoryStateStore;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.ledger.Entry;
import dev.referralkit.ledger.EntryKind;
import dev.referralkit.program.Partner;
import dev.referralkit.program.Program;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** docs/lifecycle.md through the engine's outcomes: what scenario files cannot show (notifications, level changes, program changes). */
class LifecycleTest {
    static Program program(String json) {
        return Program.parse(json);
    }

    static List<Partner> partners(String json) {
        return List.of(ReferralKitJson.read(json, Partner[].class, RejectionCode.INVALID_PROGRAM));
    }

    static Outcome process(ReferralEngine engine, String json) {
        return engine.process(ReferralKitJson.readTree(json, RejectionCode.INVALID_EVENT));
    }

    static String touch(String id, String at, String partner, String customer) {
        return "{\"type\":\"touch\",\"id\":\"" + id + "\",\"at\":\"" + at + "\",\"partner\":\"" + partner + "\",\"customer\":\"" + customer
                + "\",\"channel\":\"link\"}";
    }

    static String lead(String id, String at, String customer) {
        return "{\"type\":\"lead\",\"id\":\"" + id + "\",\"at\":\"" + at + "\",\"customer\":\"" + customer + "\"}";
    }

    static String stage(String id, String at, String customer, String stage) {
        return "{\"type\":\"lead_stage\",\"id\":\"" + id + "\",\"at\":\"" + at + "\",\"customer\":\"" + customer + "\",\"stage\":\"" + stage + "\"}";
    }

    static String pay(String id, String at, String customer, String amount) {
        return "{\"type\":\"payment\",\"id\":\"" + id + "\",\"at\":\"" + at + "\",\"customer\":\"" + customer + "\",\"amount\":\"" + amount
                + "\",\"currency\":\"USD\"}";
    }

    static String run(String id, String at) {
        return "{\"type\":\"payout_run\",\"id\":\"" + id + "\",\"at\":\"" + at + "\"}";
    }

    static String refund(String id, String at, String payment, String amount) {
        return "{\"type\":\"refund\",\"id\":\"" + id + "\",\"at\":\"" + at + "\",\"payment\":\"" + payment + "\",\"amount\":\"" + amount + "\"}";
    }

    @Nested
    class Notifications {
        static final String PROGRAM = "{\"currency\":\"USD\",\"holdDays\":0,\"lifecycle\":{\"stages\":[\"meeting\"]},"
                + "\"rewards\":{\"payment\":{\"type\":\"percent\",\"percent\":\"10\"},\"stages\":{\"qualified\":{\"type\":\"flat\",\"amount\":\"25.00\"}}},"
                + "\"levels\":{\"period\":\"month\",\"levels\":[{\"name\":\"registered\",\"group\":\"base\"},"
                + "{\"name\":\"gold\",\"group\":\"gold\",\"criteria\":{\"conversions\":\"1\"}}]}}";

        @Test
        void every_kind_reaches_the_partner_in_the_order_things_happened() {
            ReferralEngine engine = ReferralEngine.create(program(PROGRAM), partners("[{\"id\":\"p1\"},{\"id\":\"p2\"}]"));
            List<Notification> all = new ArrayList<>();
            for (String e : List.of(touch("t1", "2026-01-01T00:00:00Z", "p1", "c1"), lead("l1", "2026-01-01T01:00:00Z", "c1"),
                    stage("s1", "2026-01-02T00:00:00Z", "c1", "qualified"), stage("s2", "2026-01-03T00:00:00Z", "c1", "meeting"),
                    pay("i1", "2026-01-05T00:00:00Z", "c1", "200.00"), refund("r1", "2026-01-06T00:00:00Z", "i1", "50.00"),
                    run("run1", "2026-02-01T00:00:00Z"))) {
                Outcome o = process(engine, e);
                assertThat(o.isAccepted()).as(e).isTrue();
                all.addAll(o.notifications());
            }
            assertThat(all).extracting(n -> n.getClass().getSimpleName() + " " + n.partner()).containsExactly(
                    "LeadReceived p1",
                    "StageChanged p1", "CommissionEarned p1",
                    "StageChanged p1",
                    "CommissionEarned p1",
                    "Reversal p1",
                    "LevelChanged p1", "PayoutSent p1");
            assertThat(all.get(1)).isEqualTo(new Notification.StageChanged("p1", "c1", "s1", "submitted", "qualified",
                    java.time.Instant.parse("2026-01-02T00:00:00Z")));
            assertThat(((Notification.CommissionEarned) all.get(2)).entry().amount()).isEqualByComparingTo("25.00");
            assertThat(((Notification.Reversal) all.get(5)).entry().amount()).isEqualByComparingTo("-5.00");
            Notification.LevelChanged level = (Notification.LevelChanged) all.get(6);
            assertThat(level.from()).as("a partner without a level is placed at the first").isEqualTo("registered");
            assertThat(level.to()).isEqualTo("gold");
            assertThat(level.why()).isEqualTo("promoted: 1 conversions, 150 USD revenue, 1 active customers in 2026-01 met gold");
            // 25.00 + 20.00 - 5.00
            assertThat(((Notification.PayoutSent) all.get(7)).payout().amount()).isEqualByComparingTo("40.00");
        }

        @Test
        void the_outcome_lists_level_changes_and_later_entries_name_the_level_that_priced_them() {
            ReferralEngine engine = ReferralEngine.create(program(PROGRAM.replace("\"levels\":{", "\"groups\":{\"gold\":{\"rewards\":"
                    + "{\"payment\":{\"type\":\"percent\",\"percent\":\"20\"}}}},\"levels\":{")), partners("[{\"id\":\"p1\"}]"));
            process(engine, touch("t1", "2026-01-01T00:00:00Z", "p1", "c1"));
            Outcome first = process(engine, pay("i1", "2026-01-05T00:00:00Z", "c1", "100.00"));
            assertThat(first.entries()).singleElement().satisfies(e -> assertThat(e.explanation().text())
                    .isEqualTo("10% of 100.00 USD (level registered)")); // group base has no rewards: the program's priced it
            Outcome review = process(engine, run("run1", "2026-02-01T00:00:00Z"));
            assertThat(review.levelChanges()).singleElement().satisfies(c -> {
                assertThat(c.partner()).isEqualTo("p1");
                assertThat(c.to()).isEqualTo("gold");
            });
            process(engine, touch("t2", "2026-02-02T00:00:00Z", "p1", "c2"));
            Outcome later = process(engine, pay("i2", "2026-02-05T00:00:00Z", "c2", "100.00"));
            assertThat(later.entries()).singleElement().satisfies(e -> assertThat(e.explanation().text())
                    .isEqualTo("20% of 100.00 USD (level gold: group gold)"));
        }

        @Test
        void a_rejected_event_tells_nobody() {
            ReferralEngine engine = ReferralEngine.create(program(PROGRAM), partners("[{\"id\":\"p1\"}]"));
            process(engine, touch("t1", "2026-01-01T00:00:00Z", "p1", "c1"));
            process(engine, lead("l1", "2026-01-01T01:00:00Z", "c1"));
            process(engine, stage("s1", "2026-01-02T00:00:00Z", "c1", "lost"));
            Outcome o = process(engine, stage("s2", "2026-01-03T00:00:00Z", "c1", "qualified"));
            assertThat(o.isAccepted()).isFalse();
            assertThat(o.notifications()).isEmpty();
        }
    }

    @Nested
    class Rejections {
        static final String PROGRAM = "{\"currency\":\"USD\",\"lifecycle\":{\"stages\":[\"meeting\",\"proposal\"]},\"registrations\":{},"
                + "\"rewards\":{\"payment\":{\"type\":\"percent\",\"percent\":\"10\"}}}";

        private final ReferralEngine engine = ReferralEngine.create(program(PROGRAM), partners("[{\"id\":\"p1\"},{\"id\":\"p2\"}]"));

        private String reject(String event, RejectionCode code) {
            String before = engine.snapshot();
            Outcome o = process(engine, event);
            assertThat(o.rejection()).as(event).hasValueSatisfying(r -> assertThat(r.code()).isEqualTo(code));
            assertThat(engine.snapshot()).as("a rejection changes nothing").isEqualTo(before);
            return o.rejection().get().message();
        }

        @Test
        void a_lead_moves_only_forward_and_never_out_of_a_terminal_stage() {
            assertThat(reject(stage("s0", "2026-01-01T00:00:00Z", "c1", "qualified"), RejectionCode.UNKNOWN_LEAD))
                    .isEqualTo("lead_stage s0: customer \"c1\" has no lead");
            process(engine, lead("l1", "2026-01-01T01:00:00Z", "c1"));
            assertThat(reject(stage("s1", "2026-01-02T00:00:00Z", "c1", "proposal"), RejectionCode.INVALID_TRANSITION))
                    .isEqualTo("lead_stage s1: lead of c1 is submitted: it cannot move to proposal, only to qualified, lost or unqualified");
            assertThat(process(engine, stage("s2", "2026-01-02T00:00:00Z", "c1", "qualified")).isAccepted()).isTrue();
            assertThat(process(engine, stage("s3", "2026-01-03T00:00:00Z", "c1", "proposal")).isAccepted()).isTrue();
            assertThat(reject(stage("s4", "2026-01-04T00:00:00Z", "c1", "meeting"), RejectionCode.INVALID_TRANSITION))
                    .isEqualTo("lead_stage s4: lead of c1 is proposal: it cannot move back to meeting");
            assertThat(reject(stage("s5", "2026-01-04T00:00:00Z", "c1", "signed"), RejectionCode.INVALID_EVENT))
                    .contains("signed");
            assertThat(reject(stage("s5b", "2026-01-04T00:00:00Z", "c1", "proposal"), RejectionCode.INVALID_TRANSITION))
                    .isEqualTo("lead_stage s5b: lead of c1 is proposal already");
            assertThat(process(engine, stage("s6", "2026-01-05T00:00:00Z", "c1", "won")).isAccepted()).isTrue();
            assertThat(reject(stage("s7", "2026-01-06T00:00:00Z", "c1", "lost"), RejectionCode.INVALID_TRANSITION))
                    .isEqualTo("lead_stage s7: lead of c1 is won, a terminal stage: it cannot move to lost");
        }

        @Test
        void a_registration_meeting_anothers_is_refused_with_the_holder_and_the_date() {
            String reg1 = "{\"type\":\"registration\",\"id\":\"reg1\",\"at\":\"2026-01-05T09:00:00Z\",\"partner\":\"p1\","
                    + "\"prospect\":{\"company\":\"ACME  Corp.\",\"email\":\"CTO@acme.com\"}}";
            assertThat(process(engine, reg1).isAccepted()).isTrue();
            String reg2 = "{\"type\":\"registration\",\"id\":\"reg2\",\"at\":\"2026-01-05T10:00:00Z\",\"partner\":\"p2\","
                    + "\"prospect\":{\"domain\":\"www.Acme.com\"}}";
            assertThat(reject(reg2, RejectionCode.REGISTRATION_CONFLICT)).isEqualTo("registration reg2: acme.com is registered to p1 (pending, reg1)");
            String decide = "{\"type\":\"registration_decision\",\"id\":\"d1\",\"at\":\"2026-01-06T09:00:00Z\",\"registration\":\"reg1\","
                    + "\"decision\":\"approved\"}";
            assertThat(process(engine, decide).isAccepted()).isTrue();
            String reg3 = "{\"type\":\"registration\",\"id\":\"reg3\",\"at\":\"2026-01-07T10:00:00Z\",\"partner\":\"p2\","
                    + "\"prospect\":{\"company\":\"acme corp\"}}";
            assertThat(reject(reg3, RejectionCode.REGISTRATION_CONFLICT))
                    .isEqualTo("registration reg3: acme corp is registered to p1 until 2026-04-06T09:00:00Z (reg1)");
            assertThat(reject(decide.replace("\"d1\"", "\"d2\"").replace("01-06", "01-08"), RejectionCode.INVALID_TRANSITION))
                    .contains("reg1").contains("approved");
            assertThat(reject(decide.replace("\"d1\"", "\"d3\"").replace("reg1", "nope"), RejectionCode.UNKNOWN_REGISTRATION))
                    .contains("nope");
        }
    }

    @Nested
    class Trials {
        static final String PROGRAM = "{\"currency\":\"USD\",\"holdDays\":0,\"rewards\":{\"payment\":{\"type\":\"percent\",\"percent\":\"10\"}},"
                + "\"groups\":{\"trial\":{\"rewards\":{\"payment\":{\"type\":\"percent\",\"percent\":\"5\"}}}},"
                + "\"levels\":{\"period\":\"month\",\"levels\":[{\"name\":\"registered\",\"group\":\"base\"},"
                + "{\"name\":\"silver\",\"group\":\"silver\",\"criteria\":{\"conversions\":\"5\"}}],"
                + "\"trial\":{\"name\":\"trial\",\"group\":\"trial\",\"days\":30,\"criteria\":{\"conversions\":\"2\"},\"pass\":\"silver\",\"fail\":\"registered\"}}}";

        private List<Notification.LevelChanged> changes(ReferralEngine engine, String... events) {
            List<Notification.LevelChanged> all = new ArrayList<>();
            for (String e : events) {
                Outcome o = process(engine, e);
                assertThat(o.isAccepted()).as(e).isTrue();
                all.addAll(o.levelChanges());
            }
            return all;
        }

        @Test
        void a_trial_ends_at_the_first_review_after_its_days_by_its_own_criteria() {
            ReferralEngine engine = ReferralEngine.create(program(PROGRAM),
                    partners("[{\"id\":\"p1\",\"joined\":\"2026-01-10T00:00:00Z\"},{\"id\":\"p2\",\"joined\":\"2026-01-10T00:00:00Z\"}]"));
            List<Notification.LevelChanged> changes = changes(engine,
                    touch("t1", "2026-01-11T00:00:00Z", "p1", "c1"), touch("t2", "2026-01-11T00:00:00Z", "p1", "c2"),
                    touch("t3", "2026-01-11T00:00:00Z", "p2", "c3"),
                    pay("i1", "2026-01-20T00:00:00Z", "c1", "100.00"), pay("i3", "2026-01-20T00:00:00Z", "c3", "100.00"),
                    run("run1", "2026-02-01T00:00:00Z"), // 22 days in: still in the trial
                    pay("i2", "2026-02-03T00:00:00Z", "c2", "100.00"),
                    run("run2", "2026-03-01T00:00:00Z"));
            assertThat(changes).extracting(c -> c.partner() + " " + c.from() + " -> " + c.to() + " at " + c.at())
                    .containsExactly("p1 trial -> silver at 2026-03-01T00:00:00Z", "p2 trial -> registered at 2026-03-01T00:00:00Z");
            assertThat(changes.get(0).why()).isEqualTo("passed the trial: 2 conversions, 200 USD revenue, 2 active customers met (2 conversions)");
            assertThat(changes.get(1).why()).startsWith("did not pass the trial: 1 conversions");
        }

        @Test
        void trial_commissions_use_the_trial_group() {
            ReferralEngine engine = ReferralEngine.create(program(PROGRAM), partners("[{\"id\":\"p1\",\"joined\":\"2026-01-10T00:00:00Z\"}]"));
            process(engine, touch("t1", "2026-01-11T00:00:00Z", "p1", "c1"));
            Entry e = process(engine, pay("i1", "2026-01-20T00:00:00Z", "c1", "100.00")).entries().get(0);
            assertThat(e.amount()).isEqualByComparingTo("5.00");
            assertThat(e.explanation().text()).isEqualTo("5% of 100.00 USD (level trial: group trial)");
        }
    }

    @Nested
    class ProgramChanges {
        static final String BASE = "{\"currency\":\"USD\",\"holdDays\":0,\"rewards\":{\"payment\":{\"type\":\"recurring\",\"reward\":"
                + "{\"type\":\"percent\",\"percent\":\"20\"}}}%s}";
        static final String V1 = ",\"versions\":[{\"from\":\"2026-07-01T00:00:00Z\",\"grandfather\":true,\"rewards\":{\"payment\":"
                + "{\"type\":\"recurring\",\"reward\":{\"type\":\"percent\",\"percent\":\"10\"}}}}]";
        static final String V1_V2 = V1.replace("}}}}]", "}}}},{\"from\":\"2026-10-01T00:00:00Z\",\"rewards\":{\"payment\":"
                + "{\"type\":\"recurring\",\"reward\":{\"type\":\"percent\",\"percent\":\"15\"}}}}]");

        private ReferralEngine before() {
            ReferralEngine engine = ReferralEngine.create(program(BASE.formatted("")), partners("[{\"id\":\"p1\"}]"));
            process(engine, touch("t1", "2026-05-25T00:00:00Z", "p1", "c1"));
            assertThat(process(engine, pay("i1", "2026-06-01T00:00:00Z", "c1", "100.00")).entries()).hasSize(1);
            return engine;
        }

        @Test
        void a_snapshot_restores_under_a_program_that_added_a_later_version_and_prices_by_it() {
            String snapshot = before().snapshot();
            ReferralEngine engine = ReferralEngine.restore(program(BASE.formatted(V1_V2)), snapshot);
            process(engine, touch("t2", "2026-07-02T00:00:00Z", "p1", "c2"));
            assertThat(process(engine, pay("i2", "2026-07-05T00:00:00Z", "c1", "100.00")).entries().get(0).amount())
                    .as("c1 was bound before a grandfathering version").isEqualByComparingTo("20.00");
            assertThat(process(engine, pay("i3", "2026-07-05T00:00:00Z", "c2", "100.00")).entries().get(0).amount())
                    .isEqualByComparingTo("10.00");
            assertThat(process(engine, pay("i4", "2026-10-05T00:00:00Z", "c1", "100.00")).entries().get(0).amount())
                    .as("a version that does not grandfather applies to everyone").isEqualByComparingTo("15.00");
        }

        @Test
        void a_change_the_state_cannot_continue_under_is_refused_saying_what_changed() {
            ReferralEngine engine = before();
            String snapshot = engine.snapshot();
            assertThatThrownBy(() -> ReferralEngine.restore(program(BASE.formatted(",\"holdDays\":1").replace("\"holdDays\":0,", "")), snapshot))
                    .isInstanceOf(ReferralKitException.class).hasMessageContaining("the state was made with another program");
            ReferralEngine withV1 = ReferralEngine.restore(program(BASE.formatted(V1)), snapshot);
            String later = withV1.snapshot();
            assertThatThrownBy(() -> ReferralEngine.restore(program(BASE.formatted("")), later))
                    .hasMessageContaining("versions can be added, never removed");
            assertThatThrownBy(() -> ReferralEngine.restore(program(BASE.formatted(V1.replace("\"10\"", "\"11\""))), later))
                    .hasMessageContaining("versions[0] differs from the state's");
            assertThatThrownBy(() -> ReferralEngine.restore(program(BASE.formatted(V1.replace("2026-07-01", "2026-06-01"))), snapshot))
                    .hasMessageContaining("versions[0] starts at 2026-06-01T00:00:00Z, before events the state has processed (up to 2026-06-02T00:00:00Z)");
        }

        @Test
        void a_store_reopened_with_an_added_version_keeps_it_and_refuses_going_back() {
            InMemoryStateStore store = new InMemoryStateStore();
            ReferralEngine first = ReferralEngine.open(program(BASE.formatted("")), partners("[{\"id\":\"p1\"}]"), store);
            process(first, touch("t1", "2026-01-01T00:00:00Z", "p1", "c1"));
            ReferralEngine second = ReferralEngine.open(program(BASE.formatted(V1)), List.of(), store);
            process(second, touch("t2", "2026-07-02T00:00:00Z", "p1", "c2"));
            assertThat(process(second, pay("i1", "2026-07-05T00:00:00Z", "c2", "100.00")).entries().get(0).amount()).isEqualByComparingTo("10.00");
            assertThatThrownBy(() -> ReferralEngine.open(program(BASE.formatted("")), List.of(), store))
                    .isInstanceOf(ReferralKitException.class).hasMessageContaining("never removed");
            assertThat(store.engine().program()).hasSize(2);
        }
    }

    @Test
    void a_won_deal_converts_once_and_counts_as_revenue_but_is_not_reversed_by_refunds() {
        String program = "{\"currency\":\"USD\",\"holdDays\":0,\"rewards\":{\"payment\":{\"type\":\"percent\",\"percent\":\"10\"},"
                + "\"stages\":{\"won\":{\"type\":\"percent\",\"percent\":\"5\"}}},"
                + "\"bonuses\":[{\"metric\":\"conversions\",\"period\":\"month\",\"threshold\":\"2\",\"amount\":\"50.00\"}]}";
        ReferralEngine engine = ReferralEngine.create(program(program), partners("[{\"id\":\"p1\"}]"));
        List<Entry> entries = new ArrayList<>();
        for (String e : List.of(touch("t1", "2026-01-01T00:00:00Z", "p1", "c1"), lead("l1", "2026-01-01T01:00:00Z", "c1"),
                stage("s1", "2026-01-02T00:00:00Z", "c1", "qualified"),
                "{\"type\":\"lead_stage\",\"id\":\"s2\",\"at\":\"2026-01-03T00:00:00Z\",\"customer\":\"c1\",\"stage\":\"won\",\"amount\":\"1000.00\",\"currency\":\"USD\"}",
                pay("i1", "2026-01-04T00:00:00Z", "c1", "100.00"), // not a second conversion
                refund("r1", "2026-01-05T00:00:00Z", "i1", "100.00"),
                touch("t2", "2026-01-06T00:00:00Z", "p1", "c2"), pay("i2", "2026-01-07T00:00:00Z", "c2", "10.00"),
                run("run1", "2026-02-01T00:00:00Z"))) {
            Outcome o = process(engine, e);
            assertThat(o.isAccepted()).as(e).isTrue();
            entries.addAll(o.entries());
        }
        assertThat(entries).extracting(e -> e.id() + " " + e.kind() + " " + e.amount().toPlainString()).containsExactly(
                "s2/p1/won COMMISSION 50.00",
                "i1/p1/commission COMMISSION 10.00",
                "r1/p1/reversal REVERSAL -10.00",
                "i2/p1/commission COMMISSION 1.00",
                "run1/p1/bonus/0/2026-01 BONUS 50.00",
                "run1/p1/USD/payout PAYOUT -101.00");
        assertThat(entries.get(0).kind()).isEqualTo(EntryKind.COMMISSION);
    }
}
