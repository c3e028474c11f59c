/**
 * Payout exports: the payouts of payout runs, written as the file or requests a payout provider takes.
 *
 * <pre>{@code
 * PayoutExport paypal = PayoutExports.paypal(PayPalOptions.defaults().withNote("Thanks for referring us"));
 * ExportResult result = paypal.write(payouts, partners, writer);          // refuses if any payout cannot go
 * ExportResult some = paypal.write(payouts, partners, writer, OnProblem.SKIP);
 * some.skipped();                                                          // and says which did not
 * }</pre>
 *
 * <p><b>Formats</b> ({@link dev.referralkit.exports.PayoutExports}):
 * <ul>
 * <li>{@code csv} — a plain CSV for people: {@code payout_id,run,partner,currency,amount,entries,short_key}.</li>
 * <li>{@code paypal} — a <i>PayPal Payouts Web</i> payment file, the CSV PayPal documents for batch uploads
 *     (PayPal pages "Payouts Web" and "Use Web UI"): no header; recipient e-mail, amount, currency,
 *     Customer ID (≤ 30 characters, no spaces), note (≤ 400), recipient wallet {@code PAYPAL}; one currency
 *     and at most 5,000 rows per file. The Payouts REST API's {@code sender_batch_header}/{@code items} JSON is
 *     a request body, not a file, and is not written; the large-batch SFTP file needs an account set up by
 *     PayPal and is not written either.</li>
 * <li>{@code wise} — a <i>Wise batch payment</i> file (Wise help "What's a batch payment template?", "How do
 *     I fill in my batch template?"): {@code name,recipientEmail,paymentReference,receiverType,amountCurrency,
 *     amount,sourceCurrency,targetCurrency}, plus {@code IBAN} with the bank-account template; at most 1,000
 *     transfers.</li>
 * <li>{@code stripe} — Stripe Connect {@code POST /v1/transfers} requests as JSON Lines (Stripe API "Create a
 *     transfer"), with {@code amount} in the currency's smallest unit as Stripe counts it, {@code currency} in
 *     lower case, {@code destination} the connected account, {@code transfer_group} the run, and the payout id
 *     as {@code Idempotency-Key} (Stripe "Idempotent requests").</li>
 * </ul>
 *
 * <p><b>Payout ids</b> are the ids of the payouts' {@code PAYOUT} ledger entries, {@code <run>/<partner>/<currency>/payout}
 * ({@link dev.referralkit.exports.PayoutIds}). <b>Destinations</b> are partner attributes
 * ({@link dev.referralkit.exports.Destinations}).
 *
 * <p><b>Exact money.</b> Amounts are the payouts' {@code BigDecimal}s at the currency's scale, never
 * {@code double}; a provider that takes fewer decimals than the amount has (PayPal's HUF, JPY, TWD;
 * Stripe's MGA; Stripe's three-decimal currencies, whose last digit must be 0) refuses the payout rather
 * than round it. The sum written per currency equals the sum of the payouts written, exactly
 * ({@code ExportProperties} checks it for every format).
 */
package dev.referralkit.exports;
