package io.paretune.bench.stack;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The benchmarks' own database on a real PostgreSQL server (127.0.0.1:5432, user postgres, trust authentication). */
class FreshDatabaseTest {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    private static List<String> databases() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
             ResultSet rows = c.createStatement().executeQuery("SELECT datname FROM pg_database")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    private static boolean serverAnswers() {
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "")) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Test
    void isCreatedEmptyUsableAndDroppedUnlessKept() throws Exception {
        Assumptions.assumeTrue(serverAnswers(), "no PostgreSQL server on 127.0.0.1:5432");
        String dropped;
        try (FreshDatabase db = FreshDatabase.create(SERVER, "postgres", "", "paretune_bench_test")) {
            dropped = db.name();
            assertThat(db.url()).isEqualTo(SERVER + db.name());
            try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
                 ResultSet tables = c.createStatement().executeQuery(
                         "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
                tables.next();
                assertThat(tables.getInt(1)).as("empty: the controller's migrations build the schema").isZero();
            }
            assertThat(databases()).contains(db.name());
        }
        assertThat(databases()).doesNotContain(dropped);

        String kept;
        try (FreshDatabase db = FreshDatabase.create(SERVER, "postgres", "", "paretune_bench_test")) {
            db.keep();
            kept = db.name();
        }
        try {
            assertThat(databases()).contains(kept);
        } finally {
            try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "")) {
                c.createStatement().execute("DROP DATABASE " + kept);
            }
        }
    }

    @Test
    void refusesAServerUrlItCannotAppendANameTo() {
        assertThatThrownBy(() -> FreshDatabase.create("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "",
                "x")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must end in '/'");
    }
}
