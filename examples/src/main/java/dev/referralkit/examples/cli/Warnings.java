package dev.referralkit.examples.cli;

import dev.referralkit.engine.ReferralProgram;
import dev.referralkit.program.Partner;
import dev.referralkit.program.Program;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * What loads but deserves a look (a condition reading an attribute the program does not declare, maybe a
 * misspelt field): one line per warning on stderr, {@code referralkit: warning: FILE: POINTER: message}.
 * Warnings never change the exit status.
 */
final class Warnings {
    private Warnings() {
    }

    /**
     * @param err      stderr
     * @param file     the file the warnings' pointers are in
     * @param warnings the warnings, each starting with its JSON pointer
     */
    static void print(PrintWriter err, Path file, List<String> warnings) {
        for (String w : warnings) {
            err.println("referralkit: warning: " + file + ": " + w);
        }
        err.flush();
    }

    /**
     * The warnings of a program file and of the partners' own rewards in a partners file.
     *
     * @param err          stderr
     * @param programFile  the program's file
     * @param program      the program
     * @param partnersFile the partners' file, or null
     * @param partners     the partners
     */
    static void print(PrintWriter err, Path programFile, Program program, Path partnersFile, List<Partner> partners) {
        print(err, programFile, program.warnings());
        if (partnersFile != null) {
            print(err, partnersFile, ReferralProgram.of(program, partners).partnerWarnings());
        }
    }
}
