package dev.referralkit.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.program.Partner;
import dev.referralkit.program.Program;
import java.util.ArrayList;
import java.util.List;
import org.immutables.value.Value;

/**
 * A program and its partners: what an engine runs ({@link ReferralEngine#create(ReferralProgram)}).
 * Partners can also join later through {@code partner} events.
 */
@Value.Immutable
public interface ReferralProgram {
    /** @return the program */
    @Value.Parameter
    Program program();

    /** @return its partners at the start */
    @Value.Parameter
    List<Partner> partners();

    /**
     * @param program  the program
     * @param partners its partners
     * @return the referral program
     */
    static ReferralProgram of(Program program, List<Partner> partners) {
        return ImmutableReferralProgram.of(program, partners);
    }

    /**
     * Reads a program object (FORMATS.md §1) and an array of partners, as the command line does.
     *
     * @param programJson  the program
     * @param partnersJson the partners, a JSON array
     * @return the referral program
     * @throws ReferralKitException {@code INVALID_PROGRAM}, naming the JSON path or pointer
     */
    static ReferralProgram parse(String programJson, String partnersJson) {
        return of(Program.parse(programJson), parsePartners(partnersJson));
    }

    /**
     * Reads an array of partners (FORMATS.md §2, {@code partners}).
     *
     * @param partnersJson a JSON array of partners
     * @return the partners
     * @throws ReferralKitException {@code INVALID_PROGRAM}, naming the JSON pointer of the bad partner
     */
    static List<Partner> parsePartners(String partnersJson) {
        JsonNode root = ReferralKitJson.readTree(partnersJson, RejectionCode.INVALID_PROGRAM);
        if (!root.isArray()) {
            throw ReferralKitException.of(RejectionCode.INVALID_PROGRAM, "/", null, "/: partners are a JSON array");
        }
        List<Partner> partners = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            try {
                partners.add(ReferralKitJson.read(root.get(i), Partner.class, RejectionCode.INVALID_PROGRAM));
            } catch (ReferralKitException e) {
                throw e.recoded(RejectionCode.INVALID_PROGRAM, "/" + i);
            }
        }
        return partners;
    }
}
