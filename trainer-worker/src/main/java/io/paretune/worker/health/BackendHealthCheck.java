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
 * Ready once ND4J has loaded; its data say what the worker computes on (backend, native build, threads, GPUs). Created
 * at start-up, so that ND4J loads (and a broken native library shows) before the first job, and the log names the build.
 */
// Singleton, not ApplicationScoped: a client proxy would run the constructor (and its log line) a second time.
@Readiness
@Startup
@Singleton
public class BackendHealthCheck implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(BackendHealthCheck.class);

    private final BackendInfo info;
    private final RuntimeException failure;

    public BackendHealthCheck() {
        BackendInfo loaded = null;
        RuntimeException error = null;
        try {
            loaded = BackendInfo.current();
            LOG.infof("ND4J backend: %s (chosen: %s; %s)", loaded.describe(), loaded.selected(), loaded.reason());
            if (!loaded.loadedAsSelected()) {
                LOG.warnf("ND4J loaded %s, not the chosen %s: something loaded ND4J before NativeBuild.apply()",
                        loaded.build(), loaded.selected());
            }
        } catch (RuntimeException e) {
            error = e;
            LOG.error("ND4J did not load", e);
        }
        this.info = loaded;
        this.failure = error;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("nd4j-backend");
        if (info == null) {
            return response.down().withData("error", String.valueOf(failure)).build();
        }
        response.up()
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
