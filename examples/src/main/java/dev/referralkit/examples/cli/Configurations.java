package dev.referralkit.examples.cli;

import dev.referralkit.ReferralKitException;
import dev.referralkit.engine.ReferralEngine;
import dev.referralkit.program.Partner;
import dev.referralkit.program.Program;
import java.util.List;
import java.util.Optional;

/**
 * Building an engine from a program and its partners, with a refusal (a duplicate partner, an unknown
 * parent, a parent cycle, a partner's invalid plan) turned into an input error that names the file and
 * the JSON pointer of the partner at fault, e.g. {@code s.json: /partners/1: partners.p1.parent "p9" is
 * not a partner}.
 */
final class Configurations {
    private Configurations() {
    }

    /**
     * @param programFile       where the program is, for errors that are not about a partner
     * @param programPointer    the program's pointer in that file ({@code /program} in a scenario, else empty)
     * @param partnersFile      where the partners are
     * @param partnersPointer   the partners array's pointer in that file ({@code /partners} in a scenario, else empty)
     * @return the engine
     * @throws InputException if the engine refuses the configuration
     */
    static ReferralEngine engine(Program program, List<Partner> partners, String programFile, String programPointer,
                                 String partnersFile, String partnersPointer) {
        try {
            return ReferralEngine.create(program, partners);
        } catch (ReferralKitException e) {
            Optional<Integer> index = partnerAtFault(e, partners);
            if (index.isPresent()) {
                throw new InputException(partnersFile, partnersPointer + "/" + index.get() + ": " + e.getMessage());
            }
            boolean aboutPartners = e.field().startsWith("partners");
            String file = aboutPartners ? partnersFile : programFile;
            String pointer = aboutPartners ? partnersPointer : programPointer;
            throw new InputException(file, (pointer.isEmpty() ? "" : pointer + ": ") + e.getMessage());
        }
    }

    /**
     * The index of the partner a refusal is about, from its field: {@code partners.<id>.…} names the partner;
     * {@code partners} with a value is a duplicate id (its last listing); {@code parent} with a value is a
     * cycle found from the first partner whose parent that is.
     */
    static Optional<Integer> partnerAtFault(ReferralKitException e, List<Partner> partners) {
        String field = e.field();
        Optional<String> value = e.value();
        int found = -1;
        int foundLength = -1;
        for (int i = 0; i < partners.size(); i++) {
            Partner p = partners.get(i);
            String prefix = "partners." + p.id();
            if ((field.equals(prefix) || field.startsWith(prefix + ".")) && p.id().length() > foundLength) {
                found = i;
                foundLength = p.id().length();
            }
        }
        if (found >= 0) {
            return Optional.of(found);
        }
        if (value.isPresent() && field.equals("partners")) {
            for (int i = partners.size() - 1; i >= 0; i--) {
                if (partners.get(i).id().equals(value.get())) {
                    return Optional.of(i);
                }
            }
        }
        if (value.isPresent() && field.equals("parent")) {
            for (int i = 0; i < partners.size(); i++) {
                if (partners.get(i).parent().equals(value)) {
                    return Optional.of(i);
                }
            }
        }
        return Optional.empty();
    }
}
