package dev.referralkit.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every figure's one-line definition on the HTML page is the one in docs/reports.md. */
class DefinitionsTest {
    @Test
    void the_page_and_the_docs_define_each_figure_alike() throws IOException {
        String docs = Files.readString(Path.of("..", "docs", "reports.md"));
        for (String[] d : ReportHtml.DEFINITIONS) {
            assertThat(docs).contains("| " + d[0] + " | " + d[1] + " |");
        }
    }
}
