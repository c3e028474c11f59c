package dev.referralkit.jdbc.internal;

import dev.referralkit.jdbc.StoreException;
import dev.referralkit.jdbc.StoreException.Code;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * Turns a database's exception into a {@link StoreException} with a stable code, by SQLSTATE (the
 * standard's classes, which PostgreSQL and H2 both follow) and by the few H2 codes that are not
 * standard. The message is one line: what failed, in our words, then the database's own reason.
 */
final class SqlErrors {
    /** H2: the connection to a server broke or could not be made. */
    private static final String H2_CONNECTION_BROKEN = "90067";
    /** H2: the database file is open in another process. */
    private static final String H2_DATABASE_IN_USE = "90020";
    /** H2: an I/O failure reading or writing the file. */
    private static final String H2_IO = "90028";
    /** H2: the database does not exist and may not be created (IFEXISTS). */
    private static final String H2_NOT_FOUND = "90146";

    private SqlErrors() {
    }

    /**
     * @param doing what was being done, like {@code write a batch of 100 events}
     * @param e     the database's exception
     * @return the store's exception, with {@code e} as its cause
     */
    static StoreException of(String doing, SQLException e) {
        String state = sqlState(e);
        Code code = code(state, e);
        String reason = reason(e);
        String message = switch (code) {
            case UNREACHABLE -> "cannot reach the database (" + doing + "): " + reason;
            case BAD_CREDENTIALS -> "the database refused the user name or password: " + reason;
            case CONFLICT -> "cannot " + doing + ": a row that must be unique is stored already (a second writer?): " + reason;
            case UNSUPPORTED_DATABASE -> "no JDBC driver for this URL on the class path: " + reason;
            default -> "cannot " + doing + ": " + reason;
        };
        return StoreException.of(code, message, state, e);
    }

    /** @return true if the connection that threw {@code e} can no longer be trusted */
    static boolean connectionLost(SQLException e) {
        String state = sqlState(e);
        return e instanceof SQLNonTransientConnectionException || e instanceof SQLTransientConnectionException
                || (state != null && (state.startsWith("08") || state.equals(H2_CONNECTION_BROKEN)
                || state.equals(H2_IO) || state.startsWith("57P")));
    }

    private static Code code(String state, SQLException e) {
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("No suitable driver")) {
            return Code.UNSUPPORTED_DATABASE;
        }
        if (state != null) {
            if (state.startsWith("28")) {
                return Code.BAD_CREDENTIALS;
            }
            if (state.equals("23505")) {
                return Code.CONFLICT;
            }
            if (state.startsWith("08") || state.equals(H2_CONNECTION_BROKEN) || state.equals(H2_DATABASE_IN_USE)
                    || state.equals(H2_NOT_FOUND) || state.equals("3D000") || state.startsWith("57P")
                    || state.equals("53300")) {
                return Code.UNREACHABLE;
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof SocketTimeoutException
                    || t instanceof UnknownHostException || t instanceof NoRouteToHostException) {
                return Code.UNREACHABLE;
            }
        }
        return Code.FAILED;
    }

    private static String sqlState(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            if (s.getSQLState() != null) {
                return s.getSQLState();
            }
        }
        return null;
    }

    /** The first line of the innermost informative message: batch exceptions hide the real one. */
    static String reason(SQLException e) {
        SQLException shown = e;
        SQLException next = e.getNextException();
        if (next != null && next.getMessage() != null) {
            shown = next;
        }
        String m = shown.getMessage();
        if (m == null || m.isBlank()) {
            Throwable cause = shown.getCause();
            m = cause == null || cause.getMessage() == null ? "no reason given" : cause.getMessage();
        }
        m = m.strip();
        int eol = m.indexOf('\n');
        if (eol >= 0) {
            m = m.substring(0, eol).strip();
        }
        return m.length() <= 300 ? m : m.substring(0, 297) + "...";
    }
}
