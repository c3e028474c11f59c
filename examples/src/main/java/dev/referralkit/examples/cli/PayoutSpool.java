package dev.referralkit.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.ledger.Payout;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The payouts of a streamed run, kept in a temporary file (one JSON object a line) instead of the heap: a payout
 * lists the ids of the entries it settled, so over a year of events the payouts hold an id per entry, as many as
 * the events (1M W4 events: 880,000 ids, about 60 MB of strings). Read back one at a time when the report is
 * written. The file is deleted on {@link #close}.
 */
final class PayoutSpool implements Closeable {
    private Path file;
    private BufferedWriter writer;
    private long count;

    /** @param payout a payout, written to the file */
    void add(Payout payout) throws IOException {
        if (writer == null) {
            file = Files.createTempFile("referralkit-payouts", ".jsonl");
            file.toFile().deleteOnExit();
            writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        }
        writer.write(ReferralKitJson.write(payout));
        writer.newLine();
        count++;
    }

    /** @return the number of payouts */
    long size() {
        return count;
    }

    /** @param each receives every payout as the JSON tree it was written as, in the order added */
    void forEach(Consumer<JsonNode> each) throws IOException {
        if (writer == null) {
            return;
        }
        writer.flush();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                each.accept(ReferralKitJson.mapper().readTree(line));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public void close() throws IOException {
        if (writer != null) {
            writer.close();
            Files.deleteIfExists(file);
            writer = null;
        }
    }
}
