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
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Seeded input histories for {@link ShapeTopology}: touches, payments, leads and payout runs with
 * strictly increasing {@code at}, bad records of every kind, and a final clock record. Payout runs
 * and clocks are marked for every partition, as a host writes them.
 */
final class ShapeHistories {
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant END_OF_TIME = Instant.parse("9999-12-31T00:00:00Z");
    private static final String[] CURRENCIES = {"USD", "USD", "USD", "EUR", "JPY"};

    private ShapeHistories() {
    }

    /**
     * One input record.
     *
     * @param key            the key bytes or null
     * @param value          the value bytes or null
     * @param headers        the headers (empty for events)
     * @param everyPartition whether the host writes it to every partition
     */
    record Input(byte[] key, byte[] value, Headers headers, boolean everyPartition) {
        static Input event(String customer, Object event) {
            return new Input(customer == null ? null : utf8(customer), utf8(ReferralKitJson.write(event)), new RecordHeaders(), false);
        }

        static Input everywhere(Object event) {
            return new Input(null, utf8(ReferralKitJson.write(event)), new RecordHeaders(), true);
        }

        static Input clock(Instant at) {
            return new Input(null, EventInput.clock(at), EventInput.clockHeaders(), true);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A history of about {@code size} records over {@code customers} customers and 6 partners.
     *
     * @param seed      the seed
     * @param size      how many records before the final clock
     * @param customers how many customers
     * @return the records, ending with a clock at {@link #END_OF_TIME}
     */
    static List<Input> generate(long seed, int size, int customers) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Input> out = new ArrayList<>();
        Map<String, Instant> lastOfCustomer = new HashMap<>();
        Instant now = START;
        Instant lastRun = null;
        for (int i = 0; i < size; i++) {
            now = now.plusSeconds(1 + r.nextInt(600));
            String id = "e" + i;
            String customer = "c" + r.nextInt(customers);
            int kind = r.nextInt(100);
            if (kind < 30) {
                out.add(Input.event(customer, ImmutableTouch.builder().id(id).at(now).customer(customer)
                        .partner("p" + r.nextInt(6)).channel(Channel.LINK).build()));
            } else if (kind < 75) {
                Currency currency = Currency.getInstance(CURRENCIES[r.nextInt(CURRENCIES.length)]);
                Money amount = Money.ofMinor(r.nextInt(4) == 0 ? r.nextInt(10) : 1 + r.nextInt(1_000_000), currency);
                out.add(Input.event(customer, ImmutablePayment.builder().id(id).at(now).customer(customer)
                        .amount(amount.amount()).currency(currency).build()));
            } else if (kind < 80) {
                out.add(Input.event(customer, ImmutableLead.builder().id(id).at(now).customer(customer).build()));
            } else if (kind < 85) {
                out.add(Input.everywhere(ImmutablePayoutRun.builder().id(id).at(now).build()));
                lastRun = now;
                continue;
            } else {
                out.add(bad(r, id, customer, now, lastRun, lastOfCustomer));
                continue;
            }
            lastOfCustomer.put(customer, now);
        }
        out.add(Input.clock(END_OF_TIME));
        return out;
    }

    private static Input bad(SplittableRandom r, String id, String customer, Instant now, Instant lastRun,
            Map<String, Instant> lastOfCustomer) {
        int kind = r.nextInt(7);
        if (kind == 5 && lastRun == null || kind == 6 && !lastOfCustomer.containsKey(customer)) {
            kind = 0; // no run or no earlier event yet: whether it is late would depend on the partition
        }
        switch (kind) {
            case 0:
                return new Input(utf8(customer), utf8("{\"type\":\"payment\",\"id\":\"" + id + "\""), new RecordHeaders(), false);
            case 1:
                return new Input(utf8(customer), new byte[] {(byte) 0xc3, (byte) 0x28}, new RecordHeaders(), false);
            case 2:
                return new Input(utf8(customer), null, new RecordHeaders(), false);
            case 3: // keyed by another customer
                return Input.event(customer + "x", ImmutablePayment.builder().id(id).at(now).customer(customer)
                        .amount(Money.ofMinor(100, Currency.getInstance("USD")).amount())
                        .currency(Currency.getInstance("USD")).build());
            case 4:
                return new Input(utf8(customer), utf8("{\"type\":\"payment\",\"id\":\"" + id + "\",\"at\":\"" + now
                        + "\",\"customer\":\"" + customer + "\",\"amount\":\"1.001\",\"currency\":\"USD\"}"), new RecordHeaders(), false);
            case 5: // at the last run: LATE_EVENT
                return Input.event(customer, ImmutableLead.builder().id(id).at(lastRun).customer(customer).build());
            default: { // before this customer's last event: OUT_OF_ORDER (or LATE_EVENT)
                Instant at = lastOfCustomer.get(customer).minusSeconds(1);
                return Input.event(customer, ImmutableLead.builder().id(id).at(at).customer(customer).build());
            }
        }
    }
}
