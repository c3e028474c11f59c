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
     * @param history the input records in order (a record meant for every partition counts once)
     * @return entries, payouts and rejections, each sorted
     */
    static Outputs run(List<ShapeHistories.Input> history) {
        Map<String, String> customers = new HashMap<>();
        Map<String, Integer> credits = new HashMap<>();
        Map<String, Map<String, Long>> unpaid = new TreeMap<>();
        List<String> entries = new ArrayList<>();
        List<String> payouts = new ArrayList<>();
        List<String> rejections = new ArrayList<>();
        Instant mark = null;
        Instant lastRun = null;
        for (ShapeHistories.Input in : history) {
            EventInput.Read read = EventInput.read(in.key(), in.value(), in.headers());
            if (read instanceof EventInput.Refused r) {
                rejections.add(ReferralKitJson.write(r.rejection()));
                continue;
            }
            if (read instanceof EventInput.Clock c) {
                mark = mark == null || c.at().isAfter(mark) ? c.at() : mark;
                continue;
            }
            Event e = ((EventInput.Accepted) read).event();
            if (lastRun != null && !e.at().isAfter(lastRun)) {
                rejections.add(rejection(e, RejectionCode.LATE_EVENT, "is not after the latest payout run at " + lastRun));
                continue;
            }
            if (mark != null && e.at().isBefore(mark)) {
                rejections.add(rejection(e, RejectionCode.OUT_OF_ORDER, "is out of order"));
                continue;
            }
            if (e instanceof Touch t) {
                customers.put(t.customer(), t.partner());
            } else if (e instanceof Payment p) {
                String partner = customers.get(p.customer());
                if (partner != null) {
                    int n = credits.merge(partner, 1, Integer::sum);
                    long earned = p.money().toMinorUnits() * (n <= 2 ? 10 : 20) / 100;
                    String currency = p.currency().getCurrencyCode();
                    unpaid.computeIfAbsent(partner, k -> new TreeMap<>()).merge(currency, earned, Long::sum);
                    entries.add(entry(p.id(), partner, currency, earned));
                }
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
            mark = mark == null || e.at().isAfter(mark) ? e.at() : mark;
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
