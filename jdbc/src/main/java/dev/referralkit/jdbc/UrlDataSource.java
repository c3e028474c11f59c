package dev.referralkit.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A {@link DataSource} for a JDBC URL and optional credentials, for the command line and tests (a host
 * passes its own pool). Each {@link #getConnection()} opens a new connection through
 * {@link DriverManager}, so the driver must be on the class path.
 *
 * <p>On PostgreSQL it sets what the URL does not: a 10-second connect and login timeout, so an
 * unreachable server fails in seconds rather than minutes, and {@code reWriteBatchedInserts}, which
 * sends a batch of inserts as multi-row statements. Its {@link #toString()} never shows a password.
 */
public final class UrlDataSource implements DataSource {
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password\\s*=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("//([^/:@]+):[^/@]*@");

    private final String url;
    private final String user;
    private final String password;
    private int loginTimeoutSeconds = 10;

    private UrlDataSource(String url, String user, String password) {
        this.url = Objects.requireNonNull(url, "url");
        this.user = user;
        this.password = password;
    }

    /**
     * @param url      a JDBC URL, like {@code jdbc:h2:file:./referralkit-data} or
     *                 {@code jdbc:postgresql://db:5432/referrals}
     * @param user     the user name, or null to take the URL's (or the driver's default)
     * @param password the password, or null
     * @return the data source
     */
    public static UrlDataSource of(String url, String user, String password) {
        return new UrlDataSource(url, user, password);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return getConnection(user, password);
    }

    @Override
    public Connection getConnection(String username, String pass) throws SQLException {
        Properties p = new Properties();
        if (username != null) {
            p.setProperty("user", username);
        }
        if (pass != null) {
            p.setProperty("password", pass);
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql:")) {
            String timeout = Integer.toString(loginTimeoutSeconds);
            if (!lower.contains("connecttimeout=")) {
                p.setProperty("connectTimeout", timeout);
            }
            if (!lower.contains("logintimeout=")) {
                p.setProperty("loginTimeout", timeout);
            }
            if (!lower.contains("rewritebatchedinserts=")) {
                p.setProperty("reWriteBatchedInserts", "true");
            }
        }
        return DriverManager.getConnection(url, p);
    }

    /**
     * @param url a JDBC URL
     * @return the URL without its password, for messages and logs
     */
    public static String redact(String url) {
        String r = PASSWORD_PARAMETER.matcher(url).replaceAll("$1***");
        return USER_INFO.matcher(r).replaceAll("//$1:***@");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // connections log through their drivers
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeoutSeconds = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeoutSeconds;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no parent logger");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    /** @return the URL without its password */
    @Override
    public String toString() {
        return redact(url);
    }
}
