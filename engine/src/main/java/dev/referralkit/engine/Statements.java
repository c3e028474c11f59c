package dev.referralkit.engine;

import dev.referralkit.event.Event;
import dev.referralkit.ledger.Entry;
import dev.referralkit.ledger.EntryKind;
import dev.referralkit.ledger.HoldChange;
import dev.referralkit.ledger.HoldStatus;
import dev.referralkit.ledger.ImmutableStatement;
import dev.referralkit.ledger.Statement;
import dev.referralkit.money.Money;
import dev.referralkit.program.Period;
import dev.referralkit.program.Program;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Partner statements (docs/payouts.md §5), computed from what the engine returned — each accepted event's instant
 * and outcome — never from its state: per partner, currency and period ({@code month}, {@code quarter} or
 * {@code year} in the program's time zone) the opening balance, the period's entries by kind, what was held at the
 * period's end, what was paid, and the closing balance. An entry belongs to the period of the event that made it.
 * They reconcile by construction: {@code closing = opening + Σ entries}, each statement opens with the previous
 * one's closing, the first at zero.
 *
 * <p>A period gets a statement when the partner has entries or hold changes in that currency in it. Memory: one
 * sum per kind per statement, and the amounts of entries under holds.
 *
 * <pre>{@code
 * Statements statements = Statements.of(program, Period.MONTH);
 * statements.accept(event, engine.process(event));
 * List<Statement> list = statements.build();
 * }</pre>
 */
public final class Statements {
    private final Period period;
    private final ZoneId zone;
    /** partner, currency code, period start: the period's sums */
    private final Map<String, Map<String, TreeMap<Instant, Sums>>> sums = new TreeMap<>();
    private final Map<String, Currency> currencies = new HashMap<>();
    /** held entries: id to (partner, currency, amount) */
    private final Map<String, Held> held = new HashMap<>();
    /** changes of the held amount, in the order given */
    private final List<HeldDelta> deltas = new ArrayList<>();
    private long order;

    private record Held(String partner, String currency, BigDecimal amount) {
    }

    private record HeldDelta(Instant at, long order, String partner, String currency, BigDecimal amount) {
    }

    private static final class Sums {
        final String label;
        final Instant from;
        final Instant to;
        final Map<EntryKind, BigDecimal> byKind = new EnumMap<>(EntryKind.class);

        Sums(String label, Instant from, Instant to) {
            this.label = label;
            this.from = from;
            this.to = to;
        }
    }

    private Statements(Period period, ZoneId zone) {
        if (period == Period.LIFETIME) {
            throw new IllegalArgumentException("statements are by month, quarter or year, not lifetime");
        }
        this.period = Objects.requireNonNull(period, "period");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /**
     * @param program the program (its time zone)
     * @param period  {@code MONTH}, {@code QUARTER} or {@code YEAR}
     * @return an empty builder
     * @throws IllegalArgumentException for {@code LIFETIME}
     */
    public static Statements of(Program program, Period period) {
        return new Statements(period, program.timeZone());
    }

    /**
     * Takes an event and its outcome (a rejected one changes nothing).
     *
     * @param event   the event
     * @param outcome what the engine returned for it
     * @return this builder
     */
    public Statements accept(Event event, Outcome outcome) {
        return accept(event.at(), outcome);
    }

    /**
     * Takes an outcome and the instant of its event.
     *
     * @param at      the event's instant
     * @param outcome what the engine returned for it
     * @return this builder
     */
    public Statements accept(Instant at, Outcome outcome) {
        if (!outcome.isAccepted()) {
            return this;
        }
        Map<String, Entry> made = outcome.holds().isEmpty() ? Map.of() : new HashMap<>();
        for (Entry e : outcome.entries()) {
            String code = e.currency().getCurrencyCode();
            currencies.putIfAbsent(code, e.currency());
            sums(e.partner(), code, at).byKind.merge(e.kind(), e.amount(), BigDecimal::add);
            if (!outcome.holds().isEmpty()) {
                made.put(e.id(), e);
            }
        }
        for (HoldChange h : outcome.holds()) {
            if (h.status() == HoldStatus.HELD) {
                Entry e = made.get(h.entry());
                if (e == null) {
                    throw new IllegalArgumentException("hold change of " + h.entry() + " without its entry in the same outcome");
                }
                Held x = new Held(e.partner(), e.currency().getCurrencyCode(), e.amount());
                held.put(h.entry(), x);
                deltas.add(new HeldDelta(at, order++, x.partner(), x.currency(), x.amount()));
                sums(x.partner(), x.currency(), at);
            } else {
                Held x = held.remove(h.entry());
                if (x != null) {
                    deltas.add(new HeldDelta(at, order++, x.partner(), x.currency(), x.amount().negate()));
                    sums(x.partner(), x.currency(), at);
                }
            }
        }
        return this;
    }

    private Sums sums(String partner, String currency, Instant at) {
        Instant from = period.startDate(at, zone).atStartOfDay(zone).toInstant();
        return sums.computeIfAbsent(partner, p -> new TreeMap<>()).computeIfAbsent(currency, c -> new TreeMap<>())
                .computeIfAbsent(from, f -> new Sums(period.label(at, zone), from, period.end(at, zone)));
    }

    /**
     * @return the statements, by partner, then currency code, then period
     */
    public List<Statement> build() {
        Map<String, List<HeldDelta>> byAccount = new HashMap<>();
        for (HeldDelta d : deltas) {
            byAccount.computeIfAbsent(d.partner() + "\u0000" + d.currency(), k -> new ArrayList<>()).add(d);
        }
        byAccount.values().forEach(list -> list.sort((a, b) -> a.at().compareTo(b.at()) != 0 ? a.at().compareTo(b.at())
                : Long.compare(a.order(), b.order())));
        List<Statement> statements = new ArrayList<>();
        sums.forEach((partner, byCurrency) -> new TreeMap<>(byCurrency).forEach((code, periods) -> {
            Currency currency = currencies.get(code);
            BigDecimal balance = Money.zero(currency).amount();
            List<HeldDelta> account = byAccount.getOrDefault(partner + "\u0000" + code, List.of());
            int next = 0;
            BigDecimal heldAtEnd = Money.zero(currency).amount();
            for (Sums s : periods.values()) {
                BigDecimal opening = balance;
                Map<EntryKind, BigDecimal> entries = new LinkedHashMap<>();
                BigDecimal paid = Money.zero(currency).amount();
                for (Map.Entry<EntryKind, BigDecimal> k : s.byKind.entrySet()) {
                    entries.put(k.getKey(), k.getValue());
                    balance = balance.add(k.getValue());
                    if (k.getKey() == EntryKind.PAYOUT || k.getKey() == EntryKind.PAYOUT_REVERSAL) {
                        paid = paid.subtract(k.getValue());
                    }
                }
                while (next < account.size() && account.get(next).at().isBefore(s.to)) {
                    heldAtEnd = heldAtEnd.add(account.get(next++).amount());
                }
                statements.add(ImmutableStatement.builder().partner(partner).currency(currency).period(s.label).from(s.from).to(s.to)
                        .opening(opening).entries(entries).held(heldAtEnd).paid(paid).closing(balance).build());
            }
        }));
        return statements;
    }
}
