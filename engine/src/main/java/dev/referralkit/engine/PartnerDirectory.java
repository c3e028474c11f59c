package dev.referralkit.engine;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.event.PartnerChange;
import dev.referralkit.program.Group;
import dev.referralkit.program.ImmutablePartner;
import dev.referralkit.program.Partner;
import dev.referralkit.program.PartnerStatus;
import dev.referralkit.program.Program;
import dev.referralkit.reward.Reward;
import dev.referralkit.program.Trigger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The partners of a program as reference data both stages read: status, group, parent, attributes,
 * own customers and own rewards, changed by {@code partner} events from their {@code at} on.
 * Overrides are resolved here (SPEC.md §5): a partner's own rewards beat its group's, which beat the
 * program's, per trigger.
 */
final class PartnerDirectory {
    private final Program program;
    final Map<String, Partner> partners = new LinkedHashMap<>();
    private final Map<String, Set<String>> owned = new HashMap<>();
    final Map<String, Instant> lastChange = new HashMap<>();

    PartnerDirectory(Program program, List<Partner> initial) {
        this.program = program;
        for (Partner p : initial) {
            if (partners.containsKey(p.id())) {
                throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "partners", p.id(), "is listed twice");
            }
            put(p);
        }
        for (Partner p : initial) {
            p.rewards().ifPresent(r -> Program.validateRewards("partners." + p.id() + ".rewards", r, program.currency()));
            p.parent().ifPresent(parent -> {
                if (!partners.containsKey(parent)) {
                    throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "partners." + p.id() + ".parent", parent,
                            "is not a partner");
                }
            });
            checkNoCycle(p.id(), p.parent(), RejectionCode.INVALID_PROGRAM);
        }
    }

    void put(Partner p) {
        partners.put(p.id(), p);
        owned.put(p.id(), new HashSet<>(p.ownCustomers()));
    }

    boolean exists(String id) {
        return partners.containsKey(id);
    }

    Partner get(String id) {
        return partners.get(id);
    }

    PartnerStatus statusAt(String id) {
        Partner p = partners.get(id);
        return p == null ? PartnerStatus.TERMINATED : p.status();
    }

    boolean isActive(String id) {
        return statusAt(id) == PartnerStatus.ACTIVE;
    }

    /** Self-referral: the partner lists the customer among its own. */
    boolean owns(String partner, String customer) {
        Set<String> own = owned.get(partner);
        return own != null && own.contains(customer);
    }

    /** The ancestors of a partner, nearest first. */
    List<String> ancestors(String id, int levels) {
        List<String> result = new ArrayList<>();
        Optional<String> parent = partners.get(id).parent();
        while (parent.isPresent() && result.size() < levels) {
            result.add(parent.get());
            parent = partners.get(parent.get()).parent();
        }
        return result;
    }

    /** Which plan pays a partner for a trigger, with its JSON path and how to explain its source. */
    static final class Plan {
        final Reward reward;
        final String path;
        final String source;

        Plan(Reward reward, String path, String source) {
            this.reward = reward;
            this.path = path;
            this.source = source;
        }
    }

    /** Resolved plans per partner and trigger; cleared for a partner when it changes. */
    private final Map<String, Object[]> plans = new HashMap<>();

    Optional<Plan> planFor(String partnerId, Trigger trigger) {
        Object[] cached = plans.computeIfAbsent(partnerId, id -> new Object[Trigger.values().length]);
        int i = trigger.ordinal();
        if (cached[i] == null) {
            cached[i] = resolve(partnerId, trigger);
        }
        @SuppressWarnings("unchecked")
        Optional<Plan> plan = (Optional<Plan>) cached[i];
        return plan;
    }

    private Optional<Plan> resolve(String partnerId, Trigger trigger) {
        Partner partner = partners.get(partnerId);
        String name = trigger.jsonName();
        Optional<Reward> own = partner.rewards().flatMap(r -> r.forTrigger(trigger));
        if (own.isPresent()) {
            return Optional.of(new Plan(own.get(), "partners." + partnerId + ".rewards." + name, "partner plan"));
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

    /** Checks a partner event before it is applied: known parent, no cycle, time order. */
    void check(PartnerChange change) {
        change.parent().ifPresent(parent -> {
            if (!partners.containsKey(parent)) {
                throw ReferralKitException.invalid(RejectionCode.UNKNOWN_PARTNER, "parent", parent, "is not a partner");
            }
        });
        Instant last = lastChange.get(change.partner());
        if (last != null && change.at().isBefore(last)) {
            throw ReferralKitException.of(RejectionCode.OUT_OF_ORDER, "at", change.at().toString(),
                    "at " + change.at() + " is before partner " + change.partner() + "'s last change at " + last);
        }
        if (change.parent().isPresent()) {
            checkNoCycle(change.partner(), change.parent(), RejectionCode.INVALID_EVENT);
        }
    }

    private void checkNoCycle(String id, Optional<String> parent, RejectionCode code) {
        Set<String> seen = new HashSet<>();
        seen.add(id);
        Optional<String> next = parent;
        while (next.isPresent()) {
            if (!seen.add(next.get())) {
                throw ReferralKitException.invalid(code, "parent", parent.get(), "would make a parent cycle through " + id);
            }
            Partner p = partners.get(next.get());
            next = p == null ? Optional.empty() : p.parent();
        }
    }

    void apply(PartnerChange change) {
        Partner current = partners.get(change.partner());
        ImmutablePartner.Builder b = ImmutablePartner.builder();
        if (current != null) {
            b.from(current);
        } else {
            b.id(change.partner());
        }
        change.status().ifPresent(b::status);
        change.group().ifPresent(b::group);
        change.parent().ifPresent(b::parent);
        change.attributes().ifPresent(b::attributes);
        put(b.build());
        plans.remove(change.partner());
        lastChange.put(change.partner(), change.at());
    }

    /** Partner ids in a stable order (sorted), for payout runs. */
    List<String> ids() {
        List<String> ids = new ArrayList<>(partners.keySet());
        java.util.Collections.sort(ids);
        return ids;
    }

}
