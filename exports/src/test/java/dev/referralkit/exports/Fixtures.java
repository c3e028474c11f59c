package dev.referralkit.exports;

import dev.referralkit.ledger.ImmutablePayout;
import dev.referralkit.ledger.Payout;
import dev.referralkit.program.ImmutablePartner;
import dev.referralkit.program.Partner;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Payouts, partners and an independent RFC 4180 reader for the export tests. */
final class Fixtures {
    private Fixtures() {
    }

    static Payout payout(String run, String partner, String amount, String currency) {
        return ImmutablePayout.builder().run(run).partner(partner).currency(Currency.getInstance(currency))
                .amount(new BigDecimal(amount)).addEntries("i1/" + partner + "/commission").build();
    }

    static Partner partner(String id, Map<String, String> attributes) {
        return ImmutablePartner.builder().id(id).attributes(attributes).build();
    }

    record Written(String text, ExportResult result) {
    }

    static Written write(PayoutExport export, Collection<Payout> payouts, Collection<Partner> partners) {
        return write(export, payouts, partners, OnProblem.REFUSE);
    }

    static Written write(PayoutExport export, Collection<Payout> payouts, Collection<Partner> partners, OnProblem onProblem) {
        StringWriter out = new StringWriter();
        try {
            ExportResult result = export.write(payouts, partners, out, onProblem);
            return new Written(out.toString(), result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses CSV text strictly as RFC 4180 (Apache Commons CSV), every record as its list of fields. */
    static List<List<String>> parseCsv(String text) {
        try (CSVParser parser = CSVParser.parse(new StringReader(text), CSVFormat.RFC4180)) {
            List<List<String>> rows = new ArrayList<>();
            for (CSVRecord r : parser) {
                rows.add(r.toList());
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
