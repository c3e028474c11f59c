package dev.referralkit.jdbc.internal;

import dev.referralkit.jdbc.StoreException;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The databases the store runs on, told apart by the connection's metadata. Everything but the
 * upsert of a record is the same SQL on both.
 */
public enum Dialect {
    /** PostgreSQL 12 or later (the tests run 14). */
    POSTGRESQL("postgresql",
            "INSERT INTO rk_state (kind, key_bytes, version, value_bytes) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (kind, key_bytes) DO UPDATE SET version = EXCLUDED.version, value_bytes = EXCLUDED.value_bytes"),
    /** H2 2.x, embedded (file) or server. */
    H2("h2",
            "MERGE INTO rk_state (kind, key_bytes, version, value_bytes) KEY (kind, key_bytes) VALUES (?, ?, ?, ?)");

    private final String folder;
    private final String upsertState;

    Dialect(String folder, String upsertState) {
        this.folder = folder;
        this.upsertState = upsertState;
    }

    /** @return the folder of this database's own migrations, under {@code db/migration} */
    String folder() {
        return folder;
    }

    /** @return the statement that inserts or replaces one record: kind, key, version, value */
    String upsertState() {
        return upsertState;
    }

    /**
     * @param metadata an open connection's metadata
     * @return the dialect
     * @throws SQLException        if the metadata cannot be read
     * @throws StoreException      {@code UNSUPPORTED_DATABASE} for any other database
     */
    static Dialect of(DatabaseMetaData metadata) throws SQLException {
        String product = metadata.getDatabaseProductName();
        String name = product == null ? "" : product.toLowerCase(Locale.ROOT);
        if (name.equals("postgresql")) {
            return POSTGRESQL;
        }
        if (name.equals("h2")) {
            return H2;
        }
        throw StoreException.of(StoreException.Code.UNSUPPORTED_DATABASE,
                "the store runs on PostgreSQL or H2, not on " + product + " " + metadata.getDatabaseProductVersion(),
                null, null);
    }
}
