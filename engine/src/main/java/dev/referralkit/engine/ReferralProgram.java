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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A program and its partners: what an engine runs ({@link ReferralEngine#create(ReferralProgram)}).
 * Partners can also join later through {@code partner} events.
 *
 * <p>Reading files ({@link #parse}, {@link #parsePartners(String, Program)}) locates every refusal by
 * line, column and JSON pointer in its own file ({@code /rewards/payment/percent} in the program,
 * {@code /2/parent} in the partner list); the caller adds the file name. Warnings are in
 * {@link Program#warnings()} and {@link #partnerWarnings()}, and are logged at WARN when read.
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
     * Warnings about the partners' own rewards (see {@link Program#warnings()}), each starting with the
     * JSON pointer in the partner list, like {@code /2/rewards/payment/rules/0/when/field}. The program's
     * own warnings are {@code program().warnings()}.
     *
     * @return the warnings, empty when there are none
     * @throws ReferralKitException {@code INVALID_PROGRAM} if a partner does not fit the program
     */
    @Value.Lazy
    default List<String> partnerWarnings() {
        return PartnerChecks.check(program(), partners(), null, "");
    }

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
     * @throws ReferralKitException {@code INVALID_PROGRAM}, located by line, column and JSON pointer in its
     *                              own text (the program's or the partners')
     */
    static ReferralProgram parse(String programJson, String partnersJson) {
        Program program = Program.parse(programJson);
        return of(program, parsePartners(partnersJson, program));
    }

    /**
     * Reads an array of partners (FORMATS.md §2, {@code partners}).
     *
     * @param partnersJson a JSON array of partners
     * @return the partners
     * @throws ReferralKitException {@code INVALID_PROGRAM}, located by line, column and JSON pointer of the bad partner
     */
    static List<Partner> parsePartners(String partnersJson) {
        JsonNode root = ReferralKitJson.readTree(partnersJson, RejectionCode.INVALID_PROGRAM);
        if (!root.isArray()) {
            throw ReferralKitJson.locate(ReferralKitException.of(RejectionCode.INVALID_PROGRAM, "", null,
                    "partners are a JSON array, like [{\"id\": \"p1\"}]"), partnersJson, "");
        }
        List<Partner> partners = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            try {
                partners.add(ReferralKitJson.read(root.get(i), Partner.class, RejectionCode.INVALID_PROGRAM));
            } catch (ReferralKitException e) {
                throw ReferralKitJson.locate(e, partnersJson, "/" + i);
            }
        }
        return partners;
    }

    /**
     * Reads an array of partners for a program and checks them against it as an engine would (ids
     * listed once, parents that are partners, no parent cycle, own rewards and their condition fields),
     * logging the warnings on own rewards at WARN.
     *
     * @param partnersJson a JSON array of partners
     * @param program      their program
     * @return the partners
     * @throws ReferralKitException {@code INVALID_PROGRAM}, located in {@code partnersJson}
     */
    static List<Partner> parsePartners(String partnersJson, Program program) {
        List<Partner> partners = parsePartners(partnersJson);
        Logger log = LoggerFactory.getLogger(ReferralProgram.class);
        PartnerChecks.check(program, partners, partnersJson, "").forEach(w -> log.warn("partners: {}", w));
        return partners;
    }
}
