package dev.referralkit.engine;

import static dev.referralkit.engine.EngineRulesTest.pay;
import static org.assertj.core.api.Assertions.assertThat;

import dev.referralkit.ledger.Binding;
import dev.referralkit.ledger.Result;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Binding rules at their edges (SPEC.md §4.1–4.2). */
class BindingTest {
    static final String PROGRAM = "{\"currency\":\"USD\",\"rewards\":{\"payment\":{\"type\":\"recurring\",\"reward\":{\"type\":\"percent\",\"percent\":\"10\"}}}}";

    static String touch(String id, String at, String partner, String channel) {
        return "{\"type\":\"touch\",\"id\":\"" + id + "\",\"at\":\"" + at + "\",\"partner\":\"" + partner
                + "\",\"customer\":\"c1\",\"channel\":\"" + channel + "\"}";
    }

    static Binding bind(String program, String partners, String... events) {
        Result r = EngineRulesTest.run(program, partners, events);
        return r.bindings().get(0);
    }

    static String credits(Binding b) {
        return b.credits().stream().map(c -> c.partner() + "=" + c.weight().toDecimalString()).collect(Collectors.joining(" "));
    }

    static final String TWO = "[{\"id\":\"p1\"},{\"id\":\"p2\"}]";

    @Test
    void a_touch_exactly_window_days_old_counts_and_one_second_older_does_not() {
        assertThat(credits(bind(PROGRAM, TWO, touch("t1", "2026-01-01T00:00:00Z", "p1", "link"),
                pay("i1", "2026-01-31T00:00:00Z", "c1", "10.00", "USD")))).isEqualTo("p1=1");
        Binding late = bind(PROGRAM, TWO, touch("t1", "2026-01-01T00:00:00Z", "p1", "link"),
                pay("i1", "2026-01-31T00:00:01Z", "c1", "10.00", "USD"));
        assertThat(late.isOrganic()).isTrue();
        assertThat(late.explanation().get().text()).isEqualTo("ORGANIC: no qualifying touch; dropped t1 (p1): older than 30 days");
    }

    @Test
    void ties_in_time_are_broken_by_input_order() {
        String last = bind(PROGRAM, TWO, touch("t1", "2026-01-01T00:00:00Z", "p2", "link"), touch("t2", "2026-01-01T00:00:00Z", "p1", "link"),
                pay("i1", "2026-01-02T00:00:00Z", "c1", "10.00", "USD")).credits().get(0).partner();
        assertThat(last).isEqualTo("p1");
        String first = bind(PROGRAM.replace("\"currency\":\"USD\"", "\"currency\":\"USD\",\"attribution\":{\"model\":\"first_touch\"}"), TWO,
                touch("t1", "2026-01-01T00:00:00Z", "p2", "link"), touch("t2", "2026-01-01T00:00:00Z", "p1", "link"),
                pay("i1", "2026-01-02T00:00:00Z", "c1", "10.00", "USD")).credits().get(0).partner();
        assertThat(first).isEqualTo("p2");
    }

    @Test
    void coupons_win_unless_turned_off_and_manual_wins_at_any_age() {
        String events1 = touch("t1", "2026-01-01T00:00:00Z", "p1", "coupon");
        String events2 = touch("t2", "2026-01-02T00:00:00Z", "p2", "link");
        String payment = pay("i1", "2026-01-03T00:00:00Z", "c1", "10.00", "USD");
        Binding coupon = bind(PROGRAM, TWO, events1, events2, payment);
        assertThat(credits(coupon)).isEqualTo("p1=1");
        assertThat(coupon.explanation().get().text()).isEqualTo("last_touch over t1; dropped t2 (p2): link beaten by a coupon");
        assertThat(credits(bind(PROGRAM.replace("\"currency\":\"USD\"", "\"currency\":\"USD\",\"attribution\":{\"couponsWin\":false}"), TWO,
                events1, events2, payment))).isEqualTo("p2=1");
        assertThat(credits(bind(PROGRAM, TWO, touch("t0", "2024-01-01T00:00:00Z", "p2", "manual"), events1, payment))).isEqualTo("p2=1");
    }

