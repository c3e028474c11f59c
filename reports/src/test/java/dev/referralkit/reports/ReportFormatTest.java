package dev.referralkit.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.RejectionCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The three formats of the quick-start report (also written to {@code target/} for the browser check). */
class ReportFormatTest {
    private final Report report = QuickStartReportTest.quickStart(ReportOptions.monthly().withBusiness("saas"));

    ReportFormatTest() throws IOException {
    }

    @Test
    void json_holds_every_section_with_amounts_as_strings() throws IOException {
        String json = ReportFormat.JSON.write(report);
        Files.writeString(Path.of("target", "quickstart-report.json"), json);
        JsonNode root = ReferralKitJson.readTree(json, RejectionCode.INVALID_EVENT);
        assertThat(root.path("leaderboard").get(0).path("partner").asText()).isEqualTo("studio-x");
        assertThat(root.path("leaderboard").get(0).path("netRevenue").textValue()).isEqualTo("180.00");
        JsonNode ana = root.path("partners").get(0);
        assertThat(ana.path("partner").asText()).isEqualTo("ana");
        assertThat(ana.path("periods").get(1).path("money").get(0).path("refundRate").textValue()).isEqualTo("0.4000");
        assertThat(ana.path("total").path("daysToFirstPayment").textValue()).isEqualTo("3.6");
        assertThat(root.path("referred").path("cohorts").get(0).path("retention").toString()).isEqualTo("[\"1.0000\",\"1.0000\"]");
        assertThat(root.path("organic").path("total").path("clickToCustomer").isNull()).isTrue();
        for (String key : List.of("channels", "reciprocity", "referred", "organic", "decimals")) {
            assertThat(root.has(key)).as(key).isTrue();
        }
    }

    @Test
    void csv_has_one_figure_a_row() throws IOException {
        String csv = ReportFormat.CSV.write(report);
        Files.writeString(Path.of("target", "quickstart-report.csv"), csv);
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).isEqualTo("section,segment,counterpart,period,currency,figure,value");
        assertThat(lines).contains("partner,ana,,2026-02,USD,netRevenue,29.40", "leaderboard,studio-x,,total,,rank,1",
                "reciprocity,ana,saas,total,USD,netRevenue,78.40");
        assertThat(lines).allSatisfy(l -> assertThat(l.split(",", -1)).hasSize(7));
    }

    @Test
    void csv_fields_are_quoted_and_defused() {
        assertThat(ReportCsv.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(ReportCsv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(ReportCsv.field("=SUM(A1)")).isEqualTo("'=SUM(A1)");
    }

    @Test
    void html_is_one_self_contained_page_without_script() throws IOException {
        String html = ReportFormat.HTML.write(report);
        Files.writeString(Path.of("target", "quickstart-report.html"), html);
        assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("<script", "src=", "href=", "@import", "url(");
        assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http:", "https:");
        for (String chart : List.of("leaderboard", "funnel", "by-period", "cohorts-referred", "reciprocity")) {
            assertThat(html).contains("data-chart=\"" + chart + "\"");
        }
        assertThat(html).contains("Content-Security-Policy");
    }

    @Test
    void html_escapes_what_it_shows() {
        assertThat(ReportHtml.esc("<b>&\"'")).isEqualTo("&lt;b&gt;&amp;&quot;&#39;");
    }
}
