package io.paretune.bench.chaos;

import io.paretune.bench.stack.FreshDatabase;
import io.paretune.bench.stack.LocalServices;
import io.paretune.bench.stack.ServiceProcess;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The local stack as separate processes, each of which can be killed with SIGKILL and started again on the same
 * state: the broker on its kept log directory, the controller (PostgreSQL build) on its own database, the evaluator
 * and the workers. Settings are the product's defaults but for authentication (off, as {@code ./paretune up} runs it).
 */
final class ChaosStack implements AutoCloseable {

    static final Duration READY = Duration.ofMinutes(3);

    private final Map<String, ServiceProcess> processes = new LinkedHashMap<>();
    private final FreshDatabase db;
    private final int controllerPort = LocalServices.freePort();

    private ChaosStack(FreshDatabase db) {
        this.db = db;
    }

    static ChaosStack start(LocalServices stack, Path controllerJar, FreshDatabase db, int workers) throws Exception {
        ChaosStack chaos = new ChaosStack(db);
        try {
            chaos.add(stack.broker()).start().awaitReady(READY);
            Map<String, String> settings = Map.of("quarkus.profile", "pg", "paretune.auth.enabled", "false");
            chaos.add(stack.controller(controllerJar, chaos.controllerPort, settings, Map.of(
                    "PARETUNE_DB_URL", db.url(), "PARETUNE_DB_USER", db.user(),
                    "PARETUNE_DB_PASSWORD", db.password()))).start();
            chaos.add(stack.evaluator(LocalServices.freePort(), Map.of())).start();
            for (int i = 1; i <= workers; i++) {
                chaos.add(stack.worker("worker-" + i, LocalServices.freePort(), Map.of())).start();
            }
            for (ServiceProcess p : chaos.processes.values()) {
                p.awaitReady(READY);
                System.err.println(p.name() + " ready (pid " + p.pid() + ")");
            }
        } catch (Exception e) {
            chaos.close();
            throw e;
        }
        return chaos;
    }

    private ServiceProcess add(ServiceProcess p) {
        processes.put(p.name(), p);
        return p;
    }

    ServiceProcess process(String name) {
        ServiceProcess p = processes.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no process " + name + " in " + processes.keySet());
        }
        return p;
    }

    String controllerUrl() {
        return "http://127.0.0.1:" + controllerPort;
    }

    List<String> names() {
        return List.copyOf(processes.keySet());
    }

    /** Stops the services, then the broker (so that they close their clients against it), then drops the database. */
    @Override
    public void close() throws Exception {
        List<ServiceProcess> all = List.copyOf(processes.values());
        for (int i = all.size() - 1; i >= 0; i--) {
            all.get(i).close();
        }
        db.close();
    }
}
