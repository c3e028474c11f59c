package dev.referralkit.engine.stage;

import dev.referralkit.engine.state.StateStore;
import dev.referralkit.event.PartnerChange;
import dev.referralkit.program.Partner;
import dev.referralkit.program.Program;
import java.util.List;

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
     * @param program  the program
     * @param partners its initial partners
     * @throws dev.referralkit.ReferralKitException {@code INVALID_PROGRAM} naming the partner
     */
    public static void checkInitial(Program program, List<Partner> partners) {
        Directory.checkInitial(program, partners);
    }

    /**
     * @param store  the store
     * @param change a {@code partner} event
     * @throws dev.referralkit.ReferralKitException {@code UNKNOWN_PARTNER}, {@code OUT_OF_ORDER} or {@code INVALID_EVENT}
     */
    public static void check(StateStore store, PartnerChange change) {
        Directory.check(store, change);
    }

    /**
     * @param tx     the event's transaction
     * @param change a checked {@code partner} event
     */
    public static void apply(Transaction tx, PartnerChange change) {
        Directory.apply(tx, change);
    }
}
