package dev.referralkit.engine;

import dev.referralkit.ReferralKitException;
import dev.referralkit.engine.stage.PartnerChanges;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.program.Partner;
import dev.referralkit.program.Program;
import java.util.ArrayList;
import java.util.List;

/**
 * The load-time checks of a partner list against its program, located in the file they came from:
 * ids listed once, parents that are partners, no parent cycle, and each partner's own rewards checked
 * as the program reads them (trees and condition fields against {@code attributes}): the checks of
 * {@link PartnerChanges#checkInitial}, which the engine makes when it is created; here a refusal gets the
 * JSON pointer of the partner
 * ({@code /partners/2/parent} in a scenario, {@code /2/parent} in a partner list) and its line.
 */
final class PartnerChecks {
    private PartnerChecks() {
    }

    /**
     * @param program  the program
     * @param partners the partners, in file order
     * @param json     the text they were read from, or null
     * @param prefix   the pointer of the partner array in that text: {@code /partners} or empty
     * @return the warnings on partners' own rewards, each starting with its JSON pointer
     * @throws ReferralKitException {@code INVALID_PROGRAM}, located
     */
    static List<String> check(Program program, List<Partner> partners, String json, String prefix) {
        List<String> warnings = new ArrayList<>();
        for (String w : PartnerChanges.checkInitial(program, partners, (e, i) -> located(e, json, prefix, i))) {
            warnings.add(prefix + w);
        }
        return List.copyOf(warnings);
    }

    private static ReferralKitException located(ReferralKitException e, String json, String prefix, int i) {
        return ReferralKitJson.locate(e, json, prefix + "/" + i);
    }
}
