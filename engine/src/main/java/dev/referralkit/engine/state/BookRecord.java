package dev.referralkit.engine.state;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A partner's book: which of its periods are open (their {@link VolumeRecord}s), the lifetime bonuses
 * already awarded (SPEC.md §5.3: once), what payouts paid per currency, the sequence of its next open
 * entry, and the month-scoped caps in use (dropped when their month closes).
 *
 * @param partner         the partner
 * @param openPeriods     labels of open periods, in the order opened
 * @param lifetimeBonuses indexes into {@code program.bonuses} of lifetime bonuses awarded
 * @param paid            paid so far per currency code, minor units (written sorted by code)
 * @param nextSeq         the sequence number of the partner's next open entry
 * @param monthCaps       month-scoped cap records in use, as {@code <cap path>|<scope>}
 */
public record BookRecord(String partner, List<String> openPeriods, List<Integer> lifetimeBonuses, Map<String, Long> paid,
                         long nextSeq, List<String> monthCaps) implements StateRecord {
    /** Checks the fields and copies the collections. */
    public BookRecord {
        Objects.requireNonNull(partner, "partner");
        openPeriods = List.copyOf(openPeriods);
        lifetimeBonuses = List.copyOf(lifetimeBonuses);
        paid = Map.copyOf(paid);
        monthCaps = List.copyOf(monthCaps);
    }

    /**
     * @param partner a partner
     * @return the book of a partner with no history
     */
    public static BookRecord empty(String partner) {
        return new BookRecord(partner, List.of(), List.of(), Map.of(), 0, List.of());
    }

    @Override
    public RecordKind kind() {
        return RecordKind.BOOK;
    }

    @Override
    public boolean sameKey(StateRecord other) {
        return other instanceof BookRecord b && b.partner.equals(partner);
    }
}
