package dev.referralkit.jdbc;

import java.util.Objects;
import java.util.Optional;

/**
 * The database could not be used, or refused what was asked of it. It carries a stable
 * {@linkplain #code() code} and a one-line message in ReferralKit's words, for example
 * {@code cannot reach the database: Connection to 127.0.0.1:1 refused} or
 * {@code the database's ReferralKit schema is at version 3, newer than this library's 2: nothing was
 * written}.
 *
 * <p>Whatever the code, a write that fails leaves the database as it was: every write is one
 * transaction, rolled back on any failure.
 *
 * <p>Unlike {@link dev.referralkit.ReferralKitException}, which refuses an input, this is a failure of
 * the environment (or of a second writer), so it extends {@link RuntimeException}.
 */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the store failed. The names are stable; the command line prints them. */
    public enum Code {
        /** No connection could be made: host, port or file unreachable, refused, timed out or locked. */
        UNREACHABLE,
        /** The database refused the user name or password. */
        BAD_CREDENTIALS,
        /**
         * The database holds a schema, a record format or a kind of record newer than this library:
         * upgrade the library.
         */
        SCHEMA_TOO_NEW,
        /** The database's ReferralKit schema or records are damaged: a failed or altered migration, an unreadable record. */
        SCHEMA_INVALID,
        /** The database holds no ReferralKit store to read (reading never creates one). */
        NO_STORE,
        /**
         * A row that must be unique exists already: an event id, an entry id, a position (a second
         * writer). The unique constraints are the backstop behind the engine's own idempotency.
         */
        CONFLICT,
        /** The database is neither PostgreSQL nor H2. */
        UNSUPPORTED_DATABASE,
        /** Any other database failure; the message names the operation and the database's reason. */
        FAILED
    }

    private final Code code;
    private final String sqlState;

    private StoreException(Code code, String message, String sqlState, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
        this.sqlState = sqlState;
    }

    /**
     * Creates an exception.
     *
     * @param code     the stable reason, not null
     * @param message  one line in ReferralKit's words, not null
     * @param sqlState the database's SQLSTATE, or null
     * @param cause    the database's exception, or null
     * @return the exception, never null
     */
    public static StoreException of(Code code, String message, String sqlState, Throwable cause) {
        return new StoreException(code, Objects.requireNonNull(message, "message"), sqlState, cause);
    }

    /** @return the stable reason, never null */
    public Code code() {
        return code;
    }

    /** @return the database's SQLSTATE (like {@code 28P01}), if the database gave one */
    public Optional<String> sqlState() {
        return Optional.ofNullable(sqlState);
    }
}
