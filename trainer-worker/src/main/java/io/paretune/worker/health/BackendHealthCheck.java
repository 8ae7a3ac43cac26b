package io.paretune.worker.health;

import io.paretune.ml.backend.BackendInfo;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * What the worker computes on, as health data (backend, native build, threads, GPUs). Created at start-up, so that
 * ND4J loads before the first job and the log names the build. A backend that cannot load stops the start (a worker
 * built for CUDA carries no CPU backend to fall back to); {@link BackendInfo#current()} says what is missing.
 */
// Singleton, not ApplicationScoped: a client proxy would run the constructor (and its log line) a second time.
@Readiness
@Startup
@Singleton
public class BackendHealthCheck implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(BackendHealthCheck.class);

    private final BackendInfo info;

    public BackendHealthCheck() {
        info = BackendInfo.current();
        LOG.infof("ND4J backend: %s (chosen: %s; %s)", info.describe(), info.selected(), info.reason());
        if (!info.loadedAsSelected()) {
            LOG.warnf("ND4J loaded %s, not the chosen %s: something loaded ND4J before NativeBuild.apply()",
                    info.build(), info.selected());
        }
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("nd4j-backend").up()
                .withData("backend", info.backend())
                .withData("build", info.build())
                .withData("selected", info.selected())
                .withData("helpers", info.helpers())
                .withData("cpu", info.cpu())
                .withData("ompThreads", info.ompThreads())
                .withData("blasThreads", info.blasThreads());
        for (int i = 0; i < info.gpus().size(); i++) {
            BackendInfo.Gpu gpu = info.gpus().get(i);
            response.withData("gpu" + i, gpu.name()).withData("gpu" + i + "MemoryBytes", gpu.totalMemoryBytes());
        }
        return response.build();
    }
}
