package dev.referralkit.kafka;

import dev.referralkit.event.Channel;
import dev.referralkit.event.ImmutableLead;
import dev.referralkit.event.ImmutablePayment;
import dev.referralkit.event.ImmutablePayoutRun;
import dev.referralkit.event.ImmutableTouch;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.money.Money;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded ingest histories for {@link ShapeTopology}: touches, payments, leads and payout runs, and bad
 * records of every kind. Each customer's events are in time order, but not the history as a whole
 * (as in the shared scenarios, where one customer's story follows another's): about a quarter of the
 * events go back in time, so that event time is not the processing order.
 */
final class ShapeHistories {
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final String[] CURRENCIES = {"USD", "USD", "USD", "EUR", "JPY"};

    private ShapeHistories() {
    }

    /**
     * One ingest record; without a key it goes to every customer partition.
     *
     * @param key   the key bytes or null
     * @param value the value bytes or null
     */
    record Input(byte[] key, byte[] value) {
        static Input event(String customer, Object event) {
            return new Input(customer == null ? null : utf8(customer), utf8(ReferralKitJson.write(event)));
        }

        boolean everyPartition() {
            return key == null;
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A history.
     *
     * @param seed      the seed
     * @param size      how many records
     * @param customers how many customers
     * @return the records
     */
    static List<Input> generate(long seed, int size, int customers) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Input> out = new ArrayList<>();
        Map<String, Instant> lastOfCustomer = new HashMap<>();
        Instant now = START;
        Instant lastRun = START.minusSeconds(1);
        for (int i = 0; i < size; i++) {
            now = now.plusSeconds(1 + r.nextInt(600));
            String id = "e" + i;
            String customer = "c" + r.nextInt(customers);
            Instant at = now;
            if (r.nextInt(4) == 0) { // back in time, but after the customer's last event and the last run
                at = latest(now.minusSeconds(r.nextInt(3 * 3600)), lastOfCustomer.getOrDefault(customer, START).plusSeconds(1),
                        lastRun.plusSeconds(1));
            }
            int kind = r.nextInt(100);
            if (kind < 30) {
                out.add(Input.event(customer, ImmutableTouch.builder().id(id).at(at).customer(customer)
                        .partner("p" + r.nextInt(6)).channel(Channel.LINK).build()));
            } else if (kind < 75) {
                Currency currency = Currency.getInstance(CURRENCIES[r.nextInt(CURRENCIES.length)]);
                Money amount = Money.ofMinor(r.nextInt(4) == 0 ? r.nextInt(10) : 1 + r.nextInt(1_000_000), currency);
                out.add(Input.event(customer, ImmutablePayment.builder().id(id).at(at).customer(customer)
                        .amount(amount.amount()).currency(currency).build()));
            } else if (kind < 80) {
                out.add(Input.event(customer, ImmutableLead.builder().id(id).at(at).customer(customer).build()));
            } else if (kind < 85) {
                at = latest(now, lastRun.plusSeconds(1));
                out.add(Input.event(null, ImmutablePayoutRun.builder().id(id).at(at).build()));
                lastRun = at;
                continue;
            } else {
                out.add(bad(r, id, customer, now, lastRun, lastOfCustomer));
                continue;
            }
            lastOfCustomer.put(customer, at);
        }
        return out;
    }

    private static Instant latest(Instant... instants) {
        Instant max = instants[0];
        for (Instant i : instants) {
            max = i.isAfter(max) ? i : max;
        }
        return max;
    }

    private static Input bad(SplittableRandom r, String id, String customer, Instant now, Instant lastRun,
            Map<String, Instant> lastOfCustomer) {
        switch (r.nextInt(8)) {
            case 0:
                return new Input(utf8(customer), utf8("{\"type\":\"payment\",\"id\":\"" + id + "\""));
            case 1:
                return new Input(utf8(customer), new byte[] {(byte) 0xc3, (byte) 0x28});
            case 2:
                return new Input(utf8(customer), null);
            case 3: // keyed by another customer
                return Input.event(customer + "x", ImmutablePayment.builder().id(id).at(now).customer(customer)
                        .amount(Money.ofMinor(100, Currency.getInstance("USD")).amount())
                        .currency(Currency.getInstance("USD")).build());
            case 4:
                return new Input(utf8(customer), utf8("{\"type\":\"payment\",\"id\":\"" + id + "\",\"at\":\"" + now
                        + "\",\"customer\":\"" + customer + "\",\"amount\":\"1.001\",\"currency\":\"USD\"}"));
            case 5: // not a valid event, for every partition
                return new Input(null, utf8("{\"type\":\"payout_run\",\"id\":\"" + id + "\"}"));
            case 6: // at the last run: LATE_EVENT
                return Input.event(customer, ImmutableLead.builder().id(id).at(lastRun).customer(customer).build());
            default: { // before this customer's last event: OUT_OF_ORDER (or LATE_EVENT)
                Instant at = lastOfCustomer.getOrDefault(customer, START.plusSeconds(1)).minusSeconds(1);
                return Input.event(customer, ImmutableLead.builder().id(id).at(at).customer(customer).build());
            }
        }
    }
}
