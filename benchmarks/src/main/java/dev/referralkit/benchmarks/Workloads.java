package dev.referralkit.benchmarks;

import dev.referralkit.event.Channel;
import dev.referralkit.event.Event;
import dev.referralkit.event.ImmutablePayment;
import dev.referralkit.event.ImmutablePayoutRun;
import dev.referralkit.event.ImmutableRefund;
import dev.referralkit.event.ImmutableTouch;
import dev.referralkit.money.Money;
import dev.referralkit.program.ImmutablePartner;
import dev.referralkit.program.Partner;
import dev.referralkit.program.Program;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The benchmark workloads, generated once per trial from a fixed seed. One year of events; partners
 * drawn from a Zipf distribution (s = 1.1), so a few partners bring most customers, as in real programs.
 * <ul>
 * <li>W1 percent-only, one-time: a touch and a first payment per customer, then renewals that pay nothing.</li>
 * <li>W2 tiered: marginal revenue tiers plus retroactive conversion tiers, monthly periods, monthly payout runs.</li>
 * <li>W3 recurring subscriptions: 20 % of every payment in a customer's first 12 months.</li>
 * <li>W4 refunds: W3 plus 5 % partial or full refunds (clawbacks after payouts) and monthly payout runs.</li>
 * <li>W5 currencies and split credit: JPY, USD and KWD payments, two or three touches per customer, linear credit.</li>
 * </ul>
 */
public final class Workloads {
    /** The workloads. */
    public enum Workload { W1, W2, W3, W4, W5 }

    /** A program, its partners and its events. */
    public static final class Data {
        public final Program program;
        public final List<Partner> partners;
        public final List<Event> events;
        public final int customers;

        Data(Program program, List<Partner> partners, List<Event> events, int customers) {
            this.program = program;
            this.partners = partners;
            this.events = events;
            this.customers = customers;
        }
    }

    private Workloads() {
    }

    static String program(Workload w) {
        switch (w) {
            case W1:
                return "{\"currency\":\"USD\",\"rewards\":{\"payment\":{\"type\":\"percent\",\"percent\":\"20\"}}}";
            case W2:
                return "{\"currency\":\"USD\",\"rewards\":{\"payment\":{\"type\":\"recurring\",\"reward\":{\"type\":\"sum\",\"rewards\":["
                        + "{\"type\":\"tiered\",\"metric\":\"revenue\",\"period\":\"month\",\"mode\":\"marginal\",\"tiers\":["
                        + "{\"above\":\"0\",\"reward\":{\"type\":\"percent\",\"percent\":\"5\"}},{\"above\":\"1000\",\"reward\":{\"type\":\"percent\",\"percent\":\"8\"}},"
                        + "{\"above\":\"10000\",\"reward\":{\"type\":\"percent\",\"percent\":\"10\"}}]},"
                        + "{\"type\":\"tiered\",\"metric\":\"conversions\",\"period\":\"month\",\"mode\":\"retroactive\",\"tiers\":["
                        + "{\"above\":\"0\",\"reward\":{\"type\":\"percent\",\"percent\":\"5\"}},{\"above\":\"10\",\"reward\":{\"type\":\"percent\",\"percent\":\"7\"}}]}]}}}}";
            case W5:
                return "{\"currency\":\"USD\",\"attribution\":{\"model\":\"linear\"},\"fx\":{\"JPY\":\"0.0067\",\"KWD\":\"3.25\"},"
                        + "\"rewards\":{\"payment\":{\"type\":\"recurring\",\"months\":12,\"reward\":{\"type\":\"percent\",\"percent\":\"20\"}}}}";
            default:
                return "{\"currency\":\"USD\",\"payout\":{\"minimum\":{\"USD\":\"50.00\"}},"
                        + "\"rewards\":{\"payment\":{\"type\":\"recurring\",\"months\":12,\"reward\":{\"type\":\"percent\",\"percent\":\"20\"}}}}";
        }
    }

    /**
     * @param workload    which workload
     * @param partnerCount how many partners (1,000 or 50,000)
     * @param eventCount  how many events
     * @param seed        the seed
     * @return the data
     */
    public static Data generate(Workload workload, int partnerCount, int eventCount, long seed) {
        return generate(workload, partnerCount, eventCount, eventCount / 4, seed);
    }

