package dev.referralkit.engine;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.program.Partner;
import dev.referralkit.program.Program;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The load-time checks of a partner list against its program, located in the file they came from:
 * ids listed once, parents that are partners, no parent cycle, and each partner's own rewards checked
 * as the program reads them (trees and condition fields against {@code attributes}). The engine makes
 * the same checks when it is created; here a refusal gets the JSON pointer of the partner
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
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < partners.size(); i++) {
            Integer first = index.putIfAbsent(partners.get(i).id(), i);
            if (first != null) {
                throw located(ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "id", partners.get(i).id(),
                        "is listed twice (first at " + prefix + "/" + first + ")"), json, prefix, i);
            }
        }
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < partners.size(); i++) {
            Partner p = partners.get(i);
            if (p.parent().isPresent()) {
                String parent = p.parent().get();
                if (!index.containsKey(parent)) {
                    throw located(ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "parent", parent, "is not a partner"),
                            json, prefix, i);
                }
                Set<String> chain = new LinkedHashSet<>();
                chain.add(p.id());
                for (String at = parent; at != null; at = partners.get(index.get(at)).parent().orElse(null)) {
                    if (!chain.add(at)) {
                        throw located(ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "parent", parent,
                                "makes a parent cycle: " + String.join(", ", chain) + ", " + at), json, prefix, i);
                    }
                }
            }
            if (p.rewards().isPresent()) {
                try {
                    for (String w : program.checkRewards("rewards", p.rewards().get())) {
                        warnings.add(prefix + "/" + i + w);
                    }
                } catch (ReferralKitException e) {
                    throw located(e, json, prefix, i);
                }
            }
        }
        return List.copyOf(warnings);
    }

    private static ReferralKitException located(ReferralKitException e, String json, String prefix, int i) {
        return ReferralKitJson.locate(e, json, prefix + "/" + i);
    }
}
