package dev.referralkit.kafka;

import dev.referralkit.RejectionCode;
import dev.referralkit.event.Event;
import dev.referralkit.event.Payment;
import dev.referralkit.event.PayoutRun;
import dev.referralkit.event.Touch;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.ledger.ImmutableRejection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@link ShapeTopology}'s toy rules in one JVM, in input order: what every partitioning must reproduce. */
final class ShapeReference {
    private ShapeReference() {
    }

    static String entry(String event, String partner, String currency, long minor) {
        return event + "/" + partner + " " + currency + " " + minor;
    }

    static String payout(String run, String partner, String currency, long minor) {
        return run + " " + partner + " " + currency + " " + minor;
    }

    /**
     * Runs a history.
     *
     * @param history the ingest records in order
     * @return entries, payouts and rejections, each sorted
     */
    static Outputs run(List<ShapeHistories.Input> history) {
        Map<String, String> partnerOf = new HashMap<>();
        Map<String, Instant> lastOf = new HashMap<>();
        Map<String, Integer> credits = new HashMap<>();
        Map<String, Map<String, Long>> unpaid = new TreeMap<>();
        List<String> entries = new ArrayList<>();
        List<String> payouts = new ArrayList<>();
        List<String> rejections = new ArrayList<>();
        Instant lastRun = null;
        for (ShapeHistories.Input in : history) {
            EventInput.Read read = EventInput.read(in.key(), in.value());
            if (read instanceof EventInput.Refused r) {
                rejections.add(ReferralKitJson.write(r.rejection()));
                continue;
            }
            Event e = ((EventInput.Accepted) read).event();
            String customer = e.customerId().orElse(null);
            if (lastRun != null && !e.at().isAfter(lastRun)) {
                rejections.add(rejection(e, RejectionCode.LATE_EVENT, "is not after the latest payout run at " + lastRun));
                continue;
            }
            if (customer != null && lastOf.containsKey(customer) && e.at().isBefore(lastOf.get(customer))) {
                rejections.add(rejection(e, RejectionCode.OUT_OF_ORDER, "is before the customer's last event at "
                        + lastOf.get(customer)));
                continue;
            }
            if (e instanceof Touch t) {
                partnerOf.put(t.customer(), t.partner());
            } else if (e instanceof Payment p && partnerOf.containsKey(p.customer())) {
                String partner = partnerOf.get(p.customer());
                int n = credits.merge(partner, 1, Integer::sum);
                long earned = p.money().toMinorUnits() * (n <= 2 ? 10 : 20) / 100;
                String currency = p.currency().getCurrencyCode();
                unpaid.computeIfAbsent(partner, k -> new TreeMap<>()).merge(currency, earned, Long::sum);
                entries.add(entry(p.id(), partner, currency, earned));
            } else if (e instanceof PayoutRun run) {
                lastRun = run.at();
                unpaid.forEach((partner, sums) -> sums.replaceAll((currency, sum) -> {
                    if (sum > 0) {
                        payouts.add(payout(run.id(), partner, currency, sum));
                        return 0L;
                    }
                    return sum;
                }));
            }
            if (customer != null) {
                lastOf.put(customer, e.at());
            }
        }
        return new Outputs(entries, payouts, rejections).sorted();
    }

    private static String rejection(Event e, RejectionCode code, String problem) {
        return ReferralKitJson.write(ImmutableRejection.builder().event(e.id()).code(code)
                .message("at " + e.at() + " " + problem).build());
    }

    /** What came out, each list sorted so that runs compare whatever the partitioning. */
    record Outputs(List<String> entries, List<String> payouts, List<String> rejections) {
        Outputs sorted() {
            return new Outputs(entries.stream().sorted().toList(), payouts.stream().sorted().toList(),
                    rejections.stream().sorted().toList());
        }
    }
}
