package dev.referralkit.examples.saas;

import com.fasterxml.jackson.databind.JsonNode;
import dev.referralkit.RejectionCode;
import dev.referralkit.engine.Outcome;
import dev.referralkit.engine.ReferralEngine;
import dev.referralkit.event.Channel;
import dev.referralkit.event.Event;
import dev.referralkit.event.ImmutablePayment;
import dev.referralkit.event.ImmutableRefund;
import dev.referralkit.event.ImmutableTouch;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.ledger.Entry;
import dev.referralkit.money.Currencies;
import dev.referralkit.money.Money;
import dev.referralkit.program.ImmutablePartner;
import dev.referralkit.program.Program;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Embedding ReferralKit in a SaaS billing flow: Stripe-style webhooks ({@code invoice.paid},
 * {@code charge.refunded}) become events, and the entries the engine returns are persisted by the
 * host (here an in-memory list standing in for a table).
 *
 * <p>Two details a real integration must get right, shown here: Stripe amounts are integers in minor
 * units with lower-case currency codes (so {@code Money.ofMinor} with an upper-cased code), and
 * {@code amount_refunded} is the cumulative refunded amount of the charge, while a ReferralKit refund is
 * the amount of this refund: the host keeps what was refunded before and sends the difference. The
 * webhook's event id is the ReferralKit event id, so a re-delivered webhook is a {@code DUPLICATE}.
 */
public final class StripeWebhookExample {
    private final ReferralEngine engine;
    private final List<Entry> ledger = new ArrayList<>();
    private final Map<String, Long> refundedMinor = new HashMap<>();
    private final Map<String, String> invoiceOfCharge = new HashMap<>();
    private final List<String> log = new ArrayList<>();

    /**
     * @param program  the referral program
     * @param partners the partner ids
     */
    public StripeWebhookExample(Program program, List<String> partners) {
        List<dev.referralkit.program.Partner> list = new ArrayList<>();
        partners.forEach(p -> list.add(ImmutablePartner.builder().id(p).build()));
        this.engine = ReferralEngine.create(program, list);
    }

    /**
     * The signup form saw a referral link ({@code ?ref=partner}): record the touch.
     *
     * @param id       a unique id for the touch
     * @param at       when
     * @param partner  the partner in the link
     * @param customer the new Stripe customer id
     */
    public void referralLinkVisited(String id, Instant at, String partner, String customer) {
        apply(ImmutableTouch.builder().id(id).at(at).partner(partner).customer(customer).channel(Channel.LINK).build());
    }

    /**
     * Handles one Stripe webhook body.
     *
     * @param body the webhook JSON
     */
    public void onWebhook(String body) {
        JsonNode event = ReferralKitJson.readTree(body, RejectionCode.INVALID_EVENT);
        String id = event.get("id").asText();
        Instant at = Instant.ofEpochSecond(event.get("created").asLong());
        JsonNode object = event.path("data").path("object");
        switch (event.get("type").asText()) {
            case "invoice.paid": {
                Currency currency = Currencies.of("currency", object.get("currency").asText().toUpperCase(Locale.ROOT));
                String invoice = object.get("id").asText();
                if (object.hasNonNull("charge")) {
                    invoiceOfCharge.put(object.get("charge").asText(), invoice);
                }
                ImmutablePayment.Builder payment = ImmutablePayment.builder().id(invoice).at(at)
                        .customer(object.get("customer").asText())
                        .amount(Money.ofMinor(object.get("amount_paid").asLong(), currency).amount())
                        .currency(currency)
                        .tax(Money.ofMinor(object.path("tax").asLong(0), currency).amount());
                Optional.ofNullable(object.path("lines").path("data").path(0).path("price").path("product").textValue())
                        .ifPresent(payment::product);
                apply(payment.build(), id);
                break;
            }
            case "charge.refunded": {
                String charge = object.get("id").asText();
                String invoice = invoiceOfCharge.get(charge);
                Currency currency = Currencies.of("currency", object.get("currency").asText().toUpperCase(Locale.ROOT));
                long cumulative = object.get("amount_refunded").asLong();
                long before = refundedMinor.getOrDefault(charge, 0L);
                if (invoice == null || cumulative <= before) {
                    log.add("ignored " + id + ": nothing new refunded on " + charge);
                    return;
                }
                Outcome o = apply(ImmutableRefund.builder().id(id).at(at).payment(invoice)
                        .amount(Money.ofMinor(cumulative - before, currency).amount()).build());
                if (o.isAccepted()) {
                    refundedMinor.put(charge, cumulative);
                }
                break;
            }
            default:
                log.add("ignored " + id + ": " + event.get("type").asText());
        }
    }

