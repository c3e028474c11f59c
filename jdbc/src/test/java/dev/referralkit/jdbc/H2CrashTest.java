package dev.referralkit.jdbc;

/** The crash test on H2 in file mode. */
class H2CrashTest extends CrashContract {
    @Override
    String freshUrl() {
        return "jdbc:h2:file:" + dir.resolve("crash");
    }

    @Override
    String user() {
        return "sa";
    }

    @Override
    String password() {
        return "";
    }
}
