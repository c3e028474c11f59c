package dev.referralkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.referralkit.examples.crossreferral.CrossReferralExample;
import dev.referralkit.examples.journeys.JourneyReportExample;
import dev.referralkit.examples.saas.StripeWebhookExample;
import dev.referralkit.attribution.JourneyCsv;
import dev.referralkit.ledger.Entry;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExamplesTest {
    @Test
    void stripe_webhooks_become_entries_and_cumulative_refunds_become_deltas() {
        StripeWebhookExample host = new StripeWebhookExample(dev.referralkit.program.Program.parse(
                "{\"currency\":\"USD\",\"rewards\":{\"payment\":{\"type\":\"recurring\",\"months\":12,"
                        + "\"reward\":{\"type\":\"percent\",\"percent\":\"20\"}}}}"), List.of("ana"));
        host.referralLinkVisited("visit-1", Instant.parse("2026-03-01T09:00:00Z"), "ana", "cus_1");
        host.onWebhook(StripeWebhookExample.invoicePaid("evt_1", "in_1", "ch_1", "cus_1", 4900, 0, "2026-03-02T10:00:00Z"));
        host.onWebhook(StripeWebhookExample.invoicePaid("evt_2", "in_2", "ch_2", "cus_1", 5900, 1000, "2026-04-02T10:00:00Z"));
        host.onWebhook(StripeWebhookExample.chargeRefunded("evt_3", "ch_2", 1000, "2026-04-03T10:00:00Z"));
        host.onWebhook(StripeWebhookExample.chargeRefunded("evt_4", "ch_2", 5900, "2026-04-05T10:00:00Z"));
        host.onWebhook(StripeWebhookExample.chargeRefunded("evt_4", "ch_2", 5900, "2026-04-05T10:00:00Z"));
        host.onWebhook(StripeWebhookExample.invoicePaid("evt_1", "in_1", "ch_1", "cus_1", 4900, 0, "2026-03-02T10:00:00Z"));
        List<Entry> ledger = host.ledger();
        assertThat(ledger).extracting(e -> e.id() + " " + e.amount().toPlainString()).containsExactly(
                "in_1/ana/commission 9.80", "in_2/ana/commission 9.80", "evt_3/ana/reversal -1.66", "evt_4/ana/reversal -8.14");
        assertThat(host.log()).containsExactly("ignored evt_4: nothing new refunded on ch_2",
                "evt_1 rejected: payment in_1: already accepted with identical content; nothing changed");
    }

    @Test
    void two_businesses_see_what_each_earned_from_the_other() {
        CrossReferralExample town = CrossReferralExample.aMonthInTown();
        // 12 × 5.00 capped at 50.00 a month; 10 % of 18.40 + 64.00
        assertThat(town.earnedFromTheOther()).extractingFromEntries(e -> e.getKey() + ": " + e.getValue()).containsExactly(
                "bakery (from the florist's program): 50.00 EUR", "florist (from the bakery's program): 8.24 EUR");
    }

    @Test
    void the_journey_report_compares_every_model() throws IOException {
        Map<String, Map<String, String>> table;
        try (Reader reader = Files.newBufferedReader(Path.of("scenarios", "journeys.csv"))) {
            table = JourneyReportExample.compare(JourneyCsv.read(reader));
        }
        assertThat(table.keySet()).containsExactly("email", "partner-ana", "partner-studio", "search", "social");
        assertThat(table.get("partner-ana")).containsEntry("shapley", "54.5").containsEntry("last_touch", "25.0")
                .containsKeys("markov", "counterfactual", "first_touch", "linear", "position_based");
        assertThat(JourneyReportExample.format(table)).startsWith("channel").contains("partner-studio");
    }
}
