package dev.referralkit.engine.stage;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.engine.state.Nanos;
import dev.referralkit.engine.state.PartnerRecord;
import dev.referralkit.engine.state.StateStore;
import dev.referralkit.event.PartnerChange;
import dev.referralkit.program.Group;
import dev.referralkit.program.ImmutablePartner;
import dev.referralkit.program.Partner;
import dev.referralkit.program.PartnerStatus;
import dev.referralkit.program.Program;
import dev.referralkit.program.Trigger;
import dev.referralkit.reward.Reward;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The partners of a program as both stages read them, from their {@link PartnerRecord}s: status,
 * group, parent, own customers, and which plan pays each partner per trigger. Owns the override rule of
 * SPEC.md §5 (a partner's own rewards beat its group's, which beat the program's, per trigger) and the
 * checks of {@code partner} events (known parent, no cycle, time order).
 *
 * <p>Resolved plans and own-customer sets are cached per partner and dropped when the partner's record
 * changes (compared by identity: a store that returns a new object on every read just recomputes).
 */
final class Directory {
    /**
     * Which plan pays a partner for a trigger, its JSON path (the identity of its caps and tiers), its
     * source, and whether it can pay a payment after the first.
     */
    record Plan(Reward reward, String path, String source, boolean paysAfterFirstPayment) {
        Plan(Reward reward, String path, String source) {
            this(reward, path, source, reward.paysAfterFirstPayment());
        }
    }

    private final Program program;
    private final Map<String, Cached> cache = new HashMap<>();

    private static final class Cached {
        final PartnerRecord record;
        final Object[] plans = new Object[Trigger.values().length];
        Set<String> own;

        Cached(PartnerRecord record) {
            this.record = record;
        }
    }

    Directory(Program program) {
        this.program = program;
    }

    private Cached cached(PartnerRecord record) {
        Cached c = cache.get(record.id());
        if (c == null || c.record != record) {
            c = new Cached(record);
            cache.put(record.id(), c);
        }
        return c;
    }

    static PartnerStatus status(PartnerRecord record) {
        return record == null ? PartnerStatus.TERMINATED : record.partner().status();
    }

    static boolean isActive(PartnerRecord record) {
        return status(record) == PartnerStatus.ACTIVE;
    }

    boolean isActive(StateStore store, String id) {
        return isActive(store.partner(id));
    }

    /** Self-referral: the partner lists the customer among its own. */
    boolean owns(StateStore store, String partner, String customer) {
        PartnerRecord record = store.partner(partner);
        if (record == null || record.partner().ownCustomers().isEmpty()) {
            return false;
        }
        Cached c = cached(record);
        if (c.own == null) {
            c.own = new HashSet<>(record.partner().ownCustomers());
        }
        return c.own.contains(customer);
    }

    /** The ancestors of a partner, nearest first, at most {@code levels}. */
    static List<String> ancestors(StateStore store, String id, int levels) {
        List<String> result = new ArrayList<>(levels);
        Optional<String> parent = store.partner(id).partner().parent();
        while (parent.isPresent() && result.size() < levels) {
            result.add(parent.get());
            parent = store.partner(parent.get()).partner().parent();
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    Optional<Plan> plan(PartnerRecord record, Trigger trigger) {
        Cached c = cached(record);
        int i = trigger.ordinal();
        if (c.plans[i] == null) {
            c.plans[i] = resolve(record.partner(), trigger);
        }
        return (Optional<Plan>) c.plans[i];
    }

    private Optional<Plan> resolve(Partner partner, Trigger trigger) {
        String name = trigger.jsonName();
        Optional<Reward> own = partner.rewards().flatMap(r -> r.forTrigger(trigger));
        if (own.isPresent()) {
            return Optional.of(new Plan(own.get(), "partners." + partner.id() + ".rewards." + name, "partner plan"));
        }
        if (partner.group().isPresent()) {
            String g = partner.group().get();
            Group group = program.groups().get(g);
            Optional<Reward> grouped = group == null ? Optional.empty() : group.rewards().flatMap(r -> r.forTrigger(trigger));
            if (grouped.isPresent()) {
                return Optional.of(new Plan(grouped.get(), "groups." + g + ".rewards." + name, "group " + g));
            }
        }
        return program.rewards().forTrigger(trigger).map(r -> new Plan(r, "rewards." + name, null));
    }

    /**
     * Checks a {@code partner} event before it is applied: known parent, time order, no cycle.
     *
     * @throws ReferralKitException {@code UNKNOWN_PARTNER}, {@code OUT_OF_ORDER} or {@code INVALID_EVENT}
     */
    static void check(StateStore store, PartnerChange change) {
        change.parent().ifPresent(parent -> {
            if (store.partner(parent) == null) {
                throw ReferralKitException.invalid(RejectionCode.UNKNOWN_PARTNER, "parent", parent, "is not a partner");
            }
        });
        PartnerRecord current = store.partner(change.partner());
        long at = Nanos.of(change.at());
        if (current != null && current.lastChange() != Nanos.NONE && at < current.lastChange()) {
            throw ReferralKitException.of(RejectionCode.OUT_OF_ORDER, "at", change.at().toString(),
                    "at " + change.at() + " is before partner " + change.partner() + "'s last change at "
                            + Nanos.instant(current.lastChange()));
        }
        if (change.parent().isPresent()) {
            checkNoCycle(id -> {
                PartnerRecord r = store.partner(id);
                return r == null ? Optional.empty() : r.partner().parent();
            }, change.partner(), change.parent(), RejectionCode.INVALID_EVENT);
        }
    }

    private static void checkNoCycle(java.util.function.Function<String, Optional<String>> parentOf, String id,
                                     Optional<String> parent, RejectionCode code) {
        Set<String> seen = new HashSet<>();
        seen.add(id);
        Optional<String> next = parent;
        while (next.isPresent()) {
            if (!seen.add(next.get())) {
                throw ReferralKitException.invalid(code, "parent", parent.get(), "would make a parent cycle through " + id);
            }
            next = parentOf.apply(next.get());
        }
    }

    /** Applies a checked {@code partner} event: a new partner, or a change from its instant on. */
    static void apply(Transaction tx, PartnerChange change) {
        StateStore store = tx.store();
        PartnerRecord current = store.partner(change.partner());
        ImmutablePartner.Builder b = ImmutablePartner.builder();
        if (current != null) {
            b.from(current.partner());
        } else {
            b.id(change.partner());
        }
        change.status().ifPresent(b::status);
        change.group().ifPresent(b::group);
        change.parent().ifPresent(b::parent);
        change.attributes().ifPresent(b::attributes);
        int index = current != null ? current.index() : store.partnerCount();
        tx.put(current, new PartnerRecord(index, b.build(), Nanos.of(change.at())));
    }
}
