package dev.referralkit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every acceptance scenario of ../shared/scenarios passes through the engine. */
class SharedScenariosTest {
    static Stream<Path> scenarios() throws IOException {
        Path dir = Paths.get("..", "..", "shared", "scenarios");
        assertThat(dir).as("the shared scenarios beside the project").isDirectory();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(8);
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void passes(Path file) throws IOException {
        ScenarioCheck check = Scenario.parse(Files.readString(file)).check();
        assertThat(check.passed()).as("%s: %s%nresult: %s", file.getFileName(), check.difference().orElse(""),
                check.result().toPrettyString()).isTrue();
    }
}
