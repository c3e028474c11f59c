package dev.referralkit.examples.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain aligned text table: numbers right-aligned, the last column left free to run long. */
final class Table {
    private final String[] headers;
    private final boolean[] right;
    private final List<String[]> rows = new ArrayList<>();

    Table(String... headers) {
        this.headers = headers;
        this.right = new boolean[headers.length];
    }

    Table rightAligned(int... columns) {
        for (int c : columns) {
            right[c] = true;
        }
        return this;
    }

    void add(String... cells) {
        rows.add(cells);
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    void print(PrintWriter out) {
        int[] widths = widths();
        for (String[] row : rows) {
            measure(widths, row);
        }
        header(out, widths);
        for (String[] row : rows) {
            line(out, row, widths);
        }
    }

    /** @return the widths of the headers, to be widened by {@link #measure} (for rows printed as they are read) */
    int[] widths() {
        int[] widths = new int[headers.length];
        for (int c = 0; c < headers.length; c++) {
            widths[c] = headers[c].length();
        }
        return widths;
    }

    /** Widens the widths to fit a row. */
    static void measure(int[] widths, String[] row) {
        for (int c = 0; c < widths.length; c++) {
            widths[c] = Math.max(widths[c], row[c].length());
        }
    }

    /** Prints the header line and its rule. */
    void header(PrintWriter out, int[] widths) {
        line(out, headers, widths);
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < headers.length; c++) {
            rule.append(c == 0 ? "" : "  ").append("-".repeat(c == headers.length - 1 ? Math.min(widths[c], 40) : widths[c]));
        }
        out.println(rule);
    }

    void line(PrintWriter out, String[] cells, int[] widths) {
        StringBuilder text = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                text.append("  ");
            }
            boolean last = c == cells.length - 1;
            String cell = cells[c];
            int pad = widths[c] - cell.length();
            if (right[c]) {
                text.append(" ".repeat(pad)).append(cell);
            } else {
                text.append(cell).append(last ? "" : " ".repeat(pad));
            }
        }
        out.println(text.toString().stripTrailing());
    }
}