    private Outcome apply(Event event) {
        return apply(event, event.id());
    }

    private Outcome apply(Event event, String webhook) {
        Outcome outcome = engine.process(event);
        if (outcome.isAccepted()) {
            ledger.addAll(outcome.entries()); // in a real host: INSERT the entries in the same transaction
        } else {
            log.add(webhook + " rejected: " + outcome.rejection().get().message());
        }
        return outcome;
    }

    /** @return the persisted ledger */
    public List<Entry> ledger() {
        return List.copyOf(ledger);
    }

    /** @return what was ignored or rejected */
    public List<String> log() {
        return List.copyOf(log);
    }

    /**
     * Runs the example with a few webhooks and prints the ledger.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        StripeWebhookExample host = new StripeWebhookExample(Program.parse(
                "{\"currency\":\"USD\",\"rewards\":{\"payment\":{\"type\":\"recurring\",\"months\":12,"
                        + "\"reward\":{\"type\":\"percent\",\"percent\":\"20\"}}}}"), List.of("ana"));
        host.referralLinkVisited("visit-1", Instant.parse("2026-03-01T09:00:00Z"), "ana", "cus_1");
        host.onWebhook(invoicePaid("evt_1", "in_1", "ch_1", "cus_1", 4900, 0, "2026-03-02T10:00:00Z"));
        host.onWebhook(invoicePaid("evt_2", "in_2", "ch_2", "cus_1", 4900, 0, "2026-04-02T10:00:00Z"));
        host.onWebhook(chargeRefunded("evt_3", "ch_2", 1000, "2026-04-03T10:00:00Z"));
        host.onWebhook(chargeRefunded("evt_4", "ch_2", 4900, "2026-04-05T10:00:00Z"));
        host.onWebhook(invoicePaid("evt_1", "in_1", "ch_1", "cus_1", 4900, 0, "2026-03-02T10:00:00Z"));
        host.ledger().forEach(e -> System.out.println(e.id() + "  " + e.amount() + " " + e.currency() + "  " + e.explanation().text()));
        host.log().forEach(System.out::println);
    }

    /**
     * A Stripe-style {@code invoice.paid} webhook body, for examples and tests.
     *
     * @param evt        the webhook event id
     * @param invoice    the invoice id (the ReferralKit payment id)
     * @param charge     the charge id
     * @param customer   the Stripe customer id
     * @param amountPaid minor units
     * @param tax        minor units
     * @param at         ISO instant
     * @return the JSON body
     */
    public static String invoicePaid(String evt, String invoice, String charge, String customer, long amountPaid, long tax, String at) {
        return "{\"id\":\"" + evt + "\",\"type\":\"invoice.paid\",\"created\":" + Instant.parse(at).getEpochSecond()
                + ",\"data\":{\"object\":{\"id\":\"" + invoice + "\",\"charge\":\"" + charge + "\",\"customer\":\"" + customer
                + "\",\"amount_paid\":" + amountPaid + ",\"tax\":" + tax + ",\"currency\":\"usd\","
                + "\"lines\":{\"data\":[{\"price\":{\"product\":\"prod_pro\"}}]}}}}";
    }

    /**
     * A Stripe-style {@code charge.refunded} webhook body, for examples and tests.
     *
     * @param evt            the webhook event id
     * @param charge         the charge id
     * @param amountRefunded cumulative minor units refunded on the charge
     * @param at             ISO instant
     * @return the JSON body
     */
    public static String chargeRefunded(String evt, String charge, long amountRefunded, String at) {
        return "{\"id\":\"" + evt + "\",\"type\":\"charge.refunded\",\"created\":" + Instant.parse(at).getEpochSecond()
                + ",\"data\":{\"object\":{\"id\":\"" + charge + "\",\"amount_refunded\":" + amountRefunded + ",\"currency\":\"usd\"}}}";
    }
}
