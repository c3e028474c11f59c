package dev.referralkit.examples.cli;

import dev.referralkit.engine.Scenario;
import dev.referralkit.engine.ScenarioCheck;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code check SCENARIO.json...}: one line per scenario, then {@code N passed, N failed}. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Run each scenario and compare with its expect; exit 1 if any fails.")
final class CheckCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "SCENARIO.json", description = "scenario files")
    List<Path> files;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        int passed = 0;
        int failed = 0;
        for (Path file : files) {
            Scenario scenario = Files2.parse(file, Scenario::parse);
            ScenarioCheck check = scenario.check();
            if (check.passed()) {
                passed++;
                out.println("PASS " + file + (scenario.name().isEmpty() ? "" : " — " + scenario.name()));
            } else {
                failed++;
                out.println("FAIL " + file + (scenario.name().isEmpty() ? "" : " — " + scenario.name()));
                out.println("     " + check.difference().orElse(""));
            }
        }
        out.println(passed + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }
}
