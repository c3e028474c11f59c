package dev.referralkit.exports;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.ledger.Payout;
import dev.referralkit.money.Money;
import dev.referralkit.program.Partner;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The steps every format shares (see {@link PayoutExport}): order the payouts, prepare each one as a
 * row (a refusal becomes a {@link SkippedPayout}), check the file, then write header and rows. A format
 * supplies {@link #prepare}, {@link #checkFile}, {@link #header} and {@link #row}.
 *
 * @param <R> what one payout becomes: CSV cells or a JSON line
 */
abstract class RowExport<R> implements PayoutExport {
    /** Payout order: run id, partner id, currency code, each as text. */
    static final Comparator<Payout> ORDER = Comparator.comparing(Payout::run)
            .thenComparing(Payout::partner)
            .thenComparing(p -> p.currency().getCurrencyCode());

    /** A payout made ready for writing. */
    record Prepared<R>(Payout payout, String id, Money amount, R row) {
    }

    /** What {@link #prepare} gets about one payout; {@code partner} is null for a partner not in the list. */
    record Item(Payout payout, String id, Money amount, Partner partner) {
    }

    private final String format;
    private final String extension;
    private final boolean needsDestination;

    RowExport(String format, String extension, boolean needsDestination) {
        this.format = format;
        this.extension = extension;
        this.needsDestination = needsDestination;
    }

    @Override
    public final String format() {
        return format;
    }

    @Override
    public final String fileExtension() {
        return extension;
    }

    /** Makes one payout's row, or refuses it with a {@link ReferralKitException} naming the field. */
    abstract R prepare(Item item);

    /** Checks the rows as a file; throws a {@link ReferralKitException} to refuse the whole file. */
    void checkFile(List<Prepared<R>> rows) {
    }

    abstract void header(Writer out) throws IOException;

    abstract void row(Writer out, R row) throws IOException;

    @Override
    public final ExportResult write(Collection<? extends Payout> payouts, Collection<? extends Partner> partners, Writer out,
                                    OnProblem onProblem) throws IOException {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(onProblem, "onProblem");
        Map<String, Partner> byId = index(partners);
        List<Payout> ordered = new ArrayList<>(Objects.requireNonNull(payouts, "payouts"));
        ordered.forEach(p -> Objects.requireNonNull(p, "payout"));
        ordered.sort(ORDER);
        Set<String> ids = new HashSet<>();
        List<Prepared<R>> rows = new ArrayList<>();
        List<SkippedPayout> skipped = new ArrayList<>();
        for (Payout payout : ordered) {
            String id = PayoutIds.of(payout);
            if (!ids.add(id)) {
                throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "payouts", id,
                        "appears twice; a payout file must never pay a payout twice").withContext(format);
            }
            try {
                Money amount = Money.of("amount", payout.amount(), payout.currency());
                if (amount.amount().signum() <= 0) {
                    throw ReferralKitException.invalid(RejectionCode.INVALID_AMOUNT, "amount", amount.amount().toPlainString(),
                            "must be positive");
                }
                Partner partner = byId.get(payout.partner());
                if (partner == null && needsDestination) {
                    throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "partner", payout.partner(),
                            "is not in the partner list, so it has no destination");
                }
                rows.add(new Prepared<>(payout, id, amount, prepare(new Item(payout, id, amount, partner))));
            } catch (ReferralKitException e) {
                skipped.add(new SkippedPayout(id, payout.partner(),
                        e.withContext("payout " + id + " (partner " + payout.partner() + ")")));
            }
        }
        if (!skipped.isEmpty() && onProblem == OnProblem.REFUSE) {
            throw refusal(skipped, ordered.size());
        }
        try {
            checkFile(rows);
        } catch (ReferralKitException e) {
            throw e.withContext(format);
        }
        header(out);
        List<String> written = new ArrayList<>();
        Map<String, BigDecimal> totals = new TreeMap<>();
        for (Prepared<R> p : rows) {
            row(out, p.row());
            written.add(p.id());
            totals.merge(p.amount().currency().getCurrencyCode(), p.amount().amount(), BigDecimal::add);
        }
        out.flush();
        return new ExportResult(format, written, skipped, totals);
    }

    @Override
    public void checkDestination(Partner partner) {
        Objects.requireNonNull(partner, "partner");
    }

    private ReferralKitException refusal(List<SkippedPayout> skipped, int total) {
        Set<RejectionCode> codes = new HashSet<>();
        Set<String> fields = new HashSet<>();
        StringBuilder message = new StringBuilder();
        for (SkippedPayout s : skipped) {
            codes.add(s.reason().code());
            fields.add(s.reason().field());
            message.append(message.length() == 0 ? "" : "; ").append(s.message());
        }
        RejectionCode code = codes.size() == 1 ? codes.iterator().next() : RejectionCode.INVALID_PROGRAM;
        String field = fields.size() == 1 ? fields.iterator().next() : "payouts";
        ReferralKitException e = ReferralKitException.of(code, field, null,
                skipped.size() + " of " + total + " payouts cannot be exported: " + message).withContext(format);
        skipped.forEach(s -> e.addSuppressed(s.reason()));
        return e;
    }

    private static Map<String, Partner> index(Collection<? extends Partner> partners) {
        Map<String, Partner> byId = new HashMap<>();
        for (Partner p : Objects.requireNonNull(partners, "partners")) {
            if (byId.put(p.id(), p) != null) {
                throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "partners", p.id(),
                        "appears twice; a partner id names one partner");
            }
        }
        return byId;
    }

    /** Groups row counts by currency code, for messages. */
    static Map<String, Integer> currencies(List<? extends Prepared<?>> rows) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        rows.stream().map(p -> p.amount().currency().getCurrencyCode()).sorted()
                .forEach(c -> counts.merge(c, 1, Integer::sum));
        return counts;
    }
}
