package dev.referralkit.examples.cli;

import dev.referralkit.jdbc.StoreException;
import dev.referralkit.jdbc.UrlDataSource;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --store URL [--user U] [--password P]}: where the durable engine's store is. Credentials not
 * given as options come from the environment ({@value #USER_VARIABLE}, {@value #PASSWORD_VARIABLE}), so that a
 * password need not appear in the process list; with neither, the URL's own (or the driver's default).
 */
final class StoreOptions {
    /** The environment variable with the store's user name. */
    static final String USER_VARIABLE = "REFERRALKIT_STORE_USER";
    /** The environment variable with the store's password. */
    static final String PASSWORD_VARIABLE = "REFERRALKIT_STORE_PASSWORD";

    /** Where tests put the environment; null: the process's. */
    static Map<String, String> environment;

    @Option(names = "--store", paramLabel = "URL",
            description = "a JDBC URL (jdbc:h2:file:./referralkit-data, jdbc:postgresql://host/db): the durable store")
    String url;

    @Option(names = "--user", paramLabel = "U", description = "the store's user name (default: $" + USER_VARIABLE + ", else the URL's)")
    String user;

    @Option(names = "--password", paramLabel = "P",
            description = "the store's password (default: $" + PASSWORD_VARIABLE + ", else the URL's); prefer the variable")
    String password;

    boolean given() {
        return url != null;
    }

    /** Refuses {@code --user} or {@code --password} without {@code --store}. */
    void checkAlone(String command) {
        if (url == null && (user != null || password != null)) {
            throw new InputException(command, "--user and --password are for a --store URL");
        }
    }

    UrlDataSource dataSource() {
        Map<String, String> env = environment != null ? environment : System.getenv();
        String u = user != null ? user : env.get(USER_VARIABLE);
        String p = password != null ? password : env.get(PASSWORD_VARIABLE);
        return UrlDataSource.of(url, u, p);
    }

    /** The store's failure as one input-error line: the URL without its password, the code and the reason. */
    InputException failure(StoreException e) {
        return new InputException("--store " + UrlDataSource.redact(url), e.code() + ": " + e.getMessage());
    }
}
