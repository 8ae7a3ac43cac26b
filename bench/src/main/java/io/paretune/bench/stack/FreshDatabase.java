package io.paretune.bench.stack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * A PostgreSQL database of its own for one benchmark run, created empty on the server (the controller's Flyway
 * migrations build the schema) and dropped afterwards, so that reruns never read an earlier run's rows.
 *
 * <pre>{@code
 * try (FreshDatabase db = FreshDatabase.create("jdbc:postgresql://127.0.0.1:5432/", "postgres", "", "paretune_load")) {
 *     start the controller on db.url()
 * }
 * }</pre>
 */
public final class FreshDatabase implements AutoCloseable {

    private final String server;
    private final Properties login;
    private final String name;
    private boolean keep;

    private FreshDatabase(String server, Properties login, String name) {
        this.server = server;
        this.login = login;
        this.name = name;
    }

    /**
     * @param server a JDBC URL ending in {@code /} (the database name is appended)
     * @param prefix the new database's name is this plus the time in milliseconds
     */
    public static FreshDatabase create(String server, String user, String password, String prefix)
            throws SQLException {
        if (!server.endsWith("/")) {
            throw new IllegalArgumentException("the server's JDBC URL must end in '/': " + server);
        }
        Properties login = new Properties();
        login.setProperty("user", user);
        login.setProperty("password", password);
        FreshDatabase db = new FreshDatabase(server, login, prefix + "_" + System.currentTimeMillis());
        db.execute("CREATE DATABASE " + db.name);
        return db;
    }

    public String url() {
        return server + name;
    }

    public String name() {
        return name;
    }

    public String user() {
        return login.getProperty("user");
    }

    public String password() {
        return login.getProperty("password");
    }

    /** Leaves the database on the server when closed, for a look at it after the run. */
    public void keep() {
        keep = true;
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(server + "postgres", login);
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        if (!keep) {
            execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
