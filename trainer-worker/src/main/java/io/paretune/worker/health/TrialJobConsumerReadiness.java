package io.paretune.worker.health;

import io.paretune.worker.messaging.TrialJobConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the trial-job consumer loop runs: a worker whose loop died takes no jobs. */
@Readiness
@ApplicationScoped
public class TrialJobConsumerReadiness implements HealthCheck {

    private final TrialJobConsumer consumer;

    public TrialJobConsumerReadiness(TrialJobConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("trial-job-consumer").status(consumer.alive()).build();
    }
}
