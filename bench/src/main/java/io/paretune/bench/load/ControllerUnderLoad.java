package io.paretune.bench.load;

import io.paretune.bench.stack.DatabaseServerOptions;
import io.paretune.bench.stack.FreshDatabase;
import io.paretune.bench.stack.LocalServices;
import io.paretune.bench.stack.ServiceProcess;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The controller the load benchmark measures: the packaged jar built with the PostgreSQL profile, on a database of
 * its own (or the default H2 build on a file database), beside a broker (its readiness and reconcile loop need one), with API keys on and every quota and the
 * write rate set on its command line so that the result says what protections were in force.
 */
final class ControllerUnderLoad {

    /** Where {@code ./paretune bench load} builds the controller with {@code -Dquarkus.profile=pg}. */
    static final String PG_APP = "search-controller/target/quarkus-app-pg/quarkus-run.jar";

    private final URI url;
    private final long pid;
    private final Map<String, Object> description;

    private ControllerUnderLoad(URI url, long pid, Map<String, Object> description) {
        this.url = url;
        this.pid = pid;
        this.description = description;
    }

    /**
     * Starts broker, database and controller; each is added to {@code started} so that the caller stops it.
     *
     * @param dbServer where to create a fresh database for the PostgreSQL build; null: the default (H2) build on a
     *                 file database in the work directory
     */
    static ControllerUnderLoad start(LocalServices stack, DatabaseServerOptions dbServer,
                                     Map<String, String> keys, double writesPerSecond, int writeBurst, boolean keep,
                                     List<AutoCloseable> started) throws Exception {
        Path jar = dbServer == null ? stack.jar("search-controller") : stack.root().resolve(PG_APP);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: ./paretune bench load builds it" + (dbServer == null
                    ? "" : " (mvn package -Dquarkus.profile=pg -Dquarkus.package.output-directory=quarkus-app-pg "
                    + "-pl shared/contract,search-controller -am)"));
        }
        System.err.println("starting the broker");
        ServiceProcess broker = stack.broker().start();
        started.add(broker);
        broker.awaitReady(Duration.ofMinutes(2));
        Map<String, String> settings = new LinkedHashMap<>();
        Map<String, String> env = Map.of();
        String database = "H2 file database in the work directory (the default build)";
        if (dbServer != null) {
            FreshDatabase db = dbServer.create("paretune_load");
            if (keep) {
                db.keep();
            }
            started.add(db);
            settings.put("quarkus.profile", "pg");
            env = Map.of("PARETUNE_DB_URL", db.url(), "PARETUNE_DB_USER", db.user(),
                    "PARETUNE_DB_PASSWORD", db.password());
            database = "PostgreSQL " + dbServer.server() + ", fresh database " + db.name()
                    + (keep ? " (kept)" : " (dropped afterwards)");
        }
        Path keysFile = stack.work().resolve("api-keys");
        ApiKeys.writeOperators(keysFile, keys);

        settings.put("paretune.auth.enabled", "true");
        settings.put("paretune.auth.api-keys-file", keysFile.toString());
        // The product's defaults, written out: the figures hold for a controller with its protections on.
        settings.put("paretune.quota.active-campaigns", "20");
        settings.put("paretune.quota.parallel-trials", "64");
        settings.put("paretune.quota.epochs", "200000");
        settings.put("paretune.quota.writes-per-second", format(writesPerSecond));
        settings.put("paretune.quota.write-burst", Integer.toString(writeBurst));
        int port = LocalServices.freePort();
        System.err.println("starting the controller (" + database + ")");
        ServiceProcess controller = stack.controller(jar, port, settings, env);
        controller.start();
        started.add(controller);
        controller.awaitReady(Duration.ofMinutes(3));

        Map<String, Object> description = new LinkedHashMap<>();
        description.put("controller", "packaged search-controller (" + stack.root().relativize(jar) + "), -Xmx512m "
                + "-XX:+UseSerialGC as ./paretune up runs it, started by the benchmark");
        description.put("database", database);
        Map<String, String> shown = new LinkedHashMap<>(settings);
        shown.remove("paretune.auth.api-keys-file");
        description.put("controllerSettings", shown);
        description.put("protections", "API keys on, one key (caller) per client: each client has its own write "
                + "bucket of " + format(writesPerSecond) + "/s after a burst of " + writeBurst
                + " and its own quotas (product defaults); a 429 is counted under throttled429 and retried after "
                + "Retry-After");
        return new ControllerUnderLoad(URI.create("http://127.0.0.1:" + port), controller.pid(), description);
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    URI url() {
        return url;
    }

    long pid() {
        return pid;
    }

    Map<String, Object> describe() {
        return description;
    }
}
