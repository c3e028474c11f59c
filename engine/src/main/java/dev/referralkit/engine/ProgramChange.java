package dev.referralkit.engine;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.engine.state.Nanos;
import dev.referralkit.engine.state.StateStore;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.program.ImmutableProgram;
import dev.referralkit.program.Program;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether state made under one program may continue under another (docs/lifecycle.md §4): the program
 * without its versions is the same, the old versions come first and unchanged, and every added version
 * starts after the latest event the state has seen. Snapshots and durable stores keep a program's
 * {@link #fingerprints} and check them here when they are restored or reopened.
 */
public final class ProgramChange {
    private ProgramChange() {
    }

    /**
     * @param program a program
     * @return its fingerprints: the program without its versions, then each version, as hexadecimal numbers
     */
    public static List<String> fingerprints(Program program) {
        List<String> prints = new ArrayList<>(1 + program.versions().size());
        prints.add(Long.toHexString(fingerprint(ImmutableProgram.copyOf(program).withVersions(List.of()))));
        program.versions().forEach(v -> prints.add(Long.toHexString(fingerprint(v))));
        return prints;
    }

    private static long fingerprint(Object value) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : ReferralKitJson.write(value).getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    /**
     * @param stored  the fingerprints of the program the state was made with
     * @param program the program it would continue with
     * @param store   the state
     * @throws ReferralKitException {@code INVALID_PROGRAM} saying what changed
     */
    public static void check(List<String> stored, Program program, StateStore store) {
        List<String> now = fingerprints(program);
        if (stored.isEmpty() || !stored.get(0).equals(now.get(0))) {
            throw invalid("the state was made with another program");
        }
        int old = stored.size() - 1;
        int versions = program.versions().size();
        if (old > versions) {
            throw invalid("the state's program has " + old + " versions, this one " + versions + ": versions can be added, never removed");
        }
        for (int i = 0; i < old; i++) {
            if (!stored.get(i + 1).equals(now.get(i + 1))) {
                throw invalid("versions[" + i + "] differs from the state's: versions can be added, never changed");
            }
        }
        long seen = store.engine().seenUntil();
        for (int v = old; v < versions; v++) {
            long from = Nanos.of(program.versions().get(v).from());
            if (seen != Nanos.NONE && from < seen) {
                throw invalid("versions[" + v + "] starts at " + program.versions().get(v).from() + ", before events the state has "
                        + "processed (up to " + Nanos.instant(seen) + "): a new version must start after them");
            }
        }
    }

    private static ReferralKitException invalid(String message) {
        return ReferralKitException.of(RejectionCode.INVALID_PROGRAM, "program", null, "program: " + message);
    }
}
