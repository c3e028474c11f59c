package dev.referralkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.referralkit.jdbc.StoreException.Code;
import dev.referralkit.jdbc.internal.JdbcStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An unreachable database, refused credentials and a missing driver are typed exceptions with one-line
 * messages, raised in seconds, against real servers on this machine's loopback address.
 */
class ConnectionFailureTest {
    /** A guard against hanging, far above the timeouts under test; not a speed target. */
    private static final Duration NO_HANG = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private static AbstractThrowableAssert<?, ? extends Throwable> opening(DataSource ds, Code code) {
        return assertThatThrownBy(() -> assertTimeoutPreemptively(NO_HANG, () -> JdbcStore.open(ds).close()))
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.getMessage()).doesNotContain("\n");
                });
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void postgresql_on_a_closed_port_is_unreachable() throws IOException {
        opening(UrlDataSource.of("jdbc:postgresql://127.0.0.1:" + closedPort() + "/postgres", "rk", "x"), Code.UNREACHABLE)
                .hasMessageStartingWith("cannot reach the database (open the store): Connection to 127.0.0.1:")
                .hasMessageContaining("refused");
    }

    @Test
    void postgresql_that_accepts_but_never_answers_times_out_as_unreachable() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            // the operating system accepts the connection; nothing ever answers the login
            opening(UrlDataSource.of("jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/postgres?loginTimeout=2",
                    "rk", "x"), Code.UNREACHABLE)
                    .hasMessageStartingWith("cannot reach the database (open the store): ");
        }
    }

    @Test
    void postgresql_refuses_a_wrong_password() {
        opening(UrlDataSource.of("jdbc:postgresql://127.0.0.1:" + PostgresServer.port() + "/postgres", PostgresServer.USER,
                "wrong"), Code.BAD_CREDENTIALS)
                .hasMessage("the database refused the user name or password: FATAL: password authentication failed for user \"rk\"");
    }

    @Test
    void postgresql_refuses_an_unknown_user() {
        opening(UrlDataSource.of("jdbc:postgresql://127.0.0.1:" + PostgresServer.port() + "/postgres", "nobody", "x"),
                Code.BAD_CREDENTIALS);
    }

    @Test
    void a_postgresql_database_that_does_not_exist_is_unreachable() {
        opening(UrlDataSource.of("jdbc:postgresql://127.0.0.1:" + PostgresServer.port() + "/no_such_db", PostgresServer.USER,
                PostgresServer.PASSWORD), Code.UNREACHABLE)
                .hasMessageContaining("no_such_db");
    }

    @Test
    void h2_refuses_a_wrong_password() {
        String url = "jdbc:h2:file:" + dir.resolve("locked");
        JdbcStore.open(UrlDataSource.of(url, "owner", "right")).close();
        opening(UrlDataSource.of(url, "owner", "wrong"), Code.BAD_CREDENTIALS)
                .hasMessageStartingWith("the database refused the user name or password: Wrong user name or password");
    }

    @Test
    void an_h2_server_on_a_closed_port_is_unreachable() throws IOException {
        opening(UrlDataSource.of("jdbc:h2:tcp://127.0.0.1:" + closedPort() + "/store", "sa", ""), Code.UNREACHABLE)
                .hasMessageStartingWith("cannot reach the database (open the store): ");
    }

    @Test
    void a_url_no_driver_understands_is_an_unsupported_database() {
        opening(UrlDataSource.of("jdbc:nosuchdb://127.0.0.1/x", null, null), Code.UNSUPPORTED_DATABASE)
                .hasMessageStartingWith("no JDBC driver for this URL on the class path: ");
    }

    @Test
    void urls_are_shown_without_passwords() {
        assertThat(UrlDataSource.of("jdbc:postgresql://db:5432/r?user=a&password=s3cret&ssl=true", null, null))
                .hasToString("jdbc:postgresql://db:5432/r?user=a&password=***&ssl=true");
        assertThat(UrlDataSource.redact("jdbc:postgresql://a:s3cret@db/r")).isEqualTo("jdbc:postgresql://a:***@db/r");
        assertThat(UrlDataSource.redact("jdbc:h2:file:./data;USER=sa;PASSWORD=s3cret;MODE=Regular"))
                .isEqualTo("jdbc:h2:file:./data;USER=sa;PASSWORD=***;MODE=Regular");
    }
}
