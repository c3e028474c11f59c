package dev.referralkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.referralkit.engine.Outcome;
import dev.referralkit.engine.ReferralEngine;
import dev.referralkit.event.Event;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.ledger.Entry;
import java.io.BufferedWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness's SQL computes what the engine computes, so that its check of the command line means something. */
class CliVsDuckDbTest {
    @TempDir
    Path dir;

    @Test
    void duckdb_pays_each_partner_what_the_engine_pays_on_w1() throws Exception {
        Workloads.Data data = Workloads.generate(Workloads.Workload.W1, 40, 6_000, 1_500, 7L);
        ReferralEngine engine = ReferralEngine.create(data.program, data.partners);
        Map<String, BigDecimal> engineTotals = new TreeMap<>();
        try (BufferedWriter events = Files.newBufferedWriter(dir.resolve("events.jsonl"), StandardCharsets.UTF_8);
             BufferedWriter entries = Files.newBufferedWriter(dir.resolve("entries.jsonl"), StandardCharsets.UTF_8)) {
            for (Event e : data.events) {
                events.write(ReferralKitJson.write(e));
                events.newLine();
                Outcome o = engine.process(e);
                assertThat(o.isAccepted()).as("%s", o.rejection()).isTrue();
                for (Entry entry : o.entries()) {
                    engineTotals.merge(entry.partner(), entry.amount(), BigDecimal::add);
                    entries.write(ReferralKitJson.write(entry));
                    entries.newLine();
                }
            }
        }
        assertThat(engineTotals).hasSizeGreaterThan(10);

        Map<String, BigDecimal> sql = CliVsDuckDb.duckdbPayouts(dir);

        CliVsDuckDb.check("engine", engineTotals, "DuckDB", sql);
        assertThat(CliVsDuckDb.total(sql)).isEqualByComparingTo(CliVsDuckDb.total(engineTotals));
        assertThat(CliVsDuckDb.entryTotals(dir.resolve("entries.jsonl"))).isEqualTo(engineTotals);

        // the same query in a JVM of its own, as the harness times it: same payouts, a query time, a measured process
        CliVsDuckDb.Duck child = CliVsDuckDb.runDuckDb(dir);
        CliVsDuckDb.check("engine", engineTotals, "DuckDB's process", child.payouts());
        assertThat(child.queryNanos()).isPositive();
        assertThat(child.process().status()).isZero();
        assertThat(child.process().wallNanos()).isGreaterThan(child.queryNanos());
        assertThat(child.process().peakRssKb()).as("peak RSS of DuckDB's JVM").isGreaterThan(10_000);
    }

    @Test
    void the_check_names_a_partner_whose_amounts_differ() {
        Map<String, BigDecimal> one = Map.of("p1", new BigDecimal("10.00"), "p2", new BigDecimal("2.50"));
        Map<String, BigDecimal> other = Map.of("p1", new BigDecimal("10.0"), "p2", new BigDecimal("2.51"));
        assertThatThrownBy(() -> CliVsDuckDb.check("a", one, "b", other)).hasMessageContaining("partner p2: a 2.50, b 2.51");
        CliVsDuckDb.check("a", one, "b", Map.of("p1", new BigDecimal("10.0"), "p2", new BigDecimal("2.5")));
    }
}
