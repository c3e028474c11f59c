package dev.referralkit.engine;

/** JSON of the partner events of docs/payouts.md, and of events with attributes, for tests. */
final class MoneyEvents {
    private MoneyEvents() {
    }

    static String review(String id, String at, String partner, String entry, String decision) {
        return "{\"type\":\"review\",\"id\":\"" + id + "\",\"at\":\"" + at + "\",\"partner\":\"" + partner + "\",\"entry\":\"" + entry
                + "\",\"decision\":\"" + decision + "\"}";
    }

    static String confirmed(String id, String at, String partner, String payout, String reference) {
        return "{\"type\":\"payout_confirmed\",\"id\":\"" + id + "\",\"at\":\"" + at + "\",\"partner\":\"" + partner + "\",\"payout\":\""
                + payout + "\"" + (reference == null ? "" : ",\"reference\":\"" + reference + "\"") + "}";
    }

    static String failed(String id, String at, String partner, String payout, String reason) {
        return "{\"type\":\"payout_failed\",\"id\":\"" + id + "\",\"at\":\"" + at + "\",\"partner\":\"" + partner + "\",\"payout\":\""
                + payout + "\",\"reason\":\"" + reason + "\"}";
    }

    static String taxForm(String id, String at, String partner) {
        return "{\"type\":\"tax_form\",\"id\":\"" + id + "\",\"at\":\"" + at + "\",\"partner\":\"" + partner + "\",\"form\":\"W-9\"}";
    }

    static String lead(String id, String at, String customer, String email) {
        return "{\"type\":\"lead\",\"id\":\"" + id + "\",\"at\":\"" + at + "\",\"customer\":\"" + customer + "\""
                + (email == null ? "" : ",\"attributes\":{\"email\":\"" + email + "\"}") + "}";
    }

    static String payWith(String id, String at, String customer, String amount, String fingerprint) {
        return "{\"type\":\"payment\",\"id\":\"" + id + "\",\"at\":\"" + at + "\",\"customer\":\"" + customer + "\",\"amount\":\"" + amount
                + "\",\"currency\":\"USD\",\"attributes\":{\"payment_fingerprint\":\"" + fingerprint + "\"}}";
    }

    static String coupon(String id, String at, String partner, String customer) {
        return "{\"type\":\"touch\",\"id\":\"" + id + "\",\"at\":\"" + at + "\",\"partner\":\"" + partner + "\",\"customer\":\"" + customer
                + "\",\"channel\":\"coupon\"}";
    }
}
