package dev.referralkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateJsonlTest {
    @TempDir
    Path dir;

    record Run(int status, String out, String err) {
    }

    static Run generate(String... args) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = GenerateJsonl.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void no_arguments_print_the_usage_and_exit_two() throws IOException {
        Run run = generate();
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith("usage: GenerateJsonl WORKLOAD PARTNERS EVENTS DIR [CUSTOMERS]").doesNotContain("Exception");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void bad_arguments_are_named_and_exit_two() throws IOException {
        assertThat(generate("W9", "10", "100", dir.toString()).err()).contains("WORKLOAD").contains("W9").contains("W1, W2, W3, W4, W5");
        assertThat(generate("W1", "ten", "100", dir.toString()).err()).contains("PARTNERS").contains("\"ten\"");
        assertThat(generate("W1", "10", "-5", dir.toString()).status()).isEqualTo(2);
        assertThat(generate("W1", "10", "100", dir.toString(), "1", "extra").status()).isEqualTo(2);
    }

    @Test
    void writes_the_three_files() throws IOException {
        Run run = generate("W4", "10", "200", dir.toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(dir.resolve("program.json")).isNotEmptyFile();
        assertThat(dir.resolve("partners.json")).isNotEmptyFile();
        assertThat(Files.readAllLines(dir.resolve("events.jsonl"))).isNotEmpty().allSatisfy(l -> assertThat(l).startsWith("{\"type\":"));
    }
}
