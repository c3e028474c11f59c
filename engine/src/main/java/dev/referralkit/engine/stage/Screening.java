package dev.referralkit.engine.stage;

import dev.referralkit.engine.state.Nanos;
import dev.referralkit.engine.state.RiskRecord;
import dev.referralkit.engine.state.StateStore;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.ledger.ImmutableRiskDecision;
import dev.referralkit.ledger.RiskDecision;
import dev.referralkit.money.Money;
import dev.referralkit.program.Program;
import dev.referralkit.program.Trigger;
import dev.referralkit.risk.IdentityAttribute;
import dev.referralkit.risk.PayoutContext;
import dev.referralkit.risk.RiskAction;
import dev.referralkit.risk.RiskCheck;
import dev.referralkit.risk.RiskContext;
import dev.referralkit.risk.RiskNeeds;
import dev.referralkit.risk.RiskVerdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Risk checks in the partner stage (docs/payouts.md §1): screens the commissions about to be made and the payouts
 * about to be paid with the program's checks, and keeps the partner's risk windows ({@link RiskRecord}) that the
 * checks declared.
 *
 * <p><b>Two phases.</b> Checks that do not read the commission screen before pricing (a strongest {@code reject}
 * there means the partner is not priced at all); checks that declared {@link RiskNeeds#commission()} screen after
 * pricing, only a commission that is not zero, and may not reject ({@link IllegalStateException}: the engine cannot
 * take back what pricing booked). <b>Work</b> per screened commission is the checks' own plus one read of the risk
 * record; the record's lists are bounded by the largest declared window.
 */
final class Screening {
    /** A configured check with its JSON type and what it declared. */
    record Named(RiskCheck check, String type, boolean readsCommission) {
    }

    /** A verdict and the check that gave it. */
    record Fired(Named check, RiskVerdict verdict) {
    }

    private final List<Named> before = new ArrayList<>();
    private final List<Named> after = new ArrayList<>();
    private final List<Named> all = new ArrayList<>();
    private boolean touchTimes;
    private final Set<IdentityAttribute> identities = EnumSet.noneOf(IdentityAttribute.class);
    private int instants;
    private int last;
    private boolean paying;

    Screening(Program program) {
        for (RiskCheck check : program.risk()) {
            boolean[] commission = {false};
            check.declare(new RiskNeeds() {
                @Override
                public void commission() {
                    commission[0] = true;
                }

                @Override
                public void touchTimes() {
                    touchTimes = true;
                }

                @Override
                public void identities(IdentityAttribute attribute) {
                    if (attribute == IdentityAttribute.EMAIL_DOMAIN) {
                        throw new IllegalArgumentException("identities are e-mails and payment fingerprints, not e-mail domains");
                    }
                    identities.add(attribute);
                }

                @Override
                public void conversionInstants(int count) {
                    instants = Math.max(instants, bounded(count, 10_000));
                }

                @Override
                public void lastConversions(int count) {
                    last = Math.max(last, bounded(count, 1_000));
                }

                @Override
                public void payingCustomers() {
                    paying = true;
                }
            });
            Named named = new Named(check, typeOf(check), commission[0]);
            all.add(named);
            (named.readsCommission() ? after : before).add(named);
        }
    }

    private static int bounded(int count, int max) {
        if (count < 1 || count > max) {
            throw new IllegalArgumentException("a risk window holds 1 to " + max + " conversions, not " + count);
        }
        return count;
    }

    /** The JSON type a check is registered under (its class name if it was never registered). */
    private static String typeOf(RiskCheck check) {
        try {
            String type = ReferralKitJson.mapper().valueToTree(check).path("type").asText("");
            return type.isEmpty() ? check.getClass().getSimpleName() : type;
        } catch (RuntimeException e) {
            return check.getClass().getSimpleName();
        }
    }

    /** @return whether the program has checks */
    boolean active() {
        return !all.isEmpty();
    }

    /** @return whether the customer stage must send facts ({@link PartnerMessage.Screened}) */
    boolean needsCustomerFacts() {
        return touchTimes || !identities.isEmpty();
    }

    /** @return whether a check declared touch times */
    boolean touchTimes() {
        return touchTimes;
    }

    /** @return the identities a check declared */
    Set<IdentityAttribute> identities() {
        return identities;
    }

    /** @return whether risk windows are kept */
    boolean windows() {
        return instants > 0 || last > 0 || paying;
    }

    /** The customer-side facts of one message (none unless a {@link PartnerMessage.Screened} carried them). */
    record Facts(long touchAt, List<String> sharedEmail, List<String> sharedFingerprint) {
        static final Facts NONE = new Facts(Nanos.NONE, List.of(), List.of());
    }

    /**
     * The facts of one commission: what {@link RiskContext} gives a check. Valid during one screening.
     */
    final class Context implements RiskContext {
        private final StateStore store;
        private final Trigger trigger;
        private final String event;
        private final long at;
        private final String partner;
        private final Map<String, String> partnerAttributes;
        private final String customer;
        private final Map<String, String> customerAttributes;
        private final Map<String, String> eventAttributes;
        private final boolean conversion;
        private final Facts facts;
        private Money commission;
        private RiskRecord risk;

        Context(StateStore store, Trigger trigger, String event, long at, String partner, Map<String, String> partnerAttributes,
                String customer, Map<String, String> customerAttributes, Map<String, String> eventAttributes, boolean conversion,
                Facts facts) {
            this.store = store;
            this.trigger = trigger;
            this.event = event;
            this.at = at;
            this.partner = partner;
            this.partnerAttributes = partnerAttributes;
            this.customer = customer;
            this.customerAttributes = customerAttributes;
            this.eventAttributes = eventAttributes;
            this.conversion = conversion;
            this.facts = facts;
        }

        @Override
        public Trigger trigger() {
            return trigger;
        }

        @Override
        public String event() {
            return event;
        }

        @Override
        public Instant at() {
            return Nanos.instant(at);
        }

        @Override
        public String partner() {
            return partner;
        }

        @Override
        public Map<String, String> partnerAttributes() {
            return partnerAttributes;
        }

        @Override
        public String customer() {
            return customer;
        }

        @Override
        public Map<String, String> customerAttributes() {
            return customerAttributes;
        }

        @Override
        public Map<String, String> eventAttributes() {
            return eventAttributes;
        }

        @Override
        public boolean conversion() {
            return conversion;
        }

        @Override
        public Money commission() {
            if (commission == null) {
                throw new IllegalStateException("a risk check read the commission without declaring it (RiskNeeds.commission())");
            }
            return commission;
        }

        @Override
        public Optional<Instant> touchAt() {
            if (!touchTimes) {
                throw new IllegalStateException("a risk check read touch times without declaring them (RiskNeeds.touchTimes())");
            }
            return facts.touchAt() == Nanos.NONE ? Optional.empty() : Optional.of(Nanos.instant(facts.touchAt()));
        }

        @Override
        public List<String> sharedWith(IdentityAttribute attribute) {
            if (!identities.contains(attribute)) {
                throw new IllegalStateException("a risk check read shared " + attribute.jsonName()
                        + " identities without declaring them (RiskNeeds.identities)");
            }
            return attribute == IdentityAttribute.EMAIL ? facts.sharedEmail() : facts.sharedFingerprint();
        }

        private RiskRecord risk() {
            if (risk == null) {
                RiskRecord r = store.risk(partner);
                risk = r != null ? r : RiskRecord.empty(partner);
            }
            return risk;
        }

        @Override
        public int conversionsSince(Instant from) {
            if (instants == 0) {
                throw new IllegalStateException("a risk check read conversion instants without declaring them (RiskNeeds.conversionInstants)");
            }
            long cutoff = Nanos.of(from);
            int n = conversion && at >= cutoff ? 1 : 0;
            for (long t : risk().conversions()) {
                if (t >= cutoff) {
                    n++;
                }
            }
            return n;
        }

        @Override
        public List<Boolean> lastConversions() {
            if (last == 0) {
                throw new IllegalStateException("a risk check read the last conversions without declaring them (RiskNeeds.lastConversions)");
            }
            List<Boolean> flags = new ArrayList<>(risk().last().size());
            risk().last().forEach(c -> flags.add(c.refunded()));
            return flags;
        }
    }

    /**
     * Screens before pricing.
     *
     * @param context the commission's facts
     * @return every verdict that is not allow, in the order of the checks
     */
    List<Fired> screenBefore(Context context) {
        return screen(before, context);
    }

    /**
     * Screens after pricing a commission that is not zero.
     *
     * @param context    the commission's facts
     * @param commission the rounded commission
     * @return every verdict that is not allow, in the order of the checks
     * @throws IllegalStateException if a check that reads the commission rejects
     */
    List<Fired> screenAfter(Context context, Money commission) {
        if (after.isEmpty()) {
            return List.of();
        }
        context.commission = commission;
        List<Fired> fired = screen(after, context);
        for (Fired f : fired) {
            if (f.verdict().action() == RiskAction.REJECT) {
                throw new IllegalStateException("risk check " + f.check().type() + " reads the commission and rejected it; such a check may "
                        + "flag or hold only (docs/payouts.md §1.2)");
            }
        }
        return fired;
    }

    private static List<Fired> screen(List<Named> checks, RiskContext context) {
        List<Fired> fired = List.of();
        for (Named n : checks) {
            Optional<RiskVerdict> v = n.check().screen(context);
            if (v.isPresent() && v.get().action() != RiskAction.ALLOW) {
                if (fired.isEmpty()) {
                    fired = new ArrayList<>(2);
                }
                fired.add(new Fired(n, v.get()));
            }
        }
        return fired;
    }

    /**
     * @param fired verdicts
     * @return the strongest action, allow when none
     */
    static RiskAction strongest(List<Fired> fired) {
        RiskAction a = RiskAction.ALLOW;
        for (int i = 0; i < fired.size(); i++) { // no iterator: most commissions have no verdict
            a = a.max(fired.get(i).verdict().action());
        }
        return a;
    }

    /** @return the first verdict with the given action */
    static Fired first(List<Fired> fired, RiskAction action) {
        for (Fired f : fired) {
            if (f.verdict().action() == action) {
                return f;
            }
        }
        throw new IllegalArgumentException("no verdict " + action);
    }

    /** Reports verdicts as decisions. */
    static void report(List<Fired> fired, String event, String partner, String entry, PartnerStage.Output out) {
        for (int i = 0; i < fired.size(); i++) {
            Fired f = fired.get(i);
            RiskDecision d = ImmutableRiskDecision.builder().event(event).partner(partner).entry(entry).action(f.verdict().action().name())
                    .check(f.check().type()).code(f.verdict().code()).explanation(f.verdict().explanation()).build();
            out.decision(d);
        }
    }

    /**
     * A partner converted (a customer's first payment credited to it, not rejected): its windows move.
     *
     * @param tx        the transaction
     * @param partner   the partner
     * @param at        the payment's instant
     * @param paymentHi high bits of the payment's hash
     * @param paymentLo low 32 bits
     */
    void converted(Transaction tx, String partner, long at, long paymentHi, long paymentLo) {
        if (!windows()) {
            return;
        }
        RiskRecord old = tx.store().risk(partner);
        RiskRecord r = old != null ? old : RiskRecord.empty(partner);
        List<Long> conversions = r.conversions();
        if (instants > 0) {
            conversions = new ArrayList<>(r.conversions());
            conversions.add(at);
            while (conversions.size() > instants) {
                conversions.remove(0);
            }
        }
        List<RiskRecord.Converted> recent = r.last();
        if (last > 0) {
            recent = new ArrayList<>(r.last());
            recent.add(new RiskRecord.Converted(paymentHi, paymentLo, false));
            while (recent.size() > last) {
                recent.remove(0);
            }
        }
        int customers = paying ? r.payingCustomers() + 1 : r.payingCustomers();
        tx.put(old, new RiskRecord(partner, conversions, recent, customers));
    }

    /**
     * A payment credited to a partner was refunded: marks it in the partner's last conversions.
     *
     * @param tx        the transaction
     * @param partner   the partner
     * @param paymentHi high bits of the payment's hash
     * @param paymentLo low 32 bits
     */
    void refunded(Transaction tx, String partner, long paymentHi, long paymentLo) {
        if (last == 0) {
            return;
        }
        RiskRecord r = tx.store().risk(partner);
        if (r == null) {
            return;
        }
        List<RiskRecord.Converted> marked = null;
        for (int i = 0; i < r.last().size(); i++) {
            RiskRecord.Converted c = r.last().get(i);
            if (c.paymentHi() == paymentHi && c.paymentLo() == paymentLo && !c.refunded()) {
                marked = new ArrayList<>(r.last());
                marked.set(i, new RiskRecord.Converted(paymentHi, paymentLo, true));
            }
        }
        if (marked != null) {
            tx.put(r, new RiskRecord(partner, r.conversions(), marked, r.payingCustomers()));
        }
    }

    /**
     * Screens a payout with every check.
     *
     * @param context the payout's facts
     * @return every verdict that is not allow, in order (a reject counts as a hold: a payout is withheld or paid)
     */
    List<Fired> screenPayout(PayoutContext context) {
        List<Fired> fired = List.of();
        for (Named n : all) {
            Optional<RiskVerdict> v = n.check().screenPayout(context);
            if (v.isPresent() && v.get().action() != RiskAction.ALLOW) {
                if (fired.isEmpty()) {
                    fired = new ArrayList<>(1);
                }
                RiskVerdict verdict = v.get().action() == RiskAction.REJECT
                        ? RiskVerdict.of(RiskAction.HOLD, v.get().code(), v.get().explanation()) : v.get();
                fired.add(new Fired(n, verdict));
            }
        }
        return fired;
    }

    /** @return the payout context of a partner */
    PayoutContext payoutContext(StateStore store, String run, long at, String partner, Map<String, String> attributes, Money amount,
                                boolean paidBefore) {
        return new PayoutContext() {
            @Override
            public String run() {
                return run;
            }

            @Override
            public Instant at() {
                return Nanos.instant(at);
            }

            @Override
            public String partner() {
                return partner;
            }

            @Override
            public Map<String, String> partnerAttributes() {
                return attributes;
            }

            @Override
            public Money amount() {
                return amount;
            }

            @Override
            public boolean paidBefore() {
                return paidBefore;
            }

            @Override
            public int payingCustomers() {
                if (!paying) {
                    throw new IllegalStateException("a risk check read paying customers without declaring them (RiskNeeds.payingCustomers())");
                }
                RiskRecord r = store.risk(partner);
                return r == null ? 0 : r.payingCustomers();
            }
        };
    }
}
