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
import dev.referralkit.program.Rewards;
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
    /** By the partner's dense index (a lookup per priced event: no hashing); an entry is good while its record is the one read. */
    private Cached[] cache = new Cached[16];

    private static final class Cached {
        final PartnerRecord record;
        /** Plans by trigger (clicks, leads, payments) and version: index {@code trigger × (versions + 1) + version + 1}. */
        final Object[] plans;
        /** Plans of lead stages, by stage and version. */
        Map<String, Optional<Plan>> stages;
        Set<String> own;

        Cached(PartnerRecord record, int versions) {
            this.record = record;
            this.plans = new Object[Trigger.values().length * (versions + 1)];
        }
    }

    Directory(Program program) {
        this.program = program;
    }

    private Cached cached(PartnerRecord record) {
        int i = record.index();
        Cached c = i >= 0 && i < cache.length ? cache[i] : null;
        if (c == null || c.record != record) {
            c = new Cached(record, program.versions().size());
            if (i >= 0) {
                if (i >= cache.length) {
                    cache = java.util.Arrays.copyOf(cache, Math.max(i + 1, cache.length * 2));
                }
                cache[i] = c;
            }
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

    /**
     * The plan that pays a partner for a click, lead or payment under the terms of the base program
     * (version −1). See {@link #plan(PartnerRecord, Trigger, String, int)}.
     */
    Optional<Plan> plan(PartnerRecord record, Trigger trigger) {
        return plan(record, trigger, null, -1);
    }

    /**
     * Which plan pays a partner (SPEC.md §5 overrides: its own rewards, then its group's, then the
     * program's, per trigger or lead stage) under the terms of a version (docs/lifecycle.md §4: the
     * program's and each group's rewards as the latest version at or before it that gives them, else the
     * base program's; −1 is the base program).
     *
     * @param record  the partner
     * @param trigger the trigger
     * @param stage   the lead stage for {@link Trigger#STAGE}, else null
     * @param version the version index, or −1
     * @return the plan, if any
     */
    @SuppressWarnings("unchecked")
    Optional<Plan> plan(PartnerRecord record, Trigger trigger, String stage, int version) {
        Cached c = cached(record);
        if (trigger == Trigger.STAGE) {
            if (c.stages == null) {
                c.stages = new HashMap<>();
            }
            return c.stages.computeIfAbsent(stage + "#" + version, k -> resolve(record.partner(), trigger, stage, version));
        }
        int i = trigger.ordinal() * (program.versions().size() + 1) + version + 1;
        if (c.plans[i] == null) {
            c.plans[i] = resolve(record.partner(), trigger, null, version);
        }
        return (Optional<Plan>) c.plans[i];
    }

    private static Optional<Reward> tree(Optional<Rewards> rewards, Trigger trigger, String stage) {
        return rewards.flatMap(r -> trigger == Trigger.STAGE ? r.forStage(stage) : r.forTrigger(trigger));
    }

    private Optional<Plan> resolve(Partner partner, Trigger trigger, String stage, int version) {
        String name = trigger == Trigger.STAGE ? "stages." + stage : trigger.jsonName();
        Optional<Reward> own = tree(partner.rewards(), trigger, stage);
        if (own.isPresent()) {
            return Optional.of(new Plan(own.get(), "partners." + partner.id() + ".rewards." + name, "partner plan"));
        }
        String level = partner.level().isPresent() && program.levels().map(l -> l.knows(partner.level().get())).orElse(false)
                ? "level " + partner.level().get() + ": " : "";
        if (partner.group().isPresent()) {
            String g = partner.group().get();
            for (int v = version; v >= 0; v--) {
                Group group = program.versions().get(v).groups().get(g);
                Optional<Reward> grouped = tree(group == null ? Optional.empty() : group.rewards(), trigger, stage);
                if (grouped.isPresent()) {
                    return Optional.of(new Plan(grouped.get(), "versions[" + v + "].groups." + g + ".rewards." + name, level + "group " + g));
                }
            }
            Group group = program.groups().get(g);
            Optional<Reward> grouped = tree(group == null ? Optional.empty() : group.rewards(), trigger, stage);
            if (grouped.isPresent()) {
                return Optional.of(new Plan(grouped.get(), "groups." + g + ".rewards." + name, level + "group " + g));
            }
        }
        String source = level.isEmpty() ? null : level.substring(0, level.length() - 2);
        for (int v = version; v >= 0; v--) {
            Optional<Reward> versioned = tree(program.versions().get(v).rewards(), trigger, stage);
            if (versioned.isPresent()) {
                return Optional.of(new Plan(versioned.get(), "versions[" + v + "].rewards." + name, source));
            }
        }
        return tree(Optional.of(program.rewards()), trigger, stage).map(r -> new Plan(r, "rewards." + name, source));
    }

    /**
     * Checks a {@code partner} event before it is applied: known parent, time order, no cycle; in a program
     * with levels, a known level and no group (the level sets it).
     */
    static void check(Program program, StateStore store, PartnerChange change) {
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
        checkLevel(program, change.level(), change.group(), RejectionCode.INVALID_EVENT, "");
        if (change.parent().isPresent()) {
            checkNoCycle(id -> {
                PartnerRecord r = store.partner(id);
                return r == null ? Optional.empty() : r.partner().parent();
            }, change.partner(), change.parent(), RejectionCode.INVALID_EVENT);
        }
    }

    /** In a program with levels a partner names a known level, if any, and no group; without levels, no level. */
    static void checkLevel(Program program, Optional<String> level, Optional<String> group, RejectionCode code, String path) {
        if (program.levels().isEmpty()) {
            level.ifPresent(l -> {
                throw ReferralKitException.invalid(code, path + "level", l, "the program has no levels");
            });
            return;
        }
        level.ifPresent(l -> {
            if (!program.levels().get().knows(l)) {
                throw ReferralKitException.invalid(code, path + "level", l, "is not a level of the program");
            }
        });
        group.ifPresent(g -> {
            throw ReferralKitException.invalid(code, path + "group", g, "the program has levels: a partner's level sets its group");
        });
    }

    /**
     * A partner as the engine keeps it in a program with levels (docs/lifecycle.md §3): its level (the trial
     * for a partner that joined and has none, when there is a trial; else the first level) and that level's
     * group.
     *
     * @param program the program
     * @param partner a partner as given
     * @param joined  epoch nanoseconds it joined, or {@link Nanos#NONE}
     * @return the partner with its level and group, and since when it is at that level
     */
    static PartnerRecord place(Program program, int index, Partner partner, long lastChange, long joined) {
        if (program.levels().isEmpty()) {
            return new PartnerRecord(index, partner, lastChange);
        }
        dev.referralkit.program.Levels levels = program.levels().get();
        String level;
        long since = Nanos.NONE;
        if (partner.level().isPresent()) {
            level = partner.level().get();
            since = joined;
        } else if (levels.trial().isPresent() && joined != Nanos.NONE) {
            level = levels.trial().get().name();
            since = joined;
        } else {
            level = levels.levels().get(0).name();
        }
        Partner placed = ImmutablePartner.builder().from(partner).level(level).group(levels.groupOf(level)).build();
        return new PartnerRecord(index, placed, lastChange, since, 0, Nanos.NONE);
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
    static void apply(Program program, Transaction tx, PartnerChange change) {
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
        change.level().ifPresent(b::level);
        long at = Nanos.of(change.at());
        int index = current != null ? current.index() : store.partnerCount();
        PartnerRecord next;
        if (current == null) {
            next = place(program, index, b.build(), at, at);
        } else if (change.level().isPresent() && !change.level().equals(current.partner().level())) {
            next = place(program, index, b.build(), at, at);
            next = new PartnerRecord(index, next.partner(), at, at, 0, current.reviewed());
        } else {
            next = new PartnerRecord(index, b.build(), at, current.levelSince(), current.below(), current.reviewed());
        }
        tx.put(current, next);
    }
}
