package dev.referralkit.jdbc.internal;

import dev.referralkit.jdbc.StoreException;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The databases the store runs on, told apart by the connection's metadata. Reads and the schema are
 * the same SQL on both; writes differ: PostgreSQL takes a batch's journal rows, state log row and entries
 * as arrays in one statement ({@link PostgresArrays}), H2 takes JDBC batches.
 */
public enum Dialect {
    /** PostgreSQL 12 or later (the tests run 14). */
    POSTGRESQL("postgresql"),
    /** H2 2.x, embedded (file) or server. */
    H2("h2");

    private final String folder;

    Dialect(String folder) {
        this.folder = folder;
    }

    /** @return the folder of this database's own migrations, under {@code db/migration} */
    String folder() {
        return folder;
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
