package dev.referralkit.exports;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * RFC 4180 CSV: fields separated by commas, records ended by CRLF; a field containing a comma, a
 * double quote, CR or LF is enclosed in double quotes and its double quotes doubled; no other field
 * is quoted. Text is written as it is (UTF-8 when the caller writes to a stream).
 */
final class Csv {
    private Csv() {
    }

    static void record(Writer out, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            field(out, fields.get(i));
        }
        out.write("\r\n");
    }

    private static void field(Writer out, String value) throws IOException {
        boolean quote = false;
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        if (!quote) {
            out.write(value);
            return;
        }
        out.write('"');
        out.write(value.replace("\"", "\"\""));
        out.write('"');
    }

    /**
     * Neutralises a cell for a CSV that people open in spreadsheets: a cell that starts like a formula
     * ({@link Fields#startsLikeFormula}) gets a leading apostrophe, which spreadsheets read as "text".
     */
    static String neutralized(String cell) {
        return Fields.startsLikeFormula(cell) ? "'" + cell : cell;
    }
}