    /** Regression, found by the reference model: an inactive partner's newer manual touch does not hide an older one. */
    @Test
    void the_latest_manual_touch_of_an_active_partner_wins() {
        String partners = "[{\"id\":\"p1\"},{\"id\":\"p2\",\"status\":\"suspended\"}]";
        Binding b = bind(PROGRAM, partners, touch("t1", "2026-01-01T00:00:00Z", "p1", "manual"),
                touch("t2", "2026-01-05T00:00:00Z", "p2", "manual"), pay("i1", "2026-01-06T00:00:00Z", "c1", "10.00", "USD"));
        assertThat(credits(b)).isEqualTo("p1=1");
        assertThat(b.explanation().get().text()).isEqualTo("manual touch t1 assigns p1, whatever its age; dropped t2 (p2, manual): partner is suspended");
    }

    @Test
    void self_referrals_and_inactive_partners_are_not_credited() {
        String partners = "[{\"id\":\"p1\",\"ownCustomers\":[\"c1\"]},{\"id\":\"p2\",\"status\":\"suspended\"},{\"id\":\"p3\"}]";
        Binding b = bind(PROGRAM, partners, touch("t1", "2026-01-01T00:00:00Z", "p3", "link"), touch("t2", "2026-01-02T00:00:00Z", "p1", "link"),
                touch("t3", "2026-01-03T00:00:00Z", "p2", "coupon"), pay("i1", "2026-01-04T00:00:00Z", "c1", "10.00", "USD"));
        assertThat(credits(b)).isEqualTo("p3=1");
        assertThat(b.explanation().get().text()).isEqualTo(
                "last_touch over t1; dropped t2 (p1): self-referral; dropped t3 (p2): partner is suspended");
        Binding none = bind(PROGRAM, partners, touch("t1", "2026-01-01T00:00:00Z", "p1", "link"),
                pay("i1", "2026-01-04T00:00:00Z", "c1", "10.00", "USD"));
        assertThat(none.isOrganic()).isTrue();
    }

    @Test
    void lifetime_lock_in_and_lock_in_days() {
        String locked = PROGRAM.replace("\"currency\":\"USD\"", "\"currency\":\"USD\",\"attribution\":{\"lockInDays\":10}");
        Result r = EngineRulesTest.run(locked, TWO, touch("t1", "2026-01-01T00:00:00Z", "p1", "link"),
                pay("i1", "2026-01-02T00:00:00Z", "c1", "10.00", "USD"),
                touch("t2", "2026-01-05T00:00:00Z", "p2", "link"),
                pay("i2", "2026-01-12T00:00:00Z", "c1", "10.00", "USD"),
                pay("i3", "2026-01-12T00:00:01Z", "c1", "10.00", "USD"));
        // the later touch of p2 changes nothing: the binding holds; after 10 days payments earn nothing
        assertThat(r.entries()).extracting(e -> e.id()).containsExactly("i1/p1/commission", "i2/p1/commission");
        assertThat(r.bindings()).hasSize(1);
    }

    @Test
    void organic_customers_earn_nobody_anything() {
        Result r = EngineRulesTest.run(PROGRAM, TWO, pay("i1", "2026-01-02T00:00:00Z", "c1", "10.00", "USD"),
                touch("t1", "2026-01-03T00:00:00Z", "p1", "link"), pay("i2", "2026-01-04T00:00:00Z", "c1", "10.00", "USD"));
        assertThat(r.entries()).isEmpty();
        assertThat(r.bindings()).singleElement().satisfies(b -> assertThat(b.credits()).isEmpty());
    }

    @Test
    void split_credit_sums_weights_per_partner_in_first_touch_order() {
        String linear = PROGRAM.replace("\"currency\":\"USD\"", "\"currency\":\"USD\",\"attribution\":{\"model\":\"linear\"}");
        Binding b = bind(linear, "[{\"id\":\"p1\"},{\"id\":\"p2\"},{\"id\":\"p3\"}]",
                touch("t1", "2026-01-01T00:00:00Z", "p2", "link"), touch("t2", "2026-01-02T00:00:00Z", "p1", "link"),
                touch("t3", "2026-01-03T00:00:00Z", "p2", "link"), pay("i1", "2026-01-04T00:00:00Z", "c1", "10.00", "USD"));
        assertThat(credits(b)).isEqualTo("p2=0.6666666667 p1=0.3333333333");
        assertThat(List.of(b.credits().get(0).weight().plus(b.credits().get(1).weight()).toString())).containsExactly("1");
    }
}
