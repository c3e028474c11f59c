package dev.referralkit.engine.stage;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.engine.state.StateStore;
import dev.referralkit.event.PartnerChange;
import dev.referralkit.program.Partner;
import dev.referralkit.program.Program;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The partners of a program and the {@code partner} events that change them (FORMATS.md §2), checked and
 * applied the same way by every stage that keeps a copy of the partners: no duplicate partner, known
 * parents, no parent cycle (a configuration error at load, {@code INVALID_EVENT} for an event), valid own
 * plans; a change earlier than the partner's last is {@code OUT_OF_ORDER}; a change naming an unknown
 * parent is {@code UNKNOWN_PARTNER}.
 */
public final class PartnerChanges {
    private PartnerChanges() {
    }

    /**
     * Checks a program's initial partners: ids listed once, parents that are partners, no parent cycle, and
     * each partner's own rewards checked as the program reads them (trees, and condition fields against
     * {@code attributes}).
     *
     * @param program  the program
     * @param partners its initial partners, in file order
     * @return the warnings on partners' own rewards, each starting with {@code /<index>}
     * @throws ReferralKitException {@code INVALID_PROGRAM} naming the partner's field
     */
    public static List<String> checkInitial(Program program, List<Partner> partners) {
        return checkInitial(program, partners, (e, i) -> e);
    }

    /**
     * Like {@link #checkInitial(Program, List)}, letting the caller locate a refusal in its file.
     *
     * @param program  the program
     * @param partners its initial partners, in file order
     * @param locate   turns a refusal of the partner at an index into the one thrown
     * @return the warnings on partners' own rewards, each starting with {@code /<index>}
     */
    public static List<String> checkInitial(Program program, List<Partner> partners,
                                            BiFunction<ReferralKitException, Integer, ReferralKitException> locate) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < partners.size(); i++) {
            Integer first = index.putIfAbsent(partners.get(i).id(), i);
            if (first != null) {
                throw locate.apply(ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "id", partners.get(i).id(),
                        "is listed twice (first at index " + first + ")"), i);
            }
        }
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < partners.size(); i++) {
            Partner p = partners.get(i);
            if (p.parent().isPresent()) {
                String parent = p.parent().get();
                if (!index.containsKey(parent)) {
                    throw locate.apply(ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "parent", parent, "is not a partner"), i);
                }
                Set<String> chain = new LinkedHashSet<>();
                chain.add(p.id());
                for (String at = parent; at != null; at = partners.get(index.get(at)).parent().orElse(null)) {
                    if (!chain.add(at)) {
                        throw locate.apply(ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "parent", parent,
                                "makes a parent cycle: " + String.join(", ", chain) + ", " + at), i);
                    }
                }
            }
            try {
                Directory.checkLevel(program, p.level(), p.group(), RejectionCode.INVALID_PROGRAM, "");
            } catch (ReferralKitException e) {
                throw locate.apply(e, i);
            }
            if (p.rewards().isPresent()) {
                try {
                    for (String w : program.checkRewards("rewards", p.rewards().get())) {
                        warnings.add("/" + i + w);
                    }
                } catch (ReferralKitException e) {
                    throw locate.apply(e, i);
                }
            }
        }
        return List.copyOf(warnings);
    }

    /**
     * @param program the program
     * @param store  the store
     * @param change a {@code partner} event
     * @throws dev.referralkit.ReferralKitException {@code UNKNOWN_PARTNER}, {@code OUT_OF_ORDER} or {@code INVALID_EVENT}
     */
    public static void check(Program program, StateStore store, PartnerChange change) {
        Directory.check(program, store, change);
    }

    /**
     * @param program the program
     * @param tx     the event's transaction
     * @param change a checked {@code partner} event
     */
    public static void apply(Program program, Transaction tx, PartnerChange change) {
        Directory.apply(program, tx, change);
    }

    /**
     * The record of an initial partner: in a program with levels, placed at its level (docs/lifecycle.md §3).
     *
     * @param program the program
     * @param index   its dense index
     * @param partner the partner as given
     * @return its record
     */
    public static dev.referralkit.engine.state.PartnerRecord initial(Program program, int index, Partner partner) {
        return Directory.place(program, index, partner, dev.referralkit.engine.state.Nanos.NONE,
                partner.joined().map(dev.referralkit.engine.state.Nanos::of).orElse(dev.referralkit.engine.state.Nanos.NONE));
    }
}
