package dev.referralkit.jdbc.internal;

import dev.referralkit.jdbc.StoreException;
import dev.referralkit.jdbc.StoreException.Code;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * The schema's versions and how a database is brought to the latest one, with Flyway.
 *
 * <p>The scripts are named here, not found by scanning the class path: a scan does not see into a
 * named module's resources, and a fixed list is faster and cannot pick up a stray file. Version 1
 * ({@code db/migration/common}) is the same on every database; versions 2 and 3 have one script per
 * database ({@code db/migration/postgresql}, {@code db/migration/h2}).
 *
 * <p>Flyway keeps its history in {@code rk_schema_history}, not in its default table, so a host that
 * runs Flyway for its own tables in the same schema keeps its history apart. A schema that holds a
 * host's tables but no ReferralKit history is baselined at version 0, so every script still runs.
 *
 * <p>Before Flyway runs, the history is read: a version this code does not know means a newer library
 * has migrated the database, and the store refuses to open ({@code SCHEMA_TOO_NEW}) before anything
 * is written. It never migrates down.
 */
final class Migrations {
    /** The history table. */
    static final String HISTORY = "rk_schema_history";

    /** The scripts, oldest first; the last one's version is the schema this code writes. */
    private static final List<Script> SCRIPTS = List.of(
            new Script("common", "V1__ledger.sql"),
            new Script(null, "V2__append_only.sql"),
            new Script(null, "V3__state_log.sql"));

    /** The latest schema version this code knows. */
    static final MigrationVersion LATEST = MigrationVersion.fromVersion("3");

    private Migrations() {
    }

    /**
     * Reads the ReferralKit schema's version from its history, refusing one newer than this code or a
     * failed migration. Reads only.
     *
     * @param c a connection in auto-commit mode
     * @return the newest version installed; {@link MigrationVersion#EMPTY} if there is no history (a new store)
     * @throws SQLException   if the history cannot be read for another reason than its absence
     * @throws StoreException {@code SCHEMA_TOO_NEW} or {@code SCHEMA_INVALID}
     */
    static MigrationVersion installed(Connection c) throws SQLException {
        if (!historyExists(c)) {
            return MigrationVersion.EMPTY; // a new store
        }
        List<String[]> rows = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT \"version\", \"success\" FROM \"" + HISTORY + "\"")) {
            while (rs.next()) {
                rows.add(new String[] {rs.getString(1), Boolean.toString(rs.getBoolean(2))});
            }
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("42")) {
                return MigrationVersion.EMPTY; // no history table: a new store
            }
            throw e;
        }
        MigrationVersion newest = MigrationVersion.EMPTY;
        for (String[] row : rows) {
            if (row[0] == null) {
                continue; // Flyway's own marker rows have no version
            }
            MigrationVersion v = MigrationVersion.fromVersion(row[0]);
            if (!Boolean.parseBoolean(row[1])) {
                throw StoreException.of(Code.SCHEMA_INVALID, "the ReferralKit schema's migration to version " + row[0]
                        + " failed earlier and was left half done: repair it by hand (" + HISTORY + ")", null, null);
            }
            if (v.compareTo(newest) > 0) {
                newest = v;
            }
        }
        if (newest.isNewerThan(LATEST)) {
            throw StoreException.of(Code.SCHEMA_TOO_NEW, "the database's ReferralKit schema is at version " + newest
                    + ", newer than this library's " + LATEST + ": use a newer ReferralKit; nothing was written", null, null);
        }
        return newest;
    }

    /**
     * Asks the catalogue rather than selecting from a missing table: H2 writes every failed statement to a
     * {@code .trace.db} file beside the database, which a user would take for an error.
     */
    private static boolean historyExists(Connection c) throws SQLException {
        try (java.sql.PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = ? AND TABLE_SCHEMA = CURRENT_SCHEMA")) {
            ps.setString(1, HISTORY);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getLong(1) > 0;
            }
        }
    }

    /**
     * Brings the database to {@link #LATEST}; does nothing if it is there.
     *
     * @param dataSource where to connect
     * @param dialect    the database
     * @return the number of migrations run
     * @throws StoreException if a migration fails or the history does not match the scripts
     */
    static int migrate(DataSource dataSource, Dialect dialect) {
        try {
            return Flyway.configure(Migrations.class.getClassLoader())
                    .dataSource(dataSource)
                    .table(HISTORY)
                    .resourceProvider(new Scripts(dialect))
                    .javaMigrationClassProvider(List::of)
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .baselineDescription("ReferralKit: schema held other tables")
                    .ignoreMigrationPatterns(new String[0])
                    .validateMigrationNaming(true)
                    .cleanDisabled(true)
                    .loggers("slf4j")
                    .load()
                    .migrate()
                    .migrationsExecuted;
        } catch (FlywayValidateException e) {
            throw StoreException.of(Code.SCHEMA_INVALID, "the database's ReferralKit schema does not match this library's "
                    + "migrations: " + firstLine(e.getMessage()), null, e);
        } catch (FlywayException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SQLException sql) {
                    throw SqlErrors.of("migrate the schema", sql);
                }
            }
            throw StoreException.of(Code.FAILED, "cannot migrate the schema: " + firstLine(e.getMessage()), null, e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        String m = message.strip();
        int eol = m.indexOf('\n');
        return eol < 0 ? m : m.substring(0, eol).strip();
    }

    /** One migration script: in {@code folder}, or in the dialect's folder when {@code folder} is null. */
    private record Script(String folder, String filename) {
    }

    /** Flyway's view of the scripts for one database. */
    private static final class Scripts implements ResourceProvider {
        private final List<LoadableResource> resources = new ArrayList<>();

        Scripts(Dialect dialect) {
            for (Script s : SCRIPTS) {
                resources.add(new ScriptResource("db/migration/" + (s.folder() == null ? dialect.folder() : s.folder()),
                        s.filename()));
            }
        }

        @Override
        public LoadableResource getResource(String name) {
            for (LoadableResource r : resources) {
                if (r.getRelativePath().equals(name) || r.getFilename().equals(name)) {
                    return r;
                }
            }
            return null;
        }

        @Override
        public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
            List<LoadableResource> found = new ArrayList<>();
            for (LoadableResource r : resources) {
                if (!r.getFilename().startsWith(prefix)) {
                    continue;
                }
                for (String suffix : suffixes) {
                    if (r.getFilename().endsWith(suffix)) {
                        found.add(r);
                        break;
                    }
                }
            }
            return found;
        }
    }

    /** A script read from this module's own resources. */
    private static final class ScriptResource extends LoadableResource {
        private final String path;
        private final String filename;

        ScriptResource(String folder, String filename) {
            this.path = folder + "/" + filename;
            this.filename = filename;
            if (Migrations.class.getResource("/" + path) == null) {
                throw new IllegalStateException("migration script missing from the jar: " + path);
            }
        }

        @Override
        public Reader read() {
            InputStream in = Migrations.class.getResourceAsStream("/" + path);
            if (in == null) {
                throw new UncheckedIOException(new IOException("migration script missing from the jar: " + path));
            }
            return new InputStreamReader(in, StandardCharsets.UTF_8);
        }

        @Override
        public String getAbsolutePath() {
            return path;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return path;
        }

        @Override
        public String getFilename() {
            return filename;
        }

        @Override
        public String getRelativePath() {
            return path;
        }
    }
}
