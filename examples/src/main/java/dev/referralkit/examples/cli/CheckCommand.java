package dev.referralkit.examples.cli;

import dev.referralkit.engine.Scenario;
import dev.referralkit.engine.ScenarioCheck;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code check SCENARIO.json...}: one line per scenario, then {@code N passed, N failed} (FORMATS.md §4).
 *
 * <p>Every file is checked. A failed scenario is followed by each expectation that did not hold, with the
 * closest result objects and their differing keys. A file that cannot be read or is invalid counts as
 * failed: its line is {@code FAIL} with the one-line error, which also goes to standard error. Exit 1 on
 * any failure; exit 2 only when no file could be checked at all (then standard output stays empty, as
 * for any input error).
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Run each scenario and compare with its expect; exit 1 if any fails or cannot be read.")
final class CheckCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "SCENARIO.json", description = "scenario files")
    List<Path> files;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // lines wait until one file could be checked: if none can, this is a plain input error (stdout empty)
        List<String> waiting = new ArrayList<>();
        boolean anyChecked = false;
        int passed = 0;
        int failed = 0;
        for (Path file : files) {
            List<String> lines = new ArrayList<>();
            try {
                Scenario scenario = Files2.parse(file, Scenario::parse);
                Warnings.print(err, file, scenario.warnings());
                Configurations.engine(scenario.program(), scenario.partners(), file.toString(), "/program", file.toString(), "/partners");
                ScenarioCheck check = scenario.check();
                String title = file + (scenario.name().isEmpty() ? "" : " — " + scenario.name());
                if (check.passed()) {
                    passed++;
                    lines.add("PASS " + title);
                } else {
                    failed++;
                    lines.add("FAIL " + title);
                    for (ScenarioCheck.Difference d : check.differences()) {
                        lines.add("     " + d.message());
                        d.details().forEach(detail -> lines.add("       " + detail));
                    }
                }
                anyChecked = true;
            } catch (InputException e) {
                failed++;
                err.println("referralkit: " + e.getMessage());
                err.flush();
                lines.add("FAIL " + e.getMessage());
            }
            if (anyChecked) {
                waiting.forEach(out::println);
                waiting.clear();
                lines.forEach(out::println);
                out.flush();
            } else {
                waiting.addAll(lines);
            }
        }
        if (!anyChecked) {
            return ReferralKitCli.INPUT_ERROR;
        }
        out.println(passed + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }
}
