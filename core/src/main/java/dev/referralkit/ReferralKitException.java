package dev.referralkit;

import java.util.Objects;
import java.util.Optional;

/**
 * The one unchecked exception of ReferralKit: an input was refused. It carries a stable
 * {@linkplain #code() code}, the {@linkplain #field() field} at fault and the offending
 * {@linkplain #value() value}, and its message names all three, for example
 * {@code payment i7: amount "10.001" has 3 decimals, USD allows 2}.
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

    private ReferralKitException(RejectionCode code, String field, String value, String detail, String context) {
        super(context == null ? detail : context + ": " + detail);
        this.code = Objects.requireNonNull(code, "code");
        this.field = Objects.requireNonNull(field, "field");
        this.value = value;
        this.detail = detail;
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
        return new ReferralKitException(code, field, value, detail, null);
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
        ReferralKitException copy = new ReferralKitException(code, field, value, detail, context);
        copy.setStackTrace(getStackTrace());
        return copy;
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
        ReferralKitException copy = new ReferralKitException(newCode, field, value, detail, context);
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

    /** @return the message without its context prefix */
    public String detail() {
        return detail;
    }

    /** Values quoted in messages are cut at 64 characters so a 20 MB string cannot flood a log. */
    static String abbreviate(String value) {
        return value.length() <= 64 ? value : value.substring(0, 61) + "...";
    }
}
