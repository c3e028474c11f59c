package dev.referralkit.program;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.reward.Reward;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks of a program as a whole that need more than one node: reward trees in their places and
 * the condition fields they read against {@link Program#attributes()}.
 *
 * <p><b>Warnings.</b> A library has no console: a condition that reads an attribute a program without
 * {@code attributes} did not declare is reported in {@link Program#warnings()} (strings that start with
 * the JSON pointer of the field's key) and, when a program is read from JSON, logged once at WARN
 * through slf4j. The command line prints them on stderr.
 */
final class ProgramChecks {
    private static final Logger LOG = LoggerFactory.getLogger(Program.class);

    private ProgramChecks() {
    }

    static void validate(Program program) {
        warnings(program);
        for (Rewards.Tree t : allTrees(program)) {
            if (t.trigger() == Trigger.STAGE) {
                String stage = t.key().substring("stages.".length());
                if (!program.leadLifecycle().knows(stage) || stage.equals(dev.referralkit.event.LeadStage.SUBMITTED)) {
                    throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "rewards.stages", stage,
                            "is not a stage a lead can reach; known: " + program.leadLifecycle().stages() + " and "
                                    + Lifecycle.BUILT_IN.subList(1, Lifecycle.BUILT_IN.size()));
                }
            }
        }
    }

    /** Every reward tree of the program: its own, its groups', and those of its versions. */
    private static List<Rewards.Tree> allTrees(Program program) {
        List<Rewards.Tree> trees = new ArrayList<>(program.rewards().trees());
        program.groups().values().forEach(g -> g.rewards().ifPresent(r -> trees.addAll(r.trees())));
        for (Version v : program.versions()) {
            v.rewards().ifPresent(r -> trees.addAll(r.trees()));
            v.groups().values().forEach(g -> g.rewards().ifPresent(r -> trees.addAll(r.trees())));
        }
        return trees;
    }

    static List<String> warnings(Program program) {
        List<String> warnings = new ArrayList<>(checkRewards(program, "rewards", program.rewards()));
        program.groups().forEach((name, group) -> group.rewards()
                .ifPresent(r -> warnings.addAll(checkRewards(program, "groups." + name + ".rewards", r))));
        for (int i = 0; i < program.versions().size(); i++) {
            Version v = program.versions().get(i);
            String at = "versions[" + i + "]";
            v.rewards().ifPresent(r -> warnings.addAll(checkRewards(program, at + ".rewards", r)));
            v.groups().forEach((name, group) -> group.rewards()
                    .ifPresent(r -> warnings.addAll(checkRewards(program, at + ".groups." + name + ".rewards", r))));
        }
        return List.copyOf(warnings);
    }

    /** Checks a set of rewards in its place and the fields its conditions read; returns the warnings. */
    static List<String> checkRewards(Program program, String path, Rewards rewards) {
        Program.validateRewards(path, rewards, program.currency());
        List<String> warnings = new ArrayList<>();
        for (Rewards.Tree t : rewards.trees()) {
            t.reward().declareFields(path + "." + t.key(), (at, field) -> checkField(program.attributes(), at, field, warnings));
        }
        return warnings;
    }

    private static void checkField(Optional<AttributeNames> declared, String at, String field, List<String> warnings) {
        if (ConditionFields.BUILT_IN.contains(field)) {
            return;
        }
        Optional<String> scope = ConditionFields.attributeScope(field);
        List<String> known = ConditionFields.known(declared);
        if (scope.isEmpty()) {
            throw ReferralKitException.of(RejectionCode.INVALID_PROGRAM, at, field, at + ": " + ConditionFields.notKnown(field, known));
        }
        String name = field.substring(scope.get().length() + 1);
        if (declared.isPresent()) {
            if (!declared.get().of(scope.get()).contains(name)) {
                throw ReferralKitException.of(RejectionCode.INVALID_PROGRAM, at, field, at + ": " + ConditionFields.notKnown(field, known));
            }
            return;
        }
        String suggestion = ConditionFields.suggestion(field, ConditionFields.BUILT_IN).map(s -> "did you mean \"" + s + "\"? ").orElse("");
        warnings.add(ReferralKitJson.pointer(at) + ": \"" + field + "\" reads the " + scope.get() + " attribute \"" + name
                + "\", which the program does not declare; " + suggestion + "declare the attributes conditions read, like \"attributes\": {\""
                + scope.get() + "\": [\"" + name + "\"]}, and a misspelt field becomes a load error");
    }

    static Program logged(Program program) {
        program.warnings().forEach(w -> LOG.warn("program: {}", w));
        return program;
    }
}
