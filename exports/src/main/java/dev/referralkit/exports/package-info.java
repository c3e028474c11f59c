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
 * <p><b>Field rules</b> (checked before anything is written; too long is refused, only PayPal's note is cut):
 * <table>
 * <caption>Provider field rules</caption>
 * <tr><th>format</th><th>currencies and decimals</th><th>lengths and limits</th></tr>
 * <tr><td>{@code csv}</td><td>every ISO currency with minor units, at its ISO scale</td><td>none</td></tr>
 * <tr><td>{@code paypal}</td><td>AUD BRL CAD CHF CNY CZK DKK EUR GBP HKD HUF ILS JPY MXN MYR NOK NZD PHP PLN SEK SGD
 *     THB TWD USD; HUF, JPY, TWD without decimals (a fraction is refused)</td><td>e-mail ≤ 127, Customer ID ≤ 30
 *     without spaces, note ≤ 400 (cut); one currency and ≤ 5,000 rows per file</td></tr>
 * <tr><td>{@code wise}</td><td>AED AUD BGN CAD CHF COP CZK DKK EUR GBP GEL HKD HUF IDR INR KRW LKR MAD MXN MYR NGN NOK NZD
 *     PHP PLN RON SEK SGD THB USD ZAR, at the ISO scale</td><td>payment reference per currency (USD 10, SEK 12, NGN 14,
 *     GBP and INR 16, AUD and ZAR 18, CZK 25, RON 30, most 35, CAD CHF HKD MAD NZD THB 50, MXN 100, COP none);
 *     name ≤ 140 (our limit); ≤ 1,000 rows</td></tr>
 * <tr><td>{@code stripe}</td><td>Stripe's presentment currencies; {@code amount} an integer: zero-decimal currencies
 *     (BIF CLP DJF GNF JPY KMF KRW MGA PYG RWF UGX VND VUV XAF XOF XPF) in units, BHD JOD KWD OMR TND in thousandths
 *     ending in 0, ISK and every other currency in hundredths</td><td>{@code Idempotency-Key} ≤ 255 visible ASCII
 *     (else the short key), metadata values ≤ 500, description ≤ 5,000, account {@code acct_…} ≤ 255</td></tr>
 * </table>
 *
 * <p><b>Escaping.</b> CSV files are RFC 4180 in UTF-8 without a byte order mark, CRLF line ends. A cell starting
 * with {@code = + - @} is prefixed with an apostrophe in the plain CSV and refused in provider files.
 * Stripe's requests are JSON written by Jackson.
 *
 * <p><b>Sources</b> (provider pages, as titled): PayPal "Payouts Web", "Use Web UI", "Use large-batch file
 * transfer", "Currency codes", Payouts API {@code payout_item}; Wise "What's a batch payment template?", "How do
 * I fill in my batch template?", "Batch Payments", "The Recipient of My Business Transfer Needs to Receive a
 * Specific Reference - How?"; Stripe "Create a transfer", "Idempotent requests", "Metadata", "Supported
 * currencies". The project's {@code docs/payout-exports.md} quotes the rules and the choices made where a
 * page is silent or ambiguous.
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
