package dev.referralkit.examples.cli;

import dev.referralkit.ledger.Balance;
import dev.referralkit.ledger.Binding;
import dev.referralkit.ledger.Credit;
import dev.referralkit.ledger.Entry;
import dev.referralkit.ledger.Explanation;
import dev.referralkit.ledger.Payout;
import dev.referralkit.ledger.Rejection;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** The readable report of a run: entries with explanations, payouts, balances, bindings with why, rejections. */
final class Report {
    private Report() {
    }

    static void entries(PrintWriter out, List<Entry> entries) {
        out.println("Entries (" + entries.size() + ")");
        Table t = new Table("id", "kind", "partner", "amount", "currency", "available", "explanation").rightAligned(3);
        for (Entry e : entries) {
            t.add(e.id(), e.kind().name(), e.partner(), e.amount().toPlainString(), e.currency().getCurrencyCode(),
                    e.availableAt().toString(), e.explanation().text());
        }
        print(out, t);
    }

    static void payouts(PrintWriter out, List<Payout> payouts) {
        out.println("Payouts (" + payouts.size() + ")");
        Table t = new Table("run", "partner", "amount", "currency", "entries").rightAligned(2);
        for (Payout p : payouts) {
            t.add(p.run(), p.partner(), p.amount().toPlainString(), p.currency().getCurrencyCode(), String.join(", ", p.entries()));
        }
        print(out, t);
    }

    /** The payouts of a streamed run, as {@link #payouts(PrintWriter, List)} prints them, read twice from the spool. */
    static void payouts(PrintWriter out, PayoutSpool payouts) throws java.io.IOException {
        out.println("Payouts (" + payouts.size() + ")");
        if (payouts.size() == 0) {
            out.println("  (none)");
            out.println();
            return;
        }
        Table t = new Table("run", "partner", "amount", "currency", "entries").rightAligned(2);
        int[] widths = t.widths();
        payouts.forEach(p -> Table.measure(widths, payoutRow(p)));
        t.header(out, widths);
        payouts.forEach(p -> t.line(out, payoutRow(p), widths));
        out.println();
    }

    private static String[] payoutRow(com.fasterxml.jackson.databind.JsonNode p) {
        List<String> entries = new java.util.ArrayList<>();
        p.get("entries").forEach(e -> entries.add(e.asText()));
        return new String[] {p.get("run").asText(), p.get("partner").asText(), p.get("amount").asText(), p.get("currency").asText(),
            String.join(", ", entries)};
    }

    static void balances(PrintWriter out, List<Balance> balances, String asOf) {
        out.println("Balances at " + asOf);
        Table t = new Table("partner", "currency", "pending", "available", "paid").rightAligned(2, 3, 4);
        for (Balance b : balances) {
            t.add(b.partner(), b.currency().getCurrencyCode(), b.pending().toPlainString(), b.available().toPlainString(),
                    b.paid().toPlainString());
        }
        print(out, t);
    }

    static void bindings(PrintWriter out, List<Binding> bindings) {
        out.println("Bindings (" + bindings.size() + ")");
        Table t = new Table("customer", "event", "credits", "why");
        for (Binding b : bindings) {
            StringBuilder credits = new StringBuilder();
            for (Credit c : b.credits()) {
                credits.append(credits.length() == 0 ? "" : ", ").append(c.partner()).append(' ').append(c.weight().toDecimalString());
            }
            t.add(b.customer(), b.event(), b.isOrganic() ? "ORGANIC" : credits.toString(),
                    b.explanation().map(Explanation::text).orElse(""));
        }
        print(out, t);
    }

    static void rejections(PrintWriter out, List<Rejection> rejected, long total) {
        out.println("Rejected (" + total + (total > rejected.size() ? ", first " + rejected.size() + " shown" : "") + ")");
        Table t = new Table("event", "code", "message");
        for (Rejection r : rejected) {
            t.add(r.event(), r.code().name(), r.message());
        }
        print(out, t);
    }

    static void counts(PrintWriter out, Map<String, Long> counts) {
        out.println("Counts");
        Table t = new Table("what", "count").rightAligned(1);
        counts.forEach((k, v) -> t.add(k, Long.toString(v)));
        print(out, t);
    }

    private static void print(PrintWriter out, Table t) {
        if (t.isEmpty()) {
            out.println("  (none)");
        } else {
            t.print(out);
        }
        out.println();
    }
}