    /**
     * @param workload     which workload
     * @param partnerCount how many partners
     * @param eventCount   how many events
     * @param customers    how many customers at most
     * @param seed         the seed
     * @return the data
     */
    public static Data generate(Workload workload, int partnerCount, int eventCount, int customers, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Partner> partners = new ArrayList<>(partnerCount);
        for (int i = 0; i < partnerCount; i++) {
            partners.add(ImmutablePartner.builder().id("p" + i).build());
        }
        double[] cdf = zipf(partnerCount, 1.1);
        List<Event> events = new ArrayList<>(eventCount);
        Currency usd = Currency.getInstance("USD");
        Currency[] currencies = {usd, Currency.getInstance("JPY"), Currency.getInstance("KWD")};
        boolean runs = workload == Workload.W2 || workload == Workload.W4;
        boolean refunds = workload == Workload.W4;
        boolean split = workload == Workload.W5;
        long yearSeconds = 365L * 86_400;
        long step = yearSeconds / eventCount;
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        List<String[]> payments = new ArrayList<>(); // id, currency, amount, refunded minor
        List<long[]> refundState = new ArrayList<>();
        int nextCustomer = 0;
        int month = 1;
        long seq = 0;
        while (events.size() < eventCount) {
            Instant at = start.plusSeconds(step * events.size() + 1);
            int m = at.atZone(ZoneOffset.UTC).getMonthValue();
            if (runs && m != month) {
                events.add(ImmutablePayoutRun.builder().id("run" + (seq++)).at(at).build());
                month = m;
                continue;
            }
            if (nextCustomer < customers && (r.nextInt(2) == 0 || payments.isEmpty())) {
                String customer = "c" + (nextCustomer++);
                int touches = split ? 2 + r.nextInt(2) : 1;
                for (int t = 0; t < touches && events.size() < eventCount; t++) {
                    events.add(ImmutableTouch.builder().id("t" + (seq++)).at(at).partner("p" + sample(cdf, r))
                            .customer(customer).channel(Channel.LINK).build());
                }
                if (events.size() < eventCount) {
                    events.add(payment(r, "i" + (seq++), at, customer, split ? currencies[r.nextInt(3)] : usd, payments, refundState));
                }
                continue;
            }
            if (refunds && r.nextInt(20) == 0 && !payments.isEmpty()) {
                int k = payments.size() - 1 - r.nextInt(Math.min(payments.size(), 5000));
                String[] p = payments.get(k);
                long[] state = refundState.get(k);
                long left = state[0] - state[1];
                if (left > 0) {
                    long amount = r.nextBoolean() ? left : 1 + r.nextLong(left);
                    state[1] += amount;
                    events.add(ImmutableRefund.builder().id("r" + (seq++)).at(at).payment(p[0])
                            .amount(Money.ofMinor(amount, Currency.getInstance(p[1])).amount()).build());
                    continue;
                }
            }
            String customer = "c" + r.nextInt(Math.max(1, nextCustomer));
            events.add(payment(r, "i" + (seq++), at, customer, split ? currencies[r.nextInt(3)] : usd, payments, refundState));
        }
        return new Data(dev.referralkit.program.Program.parse(program(workload)), partners, events, nextCustomer);
    }

    private static Event payment(SplittableRandom r, String id, Instant at, String customer, Currency currency,
                                 List<String[]> payments, List<long[]> refundState) {
        long minor = currency.getCurrencyCode().equals("JPY") ? 1_000 + r.nextInt(20_000)
                : currency.getCurrencyCode().equals("KWD") ? 5_000 + r.nextInt(50_000) : 1_900 + r.nextInt(30_000);
        Money amount = Money.ofMinor(minor, currency);
        payments.add(new String[] {id, currency.getCurrencyCode(), amount.amount().toPlainString()});
        refundState.add(new long[] {minor, 0});
        return ImmutablePayment.builder().id(id).at(at).customer(customer).amount(amount.amount()).currency(currency).build();
    }

    private static double[] zipf(int n, double s) {
        double[] cdf = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1.0 / Math.pow(i + 1, s);
            cdf[i] = sum;
        }
        for (int i = 0; i < n; i++) {
            cdf[i] /= sum;
        }
        return cdf;
    }

    private static int sample(double[] cdf, SplittableRandom r) {
        double u = r.nextDouble();
        int lo = 0;
        int hi = cdf.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] < u) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

}
