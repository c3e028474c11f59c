/**
 * Payout files for payout providers: a plain CSV, a PayPal Payouts Web file, a Wise batch payment
 * file and Stripe Connect transfer requests (see {@link dev.referralkit.exports}).
 */
module dev.referralkit.exports {
    requires transitive dev.referralkit.core;

    exports dev.referralkit.exports;
}
