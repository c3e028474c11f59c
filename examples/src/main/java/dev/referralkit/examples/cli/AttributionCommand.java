package dev.referralkit.examples.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code attribution JOURNEYS.csv --model M [--json]}: journey analytics (SPEC.md §4.4). */
@Command(name = "attribution", mixinStandardHelpOptions = true,
        description = "Credit per channel over many journeys (not yet available in this build).")
final class AttributionCommand implements Callable<Integer> {
    @Parameters(paramLabel = "JOURNEYS.csv")
    Path journeys;

    @Option(names = "--model", required = true, paramLabel = "M")
    String model;

    @Option(names = "--json")
    boolean json;

    @Override
    public Integer call() {
        throw new InputException("attribution", "journey analytics are not in this build yet");
    }
}
