package dev.referralkit.exports;

import dev.referralkit.ReferralKitException;
import dev.referralkit.ledger.Payout;
import dev.referralkit.program.Partner;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * A payout file format: writes payouts, paid to the partners' {@linkplain Destinations destinations},
 * as one provider expects them. Get one from {@link PayoutExports}.
 *
 * <p>Every writer works in the same steps: it checks each payout (amount at the currency's scale and
 * positive, currency supported by the provider, destination present and valid, every field within the
 * provider's limits), then checks the file as a whole (one currency per PayPal file, row limits, no
 * payout twice), and only then writes, in payout order: by run id, then partner id, then currency code
 * (each compared as text). The same payouts and partners, in any order, give the same bytes.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface PayoutExport {
    /** @return the format's name: {@code csv}, {@code paypal}, {@code wise} or {@code stripe} */
    String format();

    /** @return the usual file extension, without the dot: {@code csv} or {@code jsonl} */
    String fileExtension();

    /**
     * Checks that a partner has a valid destination for this format, as a host may do when a partner
     * signs up.
     *
     * @param partner the partner
     * @throws ReferralKitException {@code INVALID_PROGRAM}, naming the attribute and the problem
     */
    void checkDestination(Partner partner);

    /**
     * Writes payouts. The writer is flushed, not closed.
     *
     * @param payouts   the payouts, in any order
     * @param partners  the partners, with their destination attributes; partners without payouts are ignored
     * @param out       where to write the file's text
     * @param onProblem what to do with payouts that cannot be exported
     * @return what was written
     * @throws ReferralKitException with {@link OnProblem#REFUSE}, if any payout cannot be exported (the message
     *                              lists every one, each with its partner and field; nothing is written); in either
     *                              mode, if the file as a whole breaks a rule (nothing is written)
     * @throws IOException          if writing fails
     */
    ExportResult write(Collection<? extends Payout> payouts, Collection<? extends Partner> partners, Writer out,
                       OnProblem onProblem) throws IOException;

    /**
     * Writes payouts, refusing if any cannot be exported.
     *
     * @param payouts  the payouts
     * @param partners the partners
     * @param out      where to write
     * @return what was written
     * @throws IOException if writing fails
     * @see #write(Collection, Collection, Writer, OnProblem)
     */
    default ExportResult write(Collection<? extends Payout> payouts, Collection<? extends Partner> partners, Writer out)
            throws IOException {
        return write(payouts, partners, out, OnProblem.REFUSE);
    }

    /**
     * Writes payouts as UTF-8 (no byte order mark). The stream is flushed, not closed.
     *
     * @param payouts   the payouts
     * @param partners  the partners
     * @param out       where to write
     * @param onProblem what to do with payouts that cannot be exported
     * @return what was written
     * @throws IOException if writing fails
     * @see #write(Collection, Collection, Writer, OnProblem)
     */
    default ExportResult write(Collection<? extends Payout> payouts, Collection<? extends Partner> partners, OutputStream out,
                               OnProblem onProblem) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        ExportResult result = write(payouts, partners, writer, onProblem);
        writer.flush();
        return result;
    }
}
