package dev.referralkit.jdbc;

/** The crash test on the embedded PostgreSQL server: the child connects over loopback, like any client. */
class PostgresCrashTest extends CrashContract {
    @Override
    String freshUrl() {
        return PostgresServer.url(PostgresServer.newSchema());
    }

    @Override
    String user() {
        return PostgresServer.USER;
    }

    @Override
    String password() {
        return PostgresServer.PASSWORD;
    }
}
