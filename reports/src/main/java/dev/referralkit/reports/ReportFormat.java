package dev.referralkit.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/** The formats a {@link Report} is written in: JSON, CSV (one figure a row) or one self-contained HTML page. */
public enum ReportFormat {
    /** One JSON object (schema in {@code docs/reports.md}); amounts and counts as strings. */
    JSON,
    /** Comma-separated, one figure a row: {@code section,segment,counterpart,period,currency,figure,value}. */
    CSV,
    /** One self-contained HTML page: inline SVG charts, no script, no network, print styles. */
    HTML;

    /**
     * Writes a report.
     *
     * @param report the report
     * @param out    where to; not closed
     * @throws UncheckedIOException if writing fails
     */
    public void write(Report report, Writer out) {
        try {
            switch (this) {
                case JSON -> ReportJson.write(report, out);
                case CSV -> ReportCsv.write(report, out);
                default -> ReportHtml.write(report, out);
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param report the report
     * @return the report in this format
     */
    public String write(Report report) {
        java.io.StringWriter out = new java.io.StringWriter();
        write(report, out);
        return out.toString();
    }

    /** @return the file extension: {@code json}, {@code csv}, {@code html} */
    public String extension() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
