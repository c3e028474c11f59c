package dev.referralkit.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;

/** The durable engine's contract on H2 in file mode, the embedded default: a new database file per test. */
class H2DurableEngineTest extends DurableEngineContract {
    private static final AtomicInteger FILES = new AtomicInteger();

    @TempDir
    static Path dir;

    @Override
    DataSource freshStore() {
        return UrlDataSource.of("jdbc:h2:file:" + dir.resolve("engine" + FILES.incrementAndGet()), "sa", "");
    }

    @Override
    void killStoreSessions() throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            List<Integer> others = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT SESSION_ID FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID <> SESSION_ID()")) {
                while (rs.next()) {
                    others.add(rs.getInt(1));
                }
            }
            for (int id : others) {
                s.execute("CALL ABORT_SESSION(" + id + ")");
            }
        }
    }
}
