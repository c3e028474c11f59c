package dev.referralkit;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The one unchecked exception of ReferralKit: an input was refused. It carries a stable
 * {@linkplain #code() code}, the {@linkplain #field() field} at fault and the offending
 * {@linkplain #value() value}, and its message names all three, for example
 * {@code payment i7: amount "10.001" has 3 decimals, USD allows 2}.
 *
 * <p>A refusal found in a JSON document also carries where: the {@linkplain #pointer() JSON pointer}
 * of the field (RFC 6901, like {@code /rewards/payment/percent}) and, when the document was read from
 * text, the {@linkplain #line() line} and {@linkplain #column() column}. Its message then reads
 * {@code line 3, column 14: /rewards/payment/percent: percent "1001" must be between 0 and 1000}; the
 * caller adds the file name.
 *
 * <p>Like joda-money's exceptions it extends {@link IllegalArgumentException}: every refusal is a
 * bad argument, never a broken library. No stack trace is needed to understand it.
 */
public final class ReferralKitException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final RejectionCode code;
    private final String field;
    private final String value;
    private final String detail;
    private final String context;
    private final String pointer;
    private final int line;
    private final int column;

    private ReferralKitException(RejectionCode code, String field, String value, String detail, String context,
                                 String pointer, int line, int column) {
        super(message(field, detail, context, pointer, line, column));
        this.code = Objects.requireNonNull(code, "code");
        this.field = Objects.requireNonNull(field, "field");
        this.value = value;
        this.detail = detail;
        this.context = context;
        this.pointer = pointer;
        this.line = line;
        this.column = column;
    }

    /**
     * {@code [context: ][line L, column C: ][pointer: ]detail}; with a pointer, a detail that starts with
     * {@code field: } drops that prefix (the pointer says it better), and a detail that starts with the
     * pointer itself is not prefixed twice.
     */
    private static String message(String field, String detail, String context, String pointer, int line, int column) {
        StringBuilder out = new StringBuilder();
        if (context != null) {
            out.append(context).append(": ");
        }
        if (line > 0) {
            out.append("line ").append(line).append(", column ").append(column).append(": ");
        }
        String shown = detail;
        boolean named = pointer != null && (detail.startsWith(pointer + " ") || detail.startsWith(pointer + ":"));
        if (pointer != null && !pointer.isEmpty() && !named) {
            out.append(pointer).append(": ");
            if (field != null && !field.isEmpty() && detail.startsWith(field + ": ")) {
                shown = detail.substring(field.length() + 2);
            }
        }
        return out.append(shown).toString();
    }

    /**
     * Creates an exception.
     *
     * @param code   the stable reason, not null
     * @param field  the field at fault (a JSON key or path), not null
     * @param value  the offending value as the input gave it, null when absent
     * @param detail the message without context, lower case, naming field and value
     * @return the exception, never null
     */
    public static ReferralKitException of(RejectionCode code, String field, String value, String detail) {
        return new ReferralKitException(code, field, value, detail, null, null, 0, 0);
    }

    /**
     * Creates an exception whose message is {@code field "value" problem}, for example
     * {@code amount "-5.00" must not be negative}.
     *
     * @param code    the stable reason, not null
     * @param field   the field at fault, not null
     * @param value   the offending value, null when absent
     * @param problem what is wrong with it
     * @return the exception, never null
     */
    public static ReferralKitException invalid(RejectionCode code, String field, String value, String problem) {
        String shown = value == null ? "" : " \"" + abbreviate(value) + "\"";
        return of(code, field, value, field + shown + " " + problem);
    }

    /**
     * Returns a copy whose message starts with where the input came from, such as
     * {@code payment i7} or {@code program.rewards.payment}.
     *
     * @param context where the failure happened, not null
     * @return a new exception with the same code, field and value
     */
    public ReferralKitException withContext(String context) {
        return copy(code, context, pointer, line, column);
    }

    /**
     * Returns a copy with another code, for a field check that is refused in a larger document
     * (an amount in a program is a program error).
     *
     * @param newCode the code
     * @param context where the failure happened, or null
     * @return a new exception with the same field, value and detail
     */
    public ReferralKitException recoded(RejectionCode newCode, String context) {
        return copy(newCode, context, pointer, line, column);
    }

    /**
     * Returns a copy located at a JSON pointer in its document; the message then starts with the
     * pointer.
     *
     * @param jsonPointer the RFC 6901 pointer of the field, like {@code /rewards/payment/percent}; empty for the root
     * @return a new exception with the same code, field, value and detail
     */
    public ReferralKitException at(String jsonPointer) {
        return copy(code, context, Objects.requireNonNull(jsonPointer, "jsonPointer"), line, column);
    }

    /**
     * Returns a copy located at a line and column of the document's text; the message then starts
     * with {@code line L, column C}.
     *
     * @param lineNumber   the line, from 1
     * @param columnNumber the column, from 1 (characters, a tab counts one)
     * @return a new exception with the same code, field, value, detail and pointer
     */
    public ReferralKitException atLine(int lineNumber, int columnNumber) {
        if (lineNumber < 1 || columnNumber < 1) {
            throw new IllegalArgumentException("line and column start at 1: " + lineNumber + ", " + columnNumber);
        }
        return copy(code, context, pointer, lineNumber, columnNumber);
    }

    private ReferralKitException copy(RejectionCode newCode, String newContext, String newPointer, int newLine, int newColumn) {
        ReferralKitException copy = new ReferralKitException(newCode, field, value, detail, newContext, newPointer, newLine, newColumn);
        copy.setStackTrace(getStackTrace());
        return copy;
    }

    /** @return the stable reason, never null */
    public RejectionCode code() {
        return code;
    }

    /** @return the field at fault, never null */
    public String field() {
        return field;
    }

    /** @return the offending value as given, if there was one */
    public Optional<String> value() {
        return Optional.ofNullable(value);
    }

    /** @return the message without its context and location */
    public String detail() {
        return detail;
    }

    /** @return the JSON pointer of the field in its document, if the refusal was located in one */
    public Optional<String> pointer() {
        return Optional.ofNullable(pointer);
    }

    /** @return the line in the document's text, from 1, if known */
    public OptionalInt line() {
        return line > 0 ? OptionalInt.of(line) : OptionalInt.empty();
    }

    /** @return the column in the document's text, from 1, if known */
    public OptionalInt column() {
        return line > 0 ? OptionalInt.of(column) : OptionalInt.empty();
    }

    /** Values quoted in messages are cut at 64 characters so a 20 MB string cannot flood a log. */
    static String abbreviate(String value) {
        return value.length() <= 64 ? value : value.substring(0, 61) + "...";
    }
}
