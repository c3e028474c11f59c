package dev.referralkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.referralkit.jdbc.internal.Dialect;
import dev.referralkit.jdbc.internal.JdbcStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on H2 in file mode, the embedded default: a new database file per test. */
class H2StoreTest extends StoreContract {
    private static final AtomicInteger FILES = new AtomicInteger();

    @TempDir
    static Path dir;

    private String url;

    @Override
    DataSource freshStore() {
        url = "jdbc:h2:file:" + dir.resolve("store" + FILES.incrementAndGet());
        return UrlDataSource.of(url, "sa", "");
    }

    @Override
    Dialect dialect() {
        return Dialect.H2;
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

    @Test
    void a_user_who_may_not_make_commits_durable_is_refused() throws SQLException {
        store.close();
        store = null;
        sql("CREATE USER app PASSWORD 'app'");
        sql("GRANT ALL ON SCHEMA PUBLIC TO app");
        assertThatThrownBy(() -> JdbcStore.open(UrlDataSource.of(url, "app", "app")))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(StoreException.Code.FAILED))
                .hasMessageStartingWith("H2 keeps commits in memory for a while (WRITE_DELAY) unless an administrator"
                        + " sets it to 0, and a killed process would lose them: open the store as an H2 administrator (");
    }
}
