package io.paretune.controller.persistence;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;

/**
 * Runs a test class against PostgreSQL at 127.0.0.1:5432 (database {@code test}, user {@code postgres}, trust
 * authentication), in its own schema that Flyway empties at start. A test profile re-augments the application, so
 * the build-time {@code quarkus.datasource.db-kind} really changes here. Classes using it are annotated
 * {@code @EnabledIf(value = "io.paretune.controller.persistence.PostgresProfile#reachable", disabledReason = SKIPPED)}:
 * skipped where no server listens, and the test report says so.
 */
public class PostgresProfile implements QuarkusTestProfile {

    static final String HOST = System.getProperty("paretune.test.pg.host", "127.0.0.1");
    static final int PORT = Integer.getInteger("paretune.test.pg.port", 5432);
    static final String SCHEMA = "paretune_controller_test";
    /** Why a PostgreSQL variant was skipped, as the test report shows it. */
    public static final String SKIPPED = "no PostgreSQL server answers on paretune.test.pg.host:paretune.test.pg.port "
            + "(default 127.0.0.1:5432, database test, user postgres, trust authentication); the H2 variant ran";

    public static boolean reachable() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, PORT), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.datasource.db-kind", "postgresql",
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://" + HOST + ":" + PORT + "/test?currentSchema=" + SCHEMA,
                "quarkus.datasource.username", "postgres",
                "quarkus.flyway.schemas", SCHEMA,
                "quarkus.flyway.clean-at-start", "true");
    }
}
