package dev.referralkit.jdbc;

import dev.referralkit.jdbc.internal.JournalRow;
import dev.referralkit.jdbc.internal.RecordKey;
import dev.referralkit.jdbc.internal.StoredDeletion;
import dev.referralkit.jdbc.internal.StoredRecord;
import dev.referralkit.ledger.Entry;
import dev.referralkit.ledger.EntryKind;
import dev.referralkit.ledger.Explanation;
import dev.referralkit.ledger.ImmutableEntry;
import dev.referralkit.ledger.ImmutablePayout;
import dev.referralkit.ledger.Payout;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/** Rows for the tests, shaped like the engine's. */
final class Rows {
    private Rows() {
    }

    static JournalRow event(String id) {
        return new JournalRow(id, id.hashCode() * 0x9E3779B97F4A7C15L,
                "{\"type\":\"payment\",\"id\":\"" + id + "\",\"at\":\"2026-01-03T10:00:00Z\",\"customer\":\"c1\","
                        + "\"amount\":\"100.00\",\"currency\":\"USD\"}");
    }

    static Entry entry(String id, String partner, String amount, String currency, Instant availableAt) {
        return ImmutableEntry.builder()
                .id(id)
                .kind(EntryKind.COMMISSION)
                .partner(partner)
                .customer("c1")
                .event(id.substring(0, id.indexOf('/')))
                .amount(new BigDecimal(amount))
                .currency(Currency.getInstance(currency))
                .availableAt(availableAt)
                .explanation(Explanation.of("percent", "20% of " + amount + " " + currency))
                .build();
    }

    static Entry entry(String id, String partner, String amount) {
        return entry(id, partner, amount, "USD", Instant.parse("2026-02-02T10:00:00Z"));
    }

    static Entry payoutEntry(String run, String partner, String amount) {
        return ImmutableEntry.builder()
                .id(run + "/" + partner + "/USD/payout")
                .kind(EntryKind.PAYOUT)
                .partner(partner)
                .customer(Optional.empty())
                .event(run)
                .amount(new BigDecimal(amount))
                .currency(Currency.getInstance("USD"))
                .availableAt(Instant.parse("2026-02-28T00:00:00Z"))
                .explanation(Explanation.of("payout", "paid " + amount))
                .build();
    }

    static Payout payout(String run, String partner, String amount, List<String> entries) {
        return ImmutablePayout.builder().run(run).partner(partner).currency(Currency.getInstance("USD"))
                .amount(new BigDecimal(amount)).entries(entries).build();
    }

    static RecordKey key(int kind, String key) {
        return new RecordKey(kind, key.getBytes(StandardCharsets.UTF_8));
    }

    static StoredRecord put(int kind, String key, String value) {
        return new StoredRecord(key(kind, key), 1, value.getBytes(StandardCharsets.UTF_8));
    }

    static StoredDeletion delete(int kind, String key) {
        return new StoredDeletion(key(kind, key));
    }
}
