package dev.referralkit.reports;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.ledger.Balance;
import dev.referralkit.money.Ratio;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.Optional;

/** Writes a report as one JSON object: amounts, counts and rates as strings, absent figures as null. */
final class ReportJson {
    private ReportJson() {
    }

    static void write(Report r, Writer out) throws IOException {
        try (JsonGenerator g = ReferralKitJson.mapper().getFactory().createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("business", r.business());
            g.writeStringField("period", r.period().jsonName());
            g.writeStringField("timeZone", r.timeZone().getId());
            g.writeStringField("currency", r.currency().getCurrencyCode());
            g.writeStringField("asOf", r.asOf().toString());
            g.writeNumberField("events", r.events());
            g.writeNumberField("rejected", r.rejected());
            g.writeObjectFieldStart("decimals");
            g.writeNumberField("rates", Show.RATE_DECIMALS);
            g.writeNumberField("days", Show.DAY_DECIMALS);
            g.writeStringField("perCustomer", "currency");
            g.writeEndObject();
            g.writeArrayFieldStart("leaderboard");
            for (LeaderboardRow row : r.leaderboard()) {
                g.writeStartObject();
                g.writeNumberField("rank", row.rank());
                g.writeStringField("partner", row.partner());
                g.writeStringField("conversions", Show.count(row.conversions()));
                g.writeStringField("netRevenue", row.netRevenue().toPlainString());
                g.writeStringField("commissions", row.commissions().toPlainString());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("partners");
            for (PartnerReport p : r.partners()) {
                g.writeStartObject();
                g.writeStringField("partner", p.partner());
                g.writeStringField("business", p.business());
                figures(g, p.figures());
                g.writeArrayFieldStart("balances");
                for (Balance b : p.balances()) {
                    g.writeStartObject();
                    g.writeStringField("currency", b.currency().getCurrencyCode());
                    g.writeStringField("pending", b.pending().toPlainString());
                    g.writeStringField("available", b.available().toPlainString());
                    g.writeStringField("paid", b.paid().toPlainString());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("referred");
            figures(g, r.referred());
            g.writeEndObject();
            g.writeObjectFieldStart("organic");
            figures(g, r.organic());
            g.writeEndObject();
            g.writeArrayFieldStart("channels");
            for (ChannelRow c : r.channels()) {
                g.writeStartObject();
                g.writeStringField("channel", c.channel());
                g.writeStringField("period", c.period());
                g.writeStringField("currency", c.currency().getCurrencyCode());
                string(g, "spend", c.spend().map(BigDecimal::toPlainString));
                string(g, "customers", c.customers().map(Show::count));
                string(g, "revenue", c.revenue().map(BigDecimal::toPlainString));
                string(g, "acquisitionCost", c.acquisitionCost().map(x -> Show.perCustomer(x, c.currency())));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("reciprocity");
            for (ReciprocityCell c : r.reciprocity()) {
                g.writeStartObject();
                g.writeStringField("from", c.from());
                g.writeStringField("to", c.to());
                g.writeStringField("customers", Show.count(c.customers()));
                g.writeArrayFieldStart("money");
                for (MoneyFigures m : c.money()) {
                    g.writeStartObject();
                    g.writeStringField("currency", m.currency().getCurrencyCode());
                    g.writeStringField("netRevenue", m.netRevenue().toPlainString());
                    g.writeStringField("commissions", m.commissions().toPlainString());
                    g.writeStringField("paid", m.paid().toPlainString());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write('\n');
    }

    private static void figures(JsonGenerator g, Figures f) throws IOException {
        g.writeArrayFieldStart("periods");
        for (PeriodFigures p : f.periods()) {
            period(g, p);
        }
        g.writeEndArray();
        g.writeFieldName("total");
        period(g, f.total());
        g.writeArrayFieldStart("cohorts");
        for (Cohort c : f.cohorts()) {
            g.writeStartObject();
            g.writeStringField("month", c.month());
            g.writeStringField("customers", Show.count(c.customers()));
            g.writeArrayFieldStart("active");
            for (Ratio a : c.active()) {
                g.writeString(Show.count(a));
            }
            g.writeEndArray();
            g.writeArrayFieldStart("retention");
            for (int age = 0; age < c.active().size(); age++) {
                g.writeString(Show.rate(c.retention(age)));
            }
            g.writeEndArray();
            g.writeArrayFieldStart("revenue");
            for (Cohort.Revenue rev : c.revenue()) {
                g.writeStartObject();
                g.writeStringField("currency", rev.currency().getCurrencyCode());
                g.writeArrayFieldStart("byAge");
                for (BigDecimal v : rev.byAge()) {
                    g.writeString(v.toPlainString());
                }
                g.writeEndArray();
                string(g, "lifetimeValue", c.lifetimeValue(rev.currency()).map(x -> Show.perCustomer(x, rev.currency())));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void period(JsonGenerator g, PeriodFigures p) throws IOException {
        g.writeStartObject();
        g.writeStringField("period", p.period());
        g.writeNumberField("touches", p.touches());
        g.writeNumberField("clicks", p.clicks());
        g.writeStringField("leads", Show.count(p.leads()));
        g.writeStringField("leadsConverted", Show.count(p.leadsConverted()));
        g.writeStringField("conversions", Show.count(p.conversions()));
        string(g, "clickToCustomer", p.clickToCustomer().map(Show::rate));
        string(g, "leadToCustomer", p.leadToCustomer().map(Show::rate));
        string(g, "daysToFirstPayment", p.daysToFirstPayment().map(Show::days));
        g.writeArrayFieldStart("money");
        for (MoneyFigures m : p.money()) {
            g.writeStartObject();
            g.writeStringField("currency", m.currency().getCurrencyCode());
            g.writeStringField("grossRevenue", m.grossRevenue().toPlainString());
            g.writeStringField("refunds", m.refunds().toPlainString());
            g.writeStringField("netRevenue", m.netRevenue().toPlainString());
            string(g, "refundRate", m.refundRate().map(Show::rate));
            g.writeStringField("commissions", m.commissions().toPlainString());
            g.writeStringField("paid", m.paid().toPlainString());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void string(JsonGenerator g, String field, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            g.writeStringField(field, value.get());
        } else {
            g.writeNullField(field);
        }
    }
}
