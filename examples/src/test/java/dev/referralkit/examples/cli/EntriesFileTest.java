package dev.referralkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.referralkit.engine.ReferralEngine;
import dev.referralkit.engine.ReferralProgram;
import dev.referralkit.engine.Scenario;
import dev.referralkit.event.Event;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.ledger.Entry;
import dev.referralkit.program.Program;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The entries file holds, byte for byte, what it held when each entry was written as
 * {@code ReferralKitJson.write(entry)} and a line end: over the entries of every shared scenario and of a
 * generated stream (ids with unicode, quotes and backslashes; several currencies).
 */
class EntriesFileTest {
    @TempDir
    Path dir;

    @Test
    void the_scenarios_entries_are_written_as_before() throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("../../shared/scenarios"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                entries.addAll(Scenario.parse(Files.readString(file)).run().entries());
            }
        }
        assertThat(entries).hasSizeGreaterThan(20);
        assertWrittenAsBefore(entries);
    }

    @Test
    void a_generated_streams_entries_are_written_as_before() throws IOException {
        ReferralEngine engine = ReferralEngine.create(Program.parse(EventLineCliProperties.PROGRAM),
                ReferralProgram.parsePartners(EventLineCliProperties.PARTNERS));
        List<Entry> entries = new ArrayList<>();
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        for (long seed = 0; seed < 40_000; seed++) {
            at = at.plusSeconds(seed % 100);
            Event event = EventReaderProperties.bind(EventLineGen.forFile(seed, at, 3000).text());
            // amounts near 10^15 included: one past 64-bit minor units is rejected by the engine (MinorUnitRangeTest)
            if (event != null && !(event instanceof dev.referralkit.event.PartnerChange)) {   // no suspensions
                for (Entry e : engine.process(event).entries()) {
                    if (StandardCharsets.UTF_8.newEncoder().canEncode(ReferralKitJson.write(e))) {   // not a cut surrogate pair
                        entries.add(e);
                    }
                }
            }
        }
        assertThat(entries).hasSizeGreaterThan(1000);
        assertThat(entries).anySatisfy(e -> assertThat(ReferralKitJson.write(e)).containsPattern("[^\\x00-\\x7f]"));
        assertThat(entries).anySatisfy(e -> assertThat(ReferralKitJson.write(e)).contains("\\\""));
        assertWrittenAsBefore(entries);
    }

    private void assertWrittenAsBefore(List<Entry> entries) throws IOException {
        ByteArrayOutputStream before = new ByteArrayOutputStream();
        for (Entry e : entries) {
            before.writeBytes((ReferralKitJson.write(e) + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
        }
        Path target = dir.resolve("entries.jsonl");
        EntriesFile file = EntriesFile.open(target);
        try (file) {
            for (Entry e : entries) {
                file.write(e);
            }
            file.commit();
        }
        assertThat(Files.readAllBytes(target)).isEqualTo(before.toByteArray());
    }
}
