package io.paretune.bench.stack;

import picocli.CommandLine.Option;

import java.sql.SQLException;

/**
 * The PostgreSQL server on which a benchmark that runs the controller's PostgreSQL build creates its fresh database:
 * the options such a command takes, as a picocli mixin.
 *
 * <pre>{@code
 * @Mixin DatabaseServerOptions database;
 * try (FreshDatabase db = database.create("paretune_load")) { ... }
 * }</pre>
 */
public final class DatabaseServerOptions {

    @Option(names = "--db-server", paramLabel = "JDBC_URL", defaultValue = "jdbc:postgresql://127.0.0.1:5432/",
            description = "PostgreSQL server for the controller's fresh database (default ${DEFAULT-VALUE})")
    String server;

    @Option(names = "--db-user", defaultValue = "postgres", description = "its user (default ${DEFAULT-VALUE})")
    String user;

    @Option(names = "--db-password", defaultValue = "${env:PARETUNE_DB_PASSWORD:-}",
            description = "its password (default $PARETUNE_DB_PASSWORD, else none)")
    String password;

    public String server() {
        return server;
    }

    /** A new empty database named {@code prefix} and the time, dropped when closed (unless kept). */
    public FreshDatabase create(String prefix) throws SQLException {
        return FreshDatabase.create(server, user, password, prefix);
    }
}
